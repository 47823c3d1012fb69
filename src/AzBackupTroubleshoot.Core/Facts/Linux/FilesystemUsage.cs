namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The space figures of one mounted file system (statvfs), or why there are none.</summary>
    public sealed class FilesystemUsage
    {
        private FilesystemUsage(string mountPoint, long sizeBytes, long freeBytes, long availableBytes, string? problem)
        {
            MountPoint = mountPoint;
            SizeBytes = sizeBytes;
            FreeBytes = freeBytes;
            AvailableBytes = availableBytes;
            Problem = problem;
        }

        /// <summary>The mount point.</summary>
        public string MountPoint { get; }

        /// <summary>The size in bytes (f_blocks × f_frsize).</summary>
        public long SizeBytes { get; }

        /// <summary>Free bytes, root's reserve included (f_bfree).</summary>
        public long FreeBytes { get; }

        /// <summary>Bytes an unprivileged user may still write (f_bavail).</summary>
        public long AvailableBytes { get; }

        /// <summary>Why the figures could not be read (the mount did not answer, is gone or refused), or null.</summary>
        public string? Problem { get; }

        /// <summary>
        /// The share in use as <c>df</c> and <c>findmnt</c> print it (Use%): used / (used + available), rounded up; 0 for an
        /// empty file system or when there are no figures.
        /// </summary>
        public int UsedPercent
        {
            get
            {
                var used = SizeBytes - FreeBytes;
                var denominator = used + AvailableBytes;
                return Problem != null || denominator <= 0 || used <= 0 ? 0 : (int)Math.Ceiling(100.0 * used / denominator);
            }
        }

        /// <summary>Figures that were read.</summary>
        public static FilesystemUsage Measured(string mountPoint, long sizeBytes, long freeBytes, long availableBytes)
        {
            if (sizeBytes < 0 || freeBytes < 0 || availableBytes < 0 || freeBytes > sizeBytes || availableBytes > freeBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(sizeBytes), $"inconsistent figures: size {sizeBytes}, free {freeBytes}, available {availableBytes}");
            }

            return new FilesystemUsage(mountPoint ?? throw new ArgumentNullException(nameof(mountPoint)), sizeBytes, freeBytes, availableBytes, null);
        }

        /// <summary>A mount whose figures could not be read.</summary>
        public static FilesystemUsage Failed(string mountPoint, string problem) =>
            new FilesystemUsage(mountPoint ?? throw new ArgumentNullException(nameof(mountPoint)), 0, 0, 0, problem ?? throw new ArgumentNullException(nameof(problem)));

        /// <summary>One line for evidence: <c>/: 93 % used (1.9 of 29.0 GiB available)</c>.</summary>
        public string Describe() => Problem != null
            ? $"{MountPoint}: {Problem}"
            : string.Format(CultureInfo.InvariantCulture, "{0}: {1} % used ({2:0.0} of {3:0.0} GiB available)", MountPoint, UsedPercent, AvailableBytes / 1073741824.0, SizeBytes / 1073741824.0);
    }
}
