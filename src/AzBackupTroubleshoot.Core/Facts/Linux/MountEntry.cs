namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>One line of a mount table (<c>/proc/self/mounts</c>) or of <c>/etc/fstab</c>.</summary>
    public sealed class MountEntry
    {
        internal MountEntry(string device, string mountPoint, string fileSystemType, IReadOnlyList<string> options, int line)
        {
            Device = device;
            MountPoint = mountPoint;
            FileSystemType = fileSystemType;
            Options = options;
            Line = line;
        }

        /// <summary>The device or source (<c>/dev/sda1</c>, <c>UUID=...</c>, <c>server:/export</c>).</summary>
        public string Device { get; }

        /// <summary>Where it is mounted, with octal escapes (<c>\040</c>) decoded and no trailing <c>/</c> (except the root).</summary>
        public string MountPoint { get; }

        /// <summary>The file-system type (<c>ext4</c>, <c>xfs</c>, <c>nfs4</c>, <c>auto</c> ...).</summary>
        public string FileSystemType { get; }

        /// <summary>The mount options, split on commas.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>The line number in the file (1-based).</summary>
        public int Line { get; }

        /// <summary>True when the options hold <paramref name="option"/> (for example <c>noexec</c>).</summary>
        public bool HasOption(string option) => Options.Contains(option, StringComparer.Ordinal);

        /// <summary>One line for evidence: <c>/proc/self/mounts line 3: /dev/sda1 on / type ext4 (rw,relatime)</c>.</summary>
        public string Describe(string path) => $"{path} line {Line}: {Device} on {MountPoint} type {FileSystemType} ({string.Join(",", Options)})";

        /// <summary>True when <paramref name="path"/> is this mount point or lies under it (segment-wise: <c>/var</c> holds <c>/var/lib</c>, not <c>/variable</c>).</summary>
        public bool Holds(string path) =>
            MountPoint == "/" || path == MountPoint || path.StartsWith(MountPoint + "/", StringComparison.Ordinal);
    }
}
