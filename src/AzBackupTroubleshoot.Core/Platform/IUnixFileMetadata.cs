namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>A file's permission bits and owner.</summary>
    public sealed class UnixFileMetadata
    {
        /// <summary>Creates metadata.</summary>
        public UnixFileMetadata(int mode, int userId, int groupId)
        {
            Mode = mode;
            UserId = userId;
            GroupId = groupId;
        }

        /// <summary>The permission bits (for example 0644 = 420).</summary>
        public int Mode { get; }

        /// <summary>The owner's user id.</summary>
        public int UserId { get; }

        /// <summary>The owner's group id.</summary>
        public int GroupId { get; }
    }

    /// <summary>
    /// Reads and sets a file's mode and owner, so a rewritten file (temp file + rename) keeps the original's. The real
    /// implementation calls libc; where that is not available (Windows) it reads nothing and sets nothing.
    /// </summary>
    public interface IUnixFileMetadata
    {
        /// <summary>The mode and owner of <paramref name="path"/>, or null when they cannot be read.</summary>
        UnixFileMetadata? Get(string path);

        /// <summary>Gives <paramref name="path"/> the mode and owner in <paramref name="metadata"/>; false when it could not.</summary>
        bool Set(string path, UnixFileMetadata metadata);

        /// <summary>Sets only the permission bits; false when it could not.</summary>
        bool SetMode(string path, int mode);
    }
}
