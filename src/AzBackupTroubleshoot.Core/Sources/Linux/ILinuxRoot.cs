namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>What a path in a root is.</summary>
    public enum RootEntryKind
    {
        /// <summary>Nothing is there.</summary>
        None,

        /// <summary>A regular file (or something that reads like one: a proc file, a link stored in a bundle).</summary>
        File,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>Something else (a dangling link, a device, a socket).</summary>
        Other,
    }

    /// <summary>One entry of a directory listing.</summary>
    public sealed class RootEntry
    {
        /// <summary>Creates an entry.</summary>
        public RootEntry(string name, RootEntryKind kind)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Kind = kind;
        }

        /// <summary>The entry's name (no directory part).</summary>
        public string Name { get; }

        /// <summary>What it is.</summary>
        public RootEntryKind Kind { get; }
    }

    /// <summary>Whether a read found the file.</summary>
    public enum RootReadStatus
    {
        /// <summary>The file was read.</summary>
        Present,

        /// <summary>There is no such file.</summary>
        Absent,

        /// <summary>The file is there but could not be read (permissions, I/O error, not a regular file).</summary>
        Unreadable,
    }

    /// <summary>The bytes of one file read from a root, or why there are none.</summary>
    public sealed class RootFile
    {
        private RootFile(string path, RootReadStatus status, byte[] content, bool truncated, string? problem)
        {
            Path = path;
            Status = status;
            Content = content;
            Truncated = truncated;
            Problem = problem;
        }

        /// <summary>The path inside the root, written as the guest sees it (for example <c>/etc/waagent.conf</c>).</summary>
        public string Path { get; }

        /// <summary>Whether the file was read.</summary>
        public RootReadStatus Status { get; }

        /// <summary>The bytes read (empty unless <see cref="Status"/> is <see cref="RootReadStatus.Present"/>).</summary>
        public byte[] Content { get; }

        /// <summary>True when only part of the file was read because it was larger than the limit.</summary>
        public bool Truncated { get; }

        /// <summary>Why the file could not be read.</summary>
        public string? Problem { get; }

        /// <summary>
        /// How a fact's problem begins when its file is there but could not be read at all (permissions, an I/O error): a
        /// check that sees it advises access, not a change to the content nobody has read (<c>ResultBuilder.Unreadable</c>).
        /// </summary>
        public const string CannotBeReadPrefix = "cannot be read: ";

        /// <summary>A file that was read.</summary>
        public static RootFile Present(string path, byte[] content, bool truncated = false) =>
            new RootFile(path, RootReadStatus.Present, content ?? throw new ArgumentNullException(nameof(content)), truncated, null);

        /// <summary>A file that is not there.</summary>
        public static RootFile Absent(string path) => new RootFile(path, RootReadStatus.Absent, Array.Empty<byte>(), false, null);

        /// <summary>A file that is there but cannot be read.</summary>
        public static RootFile Unreadable(string path, string problem) =>
            new RootFile(path, RootReadStatus.Unreadable, Array.Empty<byte>(), false, problem);
    }

    /// <summary>Which part of a large file to read.</summary>
    public enum ReadWindow
    {
        /// <summary>The first bytes (configuration, status files).</summary>
        Head,

        /// <summary>The last bytes (logs, where the recent lines are).</summary>
        Tail,
    }

    /// <summary>
    /// A Linux file-system root the facts are read from: the running machine's <c>/</c>, an OS disk mounted elsewhere
    /// (for example <c>/rescue</c>), or a bundle written by Save-AzBackupAgentLog. Paths are relative to the root and use
    /// <c>/</c> (a leading <c>/</c> is allowed and ignored). A missing file is a normal answer, never an exception; so is a
    /// path with a <c>..</c> component (read from a file in the root): it is unreadable, never followed.
    /// </summary>
    public interface ILinuxRoot : IDisposable
    {
        /// <summary>Where the root is (a folder or a zip file), for messages.</summary>
        string Location { get; }

        /// <summary>What is at <paramref name="path"/>.</summary>
        RootEntryKind GetKind(string path);

        /// <summary>
        /// The entries of a directory, sorted by name (ordinal); none when it does not exist, and none with a problem when it
        /// cannot be listed (an unreadable folder is not an empty one).
        /// </summary>
        RootListing List(string directory);

        /// <summary>Reads at most <paramref name="maxBytes"/> bytes of a file, from its start or its end.</summary>
        RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head);

        /// <summary>
        /// The target of a symbolic link as written (for example <c>/dev/null</c> for a masked unit), or null when the path is
        /// not a link or the root cannot store links (a zip bundle stores a masked unit as an empty file instead).
        /// </summary>
        string? ReadLink(string path);
    }

    /// <summary>Size limits for reads from a root.</summary>
    public static class RootLimits
    {
        /// <summary>The default read limit: 4 MiB, far above any configuration or status file.</summary>
        public const int DefaultMaxBytes = 4 * 1024 * 1024;

        /// <summary>How much of the end of a log is read: 8 MiB.</summary>
        public const int LogTailBytes = 8 * 1024 * 1024;

        /// <summary>
        /// The most entries a folder listing holds: 100,000 (the folders the readers list hold a few hundred; <c>/proc</c>
        /// one per process). A folder with more is unreadable (an Error naming it), never listed to its end.
        /// </summary>
        public const int MaxListingEntries = 100000;
    }
}
