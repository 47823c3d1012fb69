using System.Collections;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// The entries of one directory in a root, or why there are none: a directory that cannot be listed (permission denied,
    /// a path with <c>..</c>) is <see cref="RootReadStatus.Unreadable"/> with a <see cref="Problem"/>, never an empty folder.
    /// </summary>
    public sealed class RootListing : IReadOnlyList<RootEntry>
    {
        private readonly IReadOnlyList<RootEntry> _entries;

        private RootListing(string path, RootReadStatus status, IReadOnlyList<RootEntry> entries, string? problem)
        {
            Path = path;
            Status = status;
            _entries = entries;
            Problem = problem;
        }

        /// <summary>The directory as the guest sees it (for example <c>/var/lib/waagent</c>).</summary>
        public string Path { get; }

        /// <summary>Whether the directory was listed.</summary>
        public RootReadStatus Status { get; }

        /// <summary>Why it could not be listed.</summary>
        public string? Problem { get; }

        /// <inheritdoc />
        public int Count => _entries.Count;

        /// <inheritdoc />
        public RootEntry this[int index] => _entries[index];

        /// <summary>A directory that was listed.</summary>
        public static RootListing Present(string path, IReadOnlyList<RootEntry> entries) =>
            new RootListing(path, RootReadStatus.Present, entries ?? throw new ArgumentNullException(nameof(entries)), null);

        /// <summary>A directory that is not there.</summary>
        public static RootListing Absent(string path) => new RootListing(path, RootReadStatus.Absent, Array.Empty<RootEntry>(), null);

        /// <summary>A directory that is there (or named) but cannot be listed.</summary>
        public static RootListing Unreadable(string path, string problem) =>
            new RootListing(path, RootReadStatus.Unreadable, Array.Empty<RootEntry>(), problem ?? throw new ArgumentNullException(nameof(problem)));

        /// <inheritdoc />
        public IEnumerator<RootEntry> GetEnumerator() => _entries.GetEnumerator();

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
