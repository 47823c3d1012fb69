using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>One installed version of the backup extension.</summary>
    public sealed class SnapshotExtensionInstall
    {
        internal SnapshotExtensionInstall(ComponentVersion version, string folder)
        {
            Version = version;
            Folder = folder;
        }

        /// <summary>The version from the folder name.</summary>
        public ComponentVersion Version { get; }

        /// <summary>The folder (guest path, ends with <c>/</c>).</summary>
        public string Folder { get; }
    }

    /// <summary>What the root shows about the VMSnapshotLinux backup extension.</summary>
    public sealed class SnapshotExtensionFacts
    {
        internal SnapshotExtensionFacts(
            IReadOnlyList<SnapshotExtensionInstall> installs,
            FileFact<ExtensionStatusReport>? status,
            FileFact<IniFile> config,
            FileFact<LogSummary> log,
            FileProblem? folderProblem = null)
        {
            FolderProblem = folderProblem;
            Installs = installs;
            Status = status;
            Config = config;
            Log = log;
        }

        /// <summary>Why the agent's library folder (Lib.Dir) could not be listed, or null: then the installs are unknown, not none.</summary>
        public FileProblem? FolderProblem { get; }

        /// <summary>The installed versions, highest first.</summary>
        public IReadOnlyList<SnapshotExtensionInstall> Installs { get; }

        /// <summary>The highest installed version, or null.</summary>
        public SnapshotExtensionInstall? Newest => Installs.Count > 0 ? Installs[0] : null;

        /// <summary>The newest status file of the newest version, or null when it has none.</summary>
        public FileFact<ExtensionStatusReport>? Status { get; }

        /// <summary><c>/etc/azure/vmbackup.conf</c>.</summary>
        public FileFact<IniFile> Config { get; }

        /// <summary>The extension's <c>extension.log</c>.</summary>
        public FileFact<LogSummary> Log { get; }
    }

    /// <summary>
    /// Reads the backup extension: <c>&lt;Lib.Dir&gt;/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-&lt;v&gt;/</c> folders, the
    /// newest <c>status/&lt;seq&gt;.status</c> of the newest version, <c>etc/azure/vmbackup.conf</c> and
    /// <c>&lt;Extension.LogDir&gt;/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log</c>.
    /// </summary>
    public sealed class SnapshotExtensionReader
    {
        /// <summary>The extension's handler name (publisher.type).</summary>
        public const string HandlerName = "Microsoft.Azure.RecoveryServices.VMSnapshotLinux";

        /// <summary>The extension's configuration file.</summary>
        public const string ConfigPath = "etc/azure/vmbackup.conf";

        private static readonly Regex Folder = new Regex("^" + Regex.Escape(HandlerName) + @"-(?<v>[0-9]+(?:\.[0-9]+)*)$", RegexOptions.CultureInvariant);
        private static readonly Regex StatusFile = new Regex(@"^(?<seq>[0-9]{1,9})\.status$", RegexOptions.CultureInvariant);

        /// <summary>Reads the extension's facts.</summary>
        public SnapshotExtensionFacts Read(ILinuxRoot root, string libDir, string extensionLogDir)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var installs = new List<SnapshotExtensionInstall>();
            var listing = root.List(libDir);
            var folderProblem = UnlistedFolder.Problem(listing);
            foreach (var entry in listing.Where(e => e.Kind == RootEntryKind.Directory))
            {
                var match = Folder.Match(entry.Name);
                var version = match.Success ? ComponentVersion.TryParse(match.Groups["v"].Value) : null;
                if (version != null)
                {
                    installs.Add(new SnapshotExtensionInstall(version, "/" + RootPath.Combine(libDir, entry.Name) + "/"));
                }
            }

            installs = installs.OrderByDescending(i => i.Version).ToList();
            FileFact<ExtensionStatusReport>? status = null;
            if (installs.Count > 0)
            {
                status = ReadNewestStatus(root, RootPath.Combine(installs[0].Folder, "status"));
            }

            var log = LogScanner.ForExtensionLog().Read(root, RootPath.Combine(RootPath.Combine(extensionLogDir, HandlerName), "extension.log"));
            return new SnapshotExtensionFacts(installs, status, ReadConfig(root), log, folderProblem);
        }

        /// <summary>Reads <c>/etc/azure/vmbackup.conf</c>.</summary>
        public static FileFact<IniFile> ReadConfig(ILinuxRoot root)
        {
            var text = TextFileDecoder.Decode((root ?? throw new ArgumentNullException(nameof(root))).Read(ConfigPath));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<IniFile>.Absent(text.Path) : FileFact<IniFile>.Malformed(text.Path, text.Problem!);
            }

            var ini = IniFile.Parse(text.Value!, out var problem);
            return ini is null ? FileFact<IniFile>.Malformed(text.Path, problem!) : FileFact<IniFile>.Present(text.Path, ini);
        }

        private static FileFact<ExtensionStatusReport>? ReadNewestStatus(ILinuxRoot root, string statusDir)
        {
            var listing = root.List(statusDir);
            var unlisted = UnlistedFolder.Problem(listing);
            if (unlisted != null)
            {
                // The newest status file is unknown, not missing.
                return FileFact<ExtensionStatusReport>.Malformed(unlisted.Path, unlisted.Problem);
            }

            var newest = listing
                .Select(e => (Entry: e, Match: StatusFile.Match(e.Name)))
                .Where(x => x.Match.Success && x.Entry.Kind == RootEntryKind.File)
                .Select(x => (x.Entry.Name, Seq: int.Parse(x.Match.Groups["seq"].Value, CultureInfo.InvariantCulture)))
                .OrderByDescending(x => x.Seq)
                .FirstOrDefault();
            if (newest.Name is null)
            {
                return null;
            }

            var text = TextFileDecoder.Decode(root.Read(RootPath.Combine(statusDir, newest.Name)));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<ExtensionStatusReport>.Absent(text.Path) : FileFact<ExtensionStatusReport>.Malformed(text.Path, text.Problem!);
            }

            var report = ExtensionStatusReport.Parse(text.Value!, newest.Seq, out var problem);
            return report is null ? FileFact<ExtensionStatusReport>.Malformed(text.Path, problem!) : FileFact<ExtensionStatusReport>.Present(text.Path, report);
        }
    }
}
