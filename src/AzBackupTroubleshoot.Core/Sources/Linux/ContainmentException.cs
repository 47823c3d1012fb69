namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// A write, backup or rename under a root was refused: the path leaves the root, its links loop, its last component is a
    /// symbolic link, or (on the running machine) it goes through a link the module did not expect. Nothing was changed.
    /// </summary>
    public sealed class ContainmentException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public ContainmentException(string path, string message)
            : base(message)
        {
            Path = path;
        }

        /// <summary>The path that was refused (as given).</summary>
        public string Path { get; }
    }
}
