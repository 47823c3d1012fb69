namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>A file that could not be read or understood, and why.</summary>
    public sealed class FileProblem
    {
        internal FileProblem(string path, string problem)
        {
            Path = path;
            Problem = problem;
        }

        /// <summary>The file as the guest sees it.</summary>
        public string Path { get; }

        /// <summary>What is wrong.</summary>
        public string Problem { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Path}: {Problem}";
    }
}
