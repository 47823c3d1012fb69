using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Finds the agent's init-system unit under both names (<c>walinuxagent</c> on Ubuntu/Debian, <c>waagent</c> elsewhere):
    /// systemd units in <c>etc/systemd/system</c>, <c>run/systemd/system</c>, <c>usr/lib/systemd/system</c> and
    /// <c>lib/systemd/system</c> (first found wins, as systemd orders them) with their drop-ins, or the upstart job
    /// <c>etc/init/&lt;name&gt;.conf</c>; whether it is enabled, masked, and restarted on failure.
    /// </summary>
    public sealed class AgentUnitReader
    {
        /// <summary>The unit names, in the order they are preferred.</summary>
        public static readonly IReadOnlyList<string> UnitNames = new[] { "walinuxagent", "waagent" };

        /// <summary>The systemd unit directories, highest precedence first.</summary>
        public static readonly IReadOnlyList<string> UnitDirectories = new[] { "etc/systemd/system", "run/systemd/system", "usr/lib/systemd/system", "lib/systemd/system" };

        /// <summary>Reads the units from a root.</summary>
        public AgentUnitFacts Read(ILinuxRoot root)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var units = new List<AgentUnit>();
            foreach (var name in UnitNames)
            {
                var unit = ReadSystemd(root, name) ?? ReadUpstart(root, name);
                if (unit != null)
                {
                    units.Add(unit);
                }
            }

            var searched = UnitDirectories.Select(d => "/" + d + "/{walinuxagent,waagent}.service")
                .Concat(new[] { "/etc/init/{walinuxagent,waagent}.conf" }).ToArray();
            return new AgentUnitFacts(units, searched);
        }

        private static AgentUnit? ReadSystemd(ILinuxRoot root, string name)
        {
            var fileName = name + ".service";
            FileFact<SystemdUnitFile>? unitFile = null;
            var masked = false;
            foreach (var dir in UnitDirectories)
            {
                var path = RootPath.Combine(dir, fileName);
                var link = root.ReadLink(path);
                if (link == "/dev/null")
                {
                    masked = true;
                    unitFile = FileFact<SystemdUnitFile>.Absent("/" + path);
                    break;
                }

                if (root.GetKind(path) == RootEntryKind.None)
                {
                    continue;
                }

                unitFile = ParseUnit(root, path);
                masked = unitFile.Value?.IsEmpty == true && (dir.StartsWith("etc/", StringComparison.Ordinal) || dir.StartsWith("run/", StringComparison.Ordinal));
                break;
            }

            if (unitFile is null)
            {
                return null;
            }

            var folderProblems = new List<FileProblem>();
            var dropIns = ReadDropIns(root, fileName, folderProblems);
            var (enabled, enabledEvidence) = FindWantsLink(root, fileName, folderProblems);
            if (masked)
            {
                enabled = false;
                enabledEvidence = $"{unitFile.Path} is masked (linked to /dev/null or empty)";
            }

            string? restart = null;
            var restartEvidence = $"Restart= is not set in {unitFile.Path} or its drop-ins (systemd's default is no)";
            var environment = new List<EnvironmentSetting>();
            foreach (var file in new[] { unitFile }.Concat(dropIns).Where(f => f.IsPresent))
            {
                foreach (var assignment in file.Value!.Assignments.Where(a => a.Section == "Service"))
                {
                    if (assignment.Key == "Restart")
                    {
                        restart = assignment.Value.Length == 0 ? null : assignment.Value;
                        restartEvidence = assignment.Evidence(file.Path);
                    }
                    else if (assignment.Key == "Environment")
                    {
                        if (assignment.Value.Length == 0)
                        {
                            environment.Clear();
                        }

                        foreach (var item in SplitEnvironment(assignment.Value))
                        {
                            var eq = item.IndexOf('=');
                            if (eq > 0)
                            {
                                environment.RemoveAll(e => e.Name == item.Substring(0, eq));
                                environment.Add(new EnvironmentSetting(item.Substring(0, eq), item.Substring(eq + 1), assignment.Evidence(file.Path)));
                            }
                        }
                    }
                }
            }

            return new AgentUnit(name, InitSystem.Systemd, unitFile, dropIns, enabled, enabledEvidence, masked, restart, restartEvidence, environment, folderProblems);
        }

        private static FileFact<SystemdUnitFile> ParseUnit(ILinuxRoot root, string path)
        {
            var text = TextFileDecoder.Decode(root.Read(path));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<SystemdUnitFile>.Absent(text.Path) : FileFact<SystemdUnitFile>.Malformed(text.Path, text.Problem!);
            }

            var parsed = SystemdUnitFile.Parse(text.Value!, out var problem);
            return parsed is null ? FileFact<SystemdUnitFile>.Malformed(text.Path, problem!) : FileFact<SystemdUnitFile>.Present(text.Path, parsed);
        }

        private static IReadOnlyList<FileFact<SystemdUnitFile>> ReadDropIns(ILinuxRoot root, string fileName, List<FileProblem> unlisted)
        {
            // Same file name in a higher-precedence directory replaces the lower one; the rest apply in name order.
            var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var dir in UnitDirectories.Reverse())
            {
                var dropInDir = RootPath.Combine(dir, fileName + ".d");
                foreach (var entry in root.List(dropInDir).Noting(unlisted).Where(e => e.Name.EndsWith(".conf", StringComparison.Ordinal)))
                {
                    byName[entry.Name] = RootPath.Combine(dropInDir, entry.Name);
                }
            }

            return byName.Values.Select(p => ParseUnit(root, p)).ToArray();
        }

        private static (bool Enabled, string Evidence) FindWantsLink(ILinuxRoot root, string fileName, List<FileProblem> unlisted)
        {
            var before = unlisted.Count;
            foreach (var dir in UnitDirectories)
            {
                foreach (var entry in root.List(dir).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory &&
                             (e.Name.EndsWith(".wants", StringComparison.Ordinal) || e.Name.EndsWith(".requires", StringComparison.Ordinal))))
                {
                    var link = RootPath.Combine(RootPath.Combine(dir, entry.Name), fileName);
                    if (root.GetKind(link) != RootEntryKind.None || root.ReadLink(link) != null)
                    {
                        return (true, $"/{link} exists (enabled)");
                    }
                }
            }

            return unlisted.Count > before
                ? (false, $"no {fileName} link in the *.wants/ directories that could be listed (unknown: {string.Join(", ", unlisted.Skip(before).Select(p => p.Path))} could not be listed)")
                : (false, $"no {fileName} link in any /etc/systemd/system/*.wants/ directory (disabled)");
        }

        private static AgentUnit? ReadUpstart(ILinuxRoot root, string name)
        {
            var path = $"etc/init/{name}.conf";
            if (root.GetKind(path) == RootEntryKind.None)
            {
                return null;
            }

            var text = TextFileDecoder.Decode(root.Read(path));
            if (!text.IsPresent)
            {
                var fact = text.Status == FactStatus.Absent ? FileFact<SystemdUnitFile>.Absent(text.Path) : FileFact<SystemdUnitFile>.Malformed(text.Path, text.Problem!);
                return new AgentUnit(name, InitSystem.Upstart, fact, Array.Empty<FileFact<SystemdUnitFile>>(), false, fact.Describe(), false, null, fact.Describe(), Array.Empty<EnvironmentSetting>());
            }

            string? restart = null;
            var restartEvidence = $"{text.Path}: no 'respawn' stanza";
            var environment = new List<EnvironmentSetting>();
            var lines = TextFileDecoder.Lines(text.Value!);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                var evidence = $"{text.Path} line {(i + 1).ToString(CultureInfo.InvariantCulture)}: {line}";
                if (line == "respawn" || line.StartsWith("respawn ", StringComparison.Ordinal))
                {
                    restart = "respawn";
                    restartEvidence = evidence;
                }
                else if (line.StartsWith("env ", StringComparison.Ordinal))
                {
                    var item = line.Substring(4).Trim();
                    var eq = item.IndexOf('=');
                    if (eq > 0)
                    {
                        environment.Add(new EnvironmentSetting(item.Substring(0, eq), item.Substring(eq + 1).Trim('"'), evidence));
                    }
                }
            }

            var overridePath = $"etc/init/{name}.override";
            var overrideText = TextFileDecoder.Decode(root.Read(overridePath));
            var manual = overrideText.IsPresent && TextFileDecoder.Lines(overrideText.Value!).Any(l => l.Trim() == "manual");
            var enabledEvidence = manual ? $"{overrideText.Path} says 'manual' (disabled)" : $"{text.Path} exists and no override sets 'manual' (enabled)";
            var parsed = SystemdUnitFile.Parse(string.Empty, out _)!;
            return new AgentUnit(name, InitSystem.Upstart, FileFact<SystemdUnitFile>.Present(text.Path, parsed), Array.Empty<FileFact<SystemdUnitFile>>(), !manual, enabledEvidence, false, restart, restartEvidence, environment);
        }

        // Environment= takes space-separated NAME=value words; double or single quotes group a word.
        private static IEnumerable<string> SplitEnvironment(string value)
        {
            var word = new StringBuilder();
            char quote = '\0';
            foreach (var c in value)
            {
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                    else
                    {
                        word.Append(c);
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }
                }
                else
                {
                    word.Append(c);
                }
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }
    }
}
