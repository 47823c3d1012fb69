using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Reads <see cref="FilesystemFacts"/>: the mount table (<c>proc/self/mounts</c>, else <c>proc/mounts</c>), <c>etc/fstab</c>
    /// and the space figures: live from statvfs through <see cref="IFilesystemStats"/> (never more than
    /// <see cref="MaxQueried"/> mounts, each bounded by the timeout), offline from what a bundle recorded
    /// (<see cref="CapturedFacts"/>).
    /// </summary>
    public sealed class FilesystemReader
    {
        /// <summary>The most mounts whose figures are read on a live machine.</summary>
        public const int MaxQueried = 256;

        /// <summary>The mount-table files, in the order tried.</summary>
        public static readonly IReadOnlyList<string> MountTablePaths = new[] { "proc/self/mounts", "proc/mounts" };

        /// <summary>The file-system table.</summary>
        public const string FstabPath = "etc/fstab";

        private readonly IFilesystemStats? _stats;
        private readonly TimeSpan _timeout;

        /// <summary>Creates a reader; <paramref name="stats"/> is used only for a live root.</summary>
        public FilesystemReader(IFilesystemStats? stats, TimeSpan timeout)
        {
            _stats = stats;
            _timeout = timeout;
        }

        /// <summary>Reads the facts.</summary>
        public async Task<FilesystemFacts> ReadAsync(ILinuxRoot root, bool isLive, string libDir, CapturedFactsFile captured, CancellationToken cancellationToken)
        {
            if (root is null || captured is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : nameof(captured));
            }

            var mounts = ReadTable(root, MountTablePaths.FirstOrDefault(p => root.GetKind(p) != RootEntryKind.None) ?? MountTablePaths[0], fstab: false);
            var fstab = ReadTable(root, FstabPath, fstab: true);
            var lib = "/" + (RootPath.TryNormalize(libDir, out var normalized) ? normalized : "var/lib/waagent");
            IReadOnlyList<FilesystemUsage>? usage = null;
            string? missing = null;
            FileProblem? problem = null;
            if (isLive)
            {
                if (mounts.IsPresent && _stats != null)
                {
                    var targets = mounts.Value!.Entries.Where(e => FilesystemFacts.IsMeasured(e.FileSystemType)).Select(e => e.MountPoint).Distinct(StringComparer.Ordinal).Take(MaxQueried).ToArray();
                    var stats = _stats;
                    usage = await Task.WhenAll(targets.Select(t => Task.Run(() => stats.Query(t, _timeout), cancellationToken))).ConfigureAwait(false);
                }
                else
                {
                    missing = mounts.IsPresent ? "Space figures were not requested." : "The mount table could not be read, so there are no mounts to measure.";
                }
            }
            else if (captured.Facts.IsPresent)
            {
                usage = captured.Facts.Value!.Filesystems;
            }
            else if (captured.Facts.Status == FactStatus.Malformed)
            {
                problem = new FileProblem(captured.Facts.Path, captured.Facts.Problem!);
            }
            else
            {
                missing = captured.MissingReason("file-system space figures (statvfs)");
            }

            return new FilesystemFacts(mounts, fstab, usage, missing, problem, lib);
        }

        private static FileFact<MountTable> ReadTable(ILinuxRoot root, string path, bool fstab)
        {
            var text = TextFileDecoder.Decode(root.Read(path));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<MountTable>.Absent(text.Path) : FileFact<MountTable>.Malformed(text.Path, text.Problem!);
            }

            var table = fstab ? MountTable.ParseFstab(text.Value!, out var problem) : MountTable.ParseMounts(text.Value!, out problem);
            return table is null ? FileFact<MountTable>.Malformed(text.Path, problem!) : FileFact<MountTable>.Present(text.Path, table);
        }
    }
}
