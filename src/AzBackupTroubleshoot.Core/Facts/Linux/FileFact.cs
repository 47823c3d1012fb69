using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>What reading and parsing one file gave.</summary>
    public enum FactStatus
    {
        /// <summary>The file was read and understood.</summary>
        Present,

        /// <summary>The file is not there (a fact, not an error).</summary>
        Absent,

        /// <summary>The file is there but could not be read or understood; <see cref="FileFact{T}.Problem"/> says why.</summary>
        Malformed,
    }

    /// <summary>The outcome of reading one file: its parsed value, its absence, or what is wrong with it.</summary>
    /// <typeparam name="T">The parsed value.</typeparam>
    public sealed class FileFact<T>
        where T : class
    {
        private FileFact(string path, FactStatus status, T? value, string? problem)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Status = status;
            Value = value;
            Problem = problem;
        }

        /// <summary>The file as the guest sees it (for example <c>/etc/waagent.conf</c>).</summary>
        public string Path { get; }

        /// <summary>Whether it was read.</summary>
        public FactStatus Status { get; }

        /// <summary>The parsed value when <see cref="Status"/> is <see cref="FactStatus.Present"/>.</summary>
        public T? Value { get; }

        /// <summary>What is wrong when <see cref="Status"/> is <see cref="FactStatus.Malformed"/>.</summary>
        public string? Problem { get; }

        /// <summary>True when a value was read.</summary>
        public bool IsPresent => Status == FactStatus.Present && Value != null;

        /// <summary>A file that was read and parsed.</summary>
        public static FileFact<T> Present(string path, T value) =>
            new FileFact<T>(path, FactStatus.Present, value ?? throw new ArgumentNullException(nameof(value)), null);

        /// <summary>A file that is not there.</summary>
        public static FileFact<T> Absent(string path) => new FileFact<T>(path, FactStatus.Absent, null, null);

        /// <summary>A file that is there but unreadable or not understood.</summary>
        public static FileFact<T> Malformed(string path, string problem) =>
            new FileFact<T>(path, FactStatus.Malformed, null, problem ?? throw new ArgumentNullException(nameof(problem)));

        /// <summary>Carries an absent or unreadable read over to a fact of this type.</summary>
        public static FileFact<T> FromUnusableRead(RootFile file)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            return file.Status == RootReadStatus.Absent
                ? Absent(file.Path)
                : Malformed(file.Path, RootFile.CannotBeReadPrefix + (file.Problem ?? "unknown error"));
        }

        /// <summary>One line for evidence: <c>/etc/waagent.conf: not present</c>.</summary>
        public string Describe() => Status switch
        {
            FactStatus.Present => $"{Path}: present",
            FactStatus.Absent => $"{Path}: not present",
            _ => $"{Path}: {Problem}",
        };
    }
}
