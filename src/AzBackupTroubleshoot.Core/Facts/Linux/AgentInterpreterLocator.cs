using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Finds the python the agent's daemon runs, without running anything, the way Microsoft's VM assist does
    /// (Azure/azure-support-scripts, commit 6c9066ea88387ac46ebc800ff36cd8b310a76b32, <c>vmassist/linux/vmassist.sh</c>
    /// lines 278-303): the python the systemd unit's <c>ExecStart=</c> names (<c>/usr/bin/python3 -u /usr/sbin/waagent
    /// -daemon</c> on Ubuntu and RHEL), else the <c>#!</c> line of the waagent script (the one <c>ExecStart=</c> names, else
    /// <c>/usr/sbin/waagent</c> or <c>/usr/bin/waagent</c>). A bare name (<c>python3</c>, or <c>#!/usr/bin/env python3</c>)
    /// is looked up in <see cref="SearchPath"/>. The result is a path inside the root, not yet checked as safe to run.
    /// </summary>
    internal sealed class AgentInterpreterLocator
    {
        /// <summary>Where the waagent script is looked for when the unit names none (the packages' and setup.py's place first).</summary>
        public static readonly IReadOnlyList<string> ScriptPaths = new[] { "usr/sbin/waagent", "usr/bin/waagent", "sbin/waagent", "bin/waagent" };

        /// <summary>The folders a bare interpreter name is looked up in: systemd's fixed search path, then /sbin and /bin.</summary>
        public static readonly IReadOnlyList<string> SearchPath = new[] { "usr/local/sbin", "usr/local/bin", "usr/sbin", "usr/bin", "sbin", "bin" };

        /// <summary>The most of the waagent script read for its first line.</summary>
        public const int MaxScriptHeadBytes = 4096;

        /// <summary>Finds the interpreter; on success <paramref name="interpreter"/> is an absolute path in the root.</summary>
        /// <returns>Null on success, else the facts that say why none was found or why the one named is refused.</returns>
        public AgentPythonFacts? Locate(ILinuxRoot root, AgentUnitFacts units, List<string> evidence, out string interpreter)
        {
            interpreter = string.Empty;
            var unit = units.Primary;
            IReadOnlyList<string> scripts = ScriptPaths;
            var execStart = unit?.InitSystem == InitSystem.Systemd ? EffectiveExecStart(unit) : null;
            if (execStart != null)
            {
                evidence.Add(execStart.Value.Evidence);
                var words = execStart.Value.Words;
                var first = words[0].TrimStart('@', '-', ':', '+', '!').Trim('"', '\'');
                var name = RootPath.FileName(first);
                if (name.StartsWith("python", StringComparison.Ordinal))
                {
                    return Named(root, first, execStart.Value.Path, $"{execStart.Value.Path}'s ExecStart", evidence, out interpreter);
                }

                if (name == "waagent" && first.StartsWith("/", StringComparison.Ordinal))
                {
                    scripts = new[] { first };
                }
            }

            var script = scripts.FirstOrDefault(s => root.GetKind(s) == RootEntryKind.File);
            if (script is null)
            {
                return AgentPythonFacts.NotFound(
                    $"No waagent script was found ({string.Join(", ", scripts.Select(RootPath.Display))}){(execStart is null ? " and no agent unit names a python" : string.Empty)}, so the agent's python is not known.",
                    evidence);
            }

            // Only the first line matters: the head is read (a larger script is not an error) and cut at its first newline.
            var head = root.Read(script, MaxScriptHeadBytes);
            var newline = Array.IndexOf(head.Content, (byte)'\n');
            var line = head.Status == RootReadStatus.Present && newline > 0 ? Encoding.UTF8.GetString(head.Content, 0, newline).TrimEnd('\r') : string.Empty;
            if (!line.StartsWith("#!", StringComparison.Ordinal))
            {
                return AgentPythonFacts.Refused(null, RootPath.Display(script), head.Status == RootReadStatus.Present
                    ? $"{RootPath.Display(script)} does not start with a #! line naming its interpreter (in its first {MaxScriptHeadBytes} bytes); the agent's python is not known."
                    : $"{RootPath.Display(script)} cannot be read: {head.Problem ?? "it is not there"}.", evidence);
            }

            evidence.Add($"{RootPath.Display(script)} line 1: {line.Trim()}");
            var shebang = line.Substring(2).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (shebang.Length == 0)
            {
                return AgentPythonFacts.Refused(null, RootPath.Display(script), $"{RootPath.Display(script)} has an empty #! line.", evidence);
            }

            if (RootPath.FileName(shebang[0]) == "env")
            {
                var bare = shebang.Skip(1).FirstOrDefault(w => !w.StartsWith("-", StringComparison.Ordinal) && w.IndexOf('=') < 0);
                if (bare is null)
                {
                    return AgentPythonFacts.Refused(null, RootPath.Display(script), $"{RootPath.Display(script)}'s #! line runs env without a program name.", evidence);
                }

                return Named(root, bare, RootPath.Display(script), $"{RootPath.Display(script)}'s #! line (through env)", evidence, out interpreter);
            }

            return Named(root, shebang[0], RootPath.Display(script), $"{RootPath.Display(script)}'s #! line", evidence, out interpreter);
        }

        /// <summary>The last non-empty <c>ExecStart=</c> of the [Service] section over the unit file and its drop-ins (an empty one resets the list).</summary>
        internal static (IReadOnlyList<string> Words, string Evidence, string Path)? EffectiveExecStart(AgentUnit unit)
        {
            (IReadOnlyList<string> Words, string Evidence, string Path)? found = null;
            var files = new[] { unit.UnitFile }.Concat(unit.DropIns).Where(f => f != null && f.IsPresent);
            foreach (var file in files)
            {
                foreach (var assignment in file!.Value!.Assignments.Where(a => a.Section == "Service" && a.Key == "ExecStart"))
                {
                    var words = assignment.Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    found = words.Length == 0 ? null : (words, assignment.Evidence(file.Path), file.Path);
                }
            }

            return found;
        }

        private static AgentPythonFacts? Named(ILinuxRoot root, string named, string namedIn, string source, List<string> evidence, out string interpreter)
        {
            interpreter = string.Empty;
            if (named.StartsWith("/", StringComparison.Ordinal))
            {
                if (!RootPath.TryNormalize(named, out var normalized))
                {
                    return AgentPythonFacts.Refused(named, namedIn, $"{source} names '{named}', which is not a plain absolute path; it is not run.", evidence);
                }

                interpreter = "/" + normalized;
                return null;
            }

            if (named.IndexOf('/') >= 0)
            {
                return AgentPythonFacts.Refused(named, namedIn, $"{source} names '{named}', a relative path; only an absolute path or a bare name looked up in {string.Join(":", SearchPath.Select(RootPath.Display))} is run.", evidence);
            }

            var hit = SearchPath.Select(folder => RootPath.Combine(folder, named)).FirstOrDefault(p => root.GetKind(p) == RootEntryKind.File);
            if (hit is null)
            {
                return AgentPythonFacts.NotFound($"{source} names '{named}', which is in none of {string.Join(", ", SearchPath.Select(RootPath.Display))}.", evidence);
            }

            evidence.Add($"'{named}' is {RootPath.Display(hit)} (the first in {string.Join(":", SearchPath.Select(RootPath.Display))})");
            interpreter = RootPath.Display(hit);
            return null;
        }
    }
}
