namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>A file that could not be read or understood (or a folder that could not be listed), and why.</summary>
    public sealed class FileProblem
    {
        internal FileProblem(string path, string problem, string? advice = null)
        {
            Path = path;
            Problem = problem;
            Advice = advice;
        }

        /// <summary>The file as the guest sees it.</summary>
        public string Path { get; }

        /// <summary>What is wrong.</summary>
        public string Problem { get; }

        /// <summary>What to do so that it can be read, when the reader knows better than the check's own advice.</summary>
        public string? Advice { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Path}: {Problem}";
    }
}
