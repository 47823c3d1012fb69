using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>A version of the agent and where it was seen.</summary>
    public sealed class AgentVersionSighting
    {
        internal AgentVersionSighting(ComponentVersion version, string evidence)
        {
            Version = version;
            Evidence = evidence;
        }

        /// <summary>The version.</summary>
        public ComponentVersion Version { get; }

        /// <summary>The file, folder or log line it was seen in.</summary>
        public string Evidence { get; }
    }

    /// <summary>Every agent version the root shows.</summary>
    public sealed class AgentVersionFacts
    {
        internal AgentVersionFacts(
            IReadOnlyList<AgentVersionSighting> installed,
            IReadOnlyList<AgentVersionSighting> autoUpdated,
            AgentVersionSighting? goalState,
            IReadOnlyList<FileProblem> malformed)
        {
            Installed = installed;
            AutoUpdated = autoUpdated;
            GoalState = goalState;
            Malformed = malformed;
        }

        /// <summary>
        /// The versions the distribution's package installed (<c>WALinuxAgent-&lt;v&gt;.egg-info</c>/<c>.dist-info</c> or
        /// <c>azurelinuxagent/common/version.py</c> under <c>usr/lib*/python*/{dist,site}-packages</c>), highest first.
        /// </summary>
        public IReadOnlyList<AgentVersionSighting> Installed { get; }

        /// <summary>Agents the daemon downloaded (<c>var/lib/waagent/WALinuxAgent-&lt;v&gt;/</c>), highest first.</summary>
        public IReadOnlyList<AgentVersionSighting> AutoUpdated { get; }

        /// <summary>The agent the log last said runs as the goal-state agent.</summary>
        public AgentVersionSighting? GoalState { get; }

        /// <summary>Version files that could not be read, and folders searched for versions that could not be listed.</summary>
        public IReadOnlyList<FileProblem> Malformed { get; }

        /// <summary>
        /// The version that handles extensions: the goal-state agent from the log when it says so, else the highest
        /// auto-updated agent when auto-update is on, else the installed package.
        /// </summary>
        public AgentVersionSighting? Effective(bool autoUpdateEnabled)
        {
            if (GoalState != null)
            {
                return GoalState;
            }

            var candidates = (autoUpdateEnabled ? AutoUpdated : Array.Empty<AgentVersionSighting>()).Concat(Installed);
            return candidates.OrderByDescending(s => s.Version).FirstOrDefault();
        }
    }

    /// <summary>Reads the installed, auto-updated and running agent versions.</summary>
    public sealed class AgentVersionReader
    {
        private static readonly Regex PackageMarker = new Regex(@"^WALinuxAgent-(?<v>[0-9]+(?:\.[0-9]+)*)(?:-py[0-9.]+)?\.(?:egg-info|dist-info)$", RegexOptions.CultureInvariant);
        private static readonly Regex AgentFolder = new Regex(@"^WALinuxAgent-(?<v>[0-9]+(?:\.[0-9]+)*)$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionLine = new Regex(@"^AGENT_VERSION\s*=\s*['""](?<v>[0-9.]+)['""]", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        /// <summary>The library folders searched for the agent's Python package.</summary>
        public static readonly IReadOnlyList<string> LibraryFolders = new[] { "usr/lib", "usr/lib64", "usr/local/lib", "usr/local/lib64" };

        /// <summary>Reads the versions; <paramref name="libDir"/> is waagent.conf's Lib.Dir, <paramref name="agentLog"/> the scanned agent log.</summary>
        public AgentVersionFacts Read(ILinuxRoot root, string libDir, FileFact<LogSummary> agentLog)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var installed = new List<AgentVersionSighting>();
            var malformed = new List<FileProblem>();
            foreach (var packages in PackageFolders(root, malformed))
            {
                foreach (var entry in root.List(packages).Noting(malformed))
                {
                    var match = PackageMarker.Match(entry.Name);
                    var version = match.Success ? ComponentVersion.TryParse(match.Groups["v"].Value) : null;
                    if (version != null)
                    {
                        installed.Add(new AgentVersionSighting(version, $"/{RootPath.Combine(packages, entry.Name)} (installed package)"));
                    }
                }

                var versionFile = RootPath.Combine(packages, "azurelinuxagent/common/version.py");
                if (root.GetKind(versionFile) == RootEntryKind.File)
                {
                    var text = TextFileDecoder.Decode(root.Read(versionFile));
                    var match = text.IsPresent ? VersionLine.Match(text.Value!) : Match.Empty;
                    var version = match.Success ? ComponentVersion.TryParse(match.Groups["v"].Value) : null;
                    if (version != null)
                    {
                        installed.Add(new AgentVersionSighting(version, $"{text.Path}: AGENT_VERSION = '{version}'"));
                    }
                    else
                    {
                        malformed.Add(new FileProblem(text.Path, text.Status == FactStatus.Malformed ? text.Problem! : "no AGENT_VERSION = '<version>' line"));
                    }
                }
            }

            var autoUpdated = new List<AgentVersionSighting>();
            foreach (var entry in root.List(libDir).Noting(malformed).Where(e => e.Kind == RootEntryKind.Directory))
            {
                var match = AgentFolder.Match(entry.Name);
                var version = match.Success ? ComponentVersion.TryParse(match.Groups["v"].Value) : null;
                if (version != null)
                {
                    autoUpdated.Add(new AgentVersionSighting(version, $"/{RootPath.Combine(libDir, entry.Name)}/ (auto-updated agent)"));
                }
            }

            AgentVersionSighting? goalState = null;
            var line = agentLog?.Value?.GoalStateLine;
            var goalVersion = ComponentVersion.TryParse(agentLog?.Value?.GoalStateVersion);
            if (line != null && goalVersion != null)
            {
                goalState = new AgentVersionSighting(goalVersion, line.Evidence(agentLog!.Path));
            }

            return new AgentVersionFacts(
                installed.GroupBy(s => s.Evidence).Select(g => g.First()).OrderByDescending(s => s.Version).ToArray(),
                autoUpdated.OrderByDescending(s => s.Version).ToArray(),
                goalState,
                malformed);
        }

        private static IEnumerable<string> PackageFolders(ILinuxRoot root, List<FileProblem> unlisted)
        {
            foreach (var lib in LibraryFolders)
            {
                foreach (var python in root.List(lib).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory && e.Name.StartsWith("python", StringComparison.Ordinal)))
                {
                    foreach (var leaf in new[] { "dist-packages", "site-packages" })
                    {
                        var folder = RootPath.Combine(RootPath.Combine(lib, python.Name), leaf);
                        if (root.GetKind(folder) == RootEntryKind.Directory)
                        {
                            yield return folder;
                        }
                    }
                }
            }
        }
    }
}
