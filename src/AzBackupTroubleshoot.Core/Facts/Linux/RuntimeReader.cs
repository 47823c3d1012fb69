using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Reads <see cref="RuntimeFacts"/> through <see cref="ILinuxRoot"/>: regular files only, each within a read limit.</summary>
    public sealed class RuntimeReader
    {
        /// <summary>The dpkg database's status file.</summary>
        public const string DpkgStatusPath = "var/lib/dpkg/status";

        /// <summary>The most of the dpkg status file read (a server's is a few MB); a larger one is malformed, not cut.</summary>
        public const int DpkgStatusMaxBytes = 32 * 1024 * 1024;

        /// <summary>SELinux's configuration.</summary>
        public const string SelinuxConfigPath = "etc/selinux/config";

        /// <summary>The os-release files, in the order os-release(5) gives.</summary>
        public static readonly IReadOnlyList<string> OsReleasePaths = new[] { "etc/os-release", "usr/lib/os-release" };

        /// <summary>Reads the facts.</summary>
        public RuntimeFacts Read(ILinuxRoot root, CapturedFactsFile captured, string libDir, string gaFamily)
        {
            if (root is null || captured is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : nameof(captured));
            }

            var osRelease = Parse(root, OsReleasePaths.FirstOrDefault(p => root.GetKind(p) != RootEntryKind.None) ?? OsReleasePaths[0], RootLimits.DefaultMaxBytes, (string t, out string? p) => OsRelease.Parse(t, out p));
            var dpkg = Parse(root, DpkgStatusPath, DpkgStatusMaxBytes, (string t, out string? p) => DpkgStatus.Parse(t, out p));
            var rpm = root.GetKind("var/lib/rpm") == RootEntryKind.Directory || root.GetKind("usr/lib/sysimage/rpm") == RootEntryKind.Directory;
            var selinuxConfig = Parse(root, SelinuxConfigPath, RootLimits.DefaultMaxBytes, (string t, out string? p) => SelinuxConfig.Parse(t, out p));
            var unlisted = new List<FileProblem>();
            var policy = selinuxConfig.IsPresent ? WaagentPolicy(root, selinuxConfig.Value!.Policy, unlisted) : Array.Empty<string>();
            var offered = new OfferedAgentReader().Read(root, libDir, gaFamily);
            return new RuntimeFacts(osRelease, new PythonReader().Read(root, captured), dpkg, rpm, new SelinuxFacts(selinuxConfig, policy, unlisted), offered);
        }

        private delegate T? Parser<T>(string text, out string? problem);

        private static FileFact<T> Parse<T>(ILinuxRoot root, string path, int maxBytes, Parser<T> parse)
            where T : class
        {
            var text = TextFileDecoder.Decode(root.Read(path, maxBytes));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<T>.Absent(text.Path) : FileFact<T>.Malformed(text.Path, text.Problem!);
            }

            var value = parse(text.Value!, out var problem);
            return value is null ? FileFact<T>.Malformed(text.Path, problem!) : FileFact<T>.Present(text.Path, value);
        }

        private static IReadOnlyList<string> WaagentPolicy(ILinuxRoot root, string policy, List<FileProblem> unlisted)
        {
            var found = new List<string>();
            foreach (var store in new[] { $"var/lib/selinux/{policy}/active/modules", $"etc/selinux/{policy}/active/modules" })
            {
                foreach (var priority in root.List(store).Noting(unlisted).Where(e => e.Kind == RootEntryKind.Directory))
                {
                    var folder = RootPath.Combine(store, priority.Name);
                    found.AddRange(root.List(folder).Noting(unlisted)
                        .Where(e => e.Name.IndexOf("waagent", StringComparison.OrdinalIgnoreCase) >= 0)
                        .Select(e => $"/{RootPath.Combine(folder, e.Name)} (policy module)"));
                }
            }

            var local = TextFileDecoder.Decode(root.Read($"etc/selinux/{policy}/contexts/files/file_contexts.local"));
            if (local.IsPresent)
            {
                found.AddRange(TextFileDecoder.Lines(local.Value!)
                    .Select((line, i) => (line, i))
                    .Where(x => x.line.IndexOf("/var/lib/waagent", StringComparison.Ordinal) >= 0)
                    .Select(x => $"{local.Path} line {x.i + 1}: {x.line.Trim()}"));
            }

            return found;
        }
    }
}
