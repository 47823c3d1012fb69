namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>What a root shows about its file systems: the mount table, <c>/etc/fstab</c> and the space figures.</summary>
    public sealed class FilesystemFacts
    {
        /// <summary>
        /// The file-system types whose use VM assist checks (vmassist.py: <c>findmnt -t ext2,ext3,ext4,btrfs,xfs,vfat</c>) and
        /// the ones fsfreeze freezes on a VM's disks.
        /// </summary>
        public static readonly IReadOnlyCollection<string> DiskTypes = new HashSet<string>(StringComparer.Ordinal) { "ext2", "ext3", "ext4", "btrfs", "xfs", "vfat" };

        /// <summary>Network file systems: not frozen, but a hung one stops the extension from opening the VM's mount points.</summary>
        public static readonly IReadOnlyCollection<string> NetworkTypes = new HashSet<string>(StringComparer.Ordinal) { "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "fuse.glusterfs", "fuse.sshfs" };

        internal FilesystemFacts(
            FileFact<MountTable> mounts,
            FileFact<MountTable> fstab,
            IReadOnlyList<FilesystemUsage>? usage,
            string? usageMissing,
            FileProblem? usageProblem,
            string libDir)
        {
            Mounts = mounts;
            Fstab = fstab;
            Usage = usage;
            UsageMissing = usageMissing;
            UsageProblem = usageProblem;
            LibDir = libDir;
        }

        /// <summary>The kernel's mount table (<c>/proc/self/mounts</c>): the running machine's, or the one a bundle recorded.</summary>
        public FileFact<MountTable> Mounts { get; }

        /// <summary><c>/etc/fstab</c>.</summary>
        public FileFact<MountTable> Fstab { get; }

        /// <summary>The space figures of the mounted disk and network file systems, or null when the source has none.</summary>
        public IReadOnlyList<FilesystemUsage>? Usage { get; }

        /// <summary>Why there are no space figures (an offline root, a bundle from an older version), or null.</summary>
        public string? UsageMissing { get; }

        /// <summary>The recorded figures' file when it could not be used, or null.</summary>
        public FileProblem? UsageProblem { get; }

        /// <summary>The agent's library folder (waagent.conf Lib.Dir), as an absolute guest path.</summary>
        public string LibDir { get; }

        /// <summary>The figures for <paramref name="mountPoint"/>, or null.</summary>
        public FilesystemUsage? UsageOf(string mountPoint) => Usage?.LastOrDefault(u => u.MountPoint == mountPoint);

        /// <summary>True for a disk or network type (the ones whose space is read).</summary>
        public static bool IsMeasured(string type) => DiskTypes.Contains(type) || NetworkTypes.Contains(type);
    }
}
