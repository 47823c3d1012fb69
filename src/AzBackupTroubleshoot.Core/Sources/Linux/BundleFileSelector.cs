using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// Chooses what goes into a log bundle: the logs the article asks for (<c>/var/lib/waagent/*.xml</c> and the goal-state
    /// history, <c>/var/log/waagent.log*</c>, <c>/var/log/azure/**</c>, waagent.conf, vmbackup.conf, the extensions' status
    /// files), and every file the checks read (units, leases, network configuration, the agent's proc and sys files), so
    /// the bundle can be analysed as a root. Other processes' command lines are not taken.
    /// </summary>
    public sealed class BundleFileSelector
    {
        /// <summary>
        /// The most files a bundle takes: 10,000 (an agent's logs, history and extensions' files are a few hundred). A
        /// Lib.Dir or Extension.LogDir pointing at <c>/</c> would otherwise take the whole disk; past the limit nothing more is
        /// listed or taken, and the bundle's list of what was left out says where it stopped.
        /// </summary>
        public const int MaxFiles = 10000;

        private static readonly Regex Extension = new Regex(@"^[A-Za-z0-9_.]+-[0-9]+(\.[0-9]+)+$", RegexOptions.CultureInvariant);

        private readonly int _maxFiles;

        /// <summary>Creates a selector that takes at most <see cref="MaxFiles"/> files.</summary>
        public BundleFileSelector()
            : this(MaxFiles)
        {
        }

        internal BundleFileSelector(int maxFiles)
        {
            _maxFiles = maxFiles > 0 ? maxFiles : throw new ArgumentOutOfRangeException(nameof(maxFiles));
        }

        /// <summary>
        /// The root-relative paths of the files to bundle, the directories to record as empty entries, and the folders that
        /// could not be listed (their files are unknown: the bundle's list of what was left out names them).
        /// </summary>
        public (IReadOnlyList<string> Files, IReadOnlyList<string> Directories, IReadOnlyList<FileProblem> Unlisted) Select(ILinuxRoot root, LinuxFacts facts)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (facts is null)
            {
                throw new ArgumentNullException(nameof(facts));
            }

            var files = new Taken(_maxFiles);
            var directories = new SortedSet<string>(StringComparer.Ordinal);
            var unlisted = new List<FileProblem>();
            var conf = facts.WaagentConf.Value;
            // A setting with '..' (RootPath.ClimbingProblem) is not followed: the listing of such a path is simply unreadable.
            var libDir = RootPath.TryNormalize(conf?.LibDir ?? "/var/lib/waagent", out var libNormalized) ? libNormalized : conf!.LibDir;
            var extLogDir = RootPath.TryNormalize(conf?.ExtensionLogDir ?? "/var/log/azure", out var extLog) ? extLog : conf!.ExtensionLogDir;
            var policyPath = RootPath.TryNormalize(conf?.PolicyFilePath ?? "/etc/waagent_policy.json", out var policy) ? policy : WaagentConf.DefaultPath;

            foreach (var path in new[]
            {
                WaagentConf.DefaultPath, SnapshotExtensionReader.ConfigPath, policyPath,
                "etc/environment", "etc/os-release", "usr/lib/os-release", "etc/debian_version", "etc/default/walinuxagent",
                "proc/meminfo", "proc/loadavg", "proc/stat", "proc/1/cmdline", AzurePlatformReader.AssetTagPath,
                "etc/network/interfaces",
                FilesystemReader.MountTablePaths[0], FilesystemReader.FstabPath, RuntimeReader.DpkgStatusPath, RuntimeReader.SelinuxConfigPath,
            })
            {
                AddFile(root, files, path);
            }

            // The agent's library folder: top-level files, the goal-state history, the agents' and extensions' folders.
            foreach (var entry in root.List(libDir).Noting(unlisted))
            {
                var path = RootPath.Combine(libDir, entry.Name);
                if (entry.Kind == RootEntryKind.File)
                {
                    files.Add(path);
                }
                else if (entry.Kind == RootEntryKind.Directory && entry.Name == "history")
                {
                    AddTree(root, files, unlisted, path);
                }
                else if (entry.Kind == RootEntryKind.Directory && Extension.IsMatch(entry.Name))
                {
                    directories.Add(path);
                    foreach (var name in new[] { "HandlerManifest.json", "HandlerEnvironment.json", "manifest.xml", "mrseq", "heartbeat.log" })
                    {
                        AddFile(root, files, RootPath.Combine(path, name));
                    }

                    AddTree(root, files, unlisted, RootPath.Combine(path, "status"));
                    AddTree(root, files, unlisted, RootPath.Combine(path, "config"));
                }
            }

            AddMatching(root, files, unlisted, "var/log", n => n.StartsWith("waagent.log", StringComparison.Ordinal));
            AddTree(root, files, unlisted, extLogDir);

            foreach (var name in AgentUnitReader.UnitNames)
            {
                foreach (var dir in AgentUnitReader.UnitDirectories)
                {
                    AddFile(root, files, RootPath.Combine(dir, name + ".service"));
                    AddMatching(root, files, unlisted, RootPath.Combine(dir, name + ".service.d"), n => n.EndsWith(".conf", StringComparison.Ordinal));
                    foreach (var wants in root.List(dir).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory && (e.Name.EndsWith(".wants", StringComparison.Ordinal) || e.Name.EndsWith(".requires", StringComparison.Ordinal))))
                    {
                        var link = RootPath.Combine(RootPath.Combine(dir, wants.Name), name + ".service");
                        if (root.GetKind(link) != RootEntryKind.None)
                        {
                            files.Add(link);
                        }
                    }
                }

                AddFile(root, files, $"etc/init/{name}.conf");
                AddFile(root, files, $"etc/init/{name}.override");
            }

            foreach (var process in facts.Processes.AgentProcesses)
            {
                AddFile(root, files, $"proc/{process.Pid}/cmdline");
            }

            foreach (var lib in AgentVersionReader.LibraryFolders)
            {
                foreach (var python in root.List(lib).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory && e.Name.StartsWith("python", StringComparison.Ordinal)))
                {
                    foreach (var leaf in new[] { "dist-packages", "site-packages" })
                    {
                        var folder = RootPath.Combine(RootPath.Combine(lib, python.Name), leaf);
                        foreach (var marker in root.List(folder).Noting(unlisted).Where(e => e.Name.StartsWith("WALinuxAgent-", StringComparison.Ordinal)))
                        {
                            var path = RootPath.Combine(folder, marker.Name);
                            if (marker.Kind == RootEntryKind.Directory)
                            {
                                directories.Add(path);
                            }
                            else
                            {
                                files.Add(path);
                            }
                        }

                        AddFile(root, files, RootPath.Combine(folder, "azurelinuxagent/common/version.py"));
                    }
                }
            }

            // The python3.N standard-library folders (empty entries: their names give python3's version) and SELinux's local policy for the agent.
            foreach (var python in root.List("usr/lib").Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory && e.Name.StartsWith("python3.", StringComparison.Ordinal)))
            {
                directories.Add(RootPath.Combine("usr/lib", python.Name));
            }

            var selinuxPolicy = facts.Runtime.Selinux.Config.Value?.Policy;
            if (selinuxPolicy != null)
            {
                AddFile(root, files, $"etc/selinux/{selinuxPolicy}/contexts/files/file_contexts.local");
                foreach (var store in new[] { $"var/lib/selinux/{selinuxPolicy}/active/modules", $"etc/selinux/{selinuxPolicy}/active/modules" })
                {
                    foreach (var priority in root.List(store).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory))
                    {
                        foreach (var module in root.List(RootPath.Combine(store, priority.Name)).Noting(unlisted).Where(e => e.Name.IndexOf("waagent", StringComparison.OrdinalIgnoreCase) >= 0))
                        {
                            directories.Add(RootPath.Combine(RootPath.Combine(store, priority.Name), module.Name));
                        }
                    }
                }
            }

            foreach (var (folder, name, _) in DhcpLeaseReader.LeaseLocations)
            {
                AddMatching(root, files, unlisted, folder, n => name.IsMatch(n));
            }

            AddMatching(root, files, unlisted, "etc/network/interfaces.d", _ => true);
            AddMatching(root, files, unlisted, "etc/netplan", n => n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".yml", StringComparison.Ordinal));
            AddMatching(root, files, unlisted, "etc/NetworkManager/system-connections", _ => true);
            AddMatching(root, files, unlisted, "etc/sysconfig/network-scripts", n => n.StartsWith("ifcfg-", StringComparison.Ordinal));
            AddMatching(root, files, unlisted, "etc/sysconfig/network", n => n.StartsWith("ifcfg-", StringComparison.Ordinal));
            AddMatching(root, files, unlisted, "etc/systemd/network", n => n.EndsWith(".network", StringComparison.Ordinal));
            if (files.FirstRefused != null)
            {
                unlisted.Add(new FileProblem("/" + files.FirstRefused, $"not taken: the bundle's limit of {_maxFiles} files was reached here (the files listed after it were left out too)"));
            }

            return (files.Paths.ToArray(), directories.ToArray(), unlisted.GroupBy(p => p.Path, StringComparer.Ordinal).Select(g => g.First()).ToArray());
        }

        private static void AddFile(ILinuxRoot root, Taken files, string path)
        {
            if (root.GetKind(path) == RootEntryKind.File || root.ReadLink(path) != null)
            {
                files.Add(RootPath.Normalize(path));
            }
        }

        private static void AddMatching(ILinuxRoot root, Taken files, List<FileProblem> unlisted, string folder, Func<string, bool> accept)
        {
            if (files.Full)
            {
                files.Add(folder);
                return;
            }

            foreach (var entry in root.List(folder).Noting(unlisted).Where(e => e.Kind == RootEntryKind.File && accept(e.Name)))
            {
                if (!files.Add(RootPath.Combine(folder, entry.Name)))
                {
                    return;
                }
            }
        }

        private static void AddTree(ILinuxRoot root, Taken files, List<FileProblem> unlisted, string folder, int depth = 0)
        {
            if (depth > 8)
            {
                return;
            }

            if (files.Full)
            {
                files.Add(folder); // not listed at all: the limit stops the walk, not only what is taken
                return;
            }

            foreach (var entry in root.List(folder).Noting(unlisted))
            {
                var path = RootPath.Combine(folder, entry.Name);
                if (entry.Kind == RootEntryKind.File)
                {
                    if (!files.Add(path))
                    {
                        return;
                    }
                }
                else if (entry.Kind == RootEntryKind.Directory)
                {
                    AddTree(root, files, unlisted, path, depth + 1);
                }
            }
        }

        // The files taken so far, at most a limit; the first path refused is kept for the list of what was left out.
        private sealed class Taken
        {
            private readonly int _max;

            public Taken(int max)
            {
                _max = max;
            }

            public SortedSet<string> Paths { get; } = new SortedSet<string>(StringComparer.Ordinal);

            public string? FirstRefused { get; private set; }

            public bool Full => Paths.Count >= _max;

            public bool Add(string path)
            {
                if (Paths.Contains(path))
                {
                    return true;
                }

                if (Full)
                {
                    FirstRefused ??= path;
                    return false;
                }

                Paths.Add(path);
                return true;
            }
        }
    }
}
