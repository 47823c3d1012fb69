namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The system's python3: its version, and how it was found.</summary>
    public sealed class PythonFacts
    {
        internal PythonFacts(ComponentVersion? version, string? link, IReadOnlyList<string> evidence, string? missing, FileProblem? folderProblem = null)
        {
            FolderProblem = folderProblem;
            Version = version;
            Link = link;
            Evidence = evidence;
            Missing = missing;
        }

        /// <summary>The major.minor version (for example 3.12), or null when it could not be found.</summary>
        public ComponentVersion? Version { get; }

        /// <summary>What <c>/usr/bin/python3</c> links to (for example <c>python3.12</c>), or null.</summary>
        public string? Link { get; }

        /// <summary>How the version was found.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>Why <c>/usr/lib</c> could not be listed when the version had to come from it, or null.</summary>
        public FileProblem? FolderProblem { get; }

        /// <summary>Why there is no version, or null.</summary>
        public string? Missing { get; }
    }
}
