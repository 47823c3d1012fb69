namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>A path that was to be read or replaced is not a regular file (a FIFO, a device, a socket, a link, a directory).</summary>
    public sealed class NotRegularFileException : IOException
    {
        /// <summary>Creates the exception for <paramref name="path"/>, which is a <paramref name="kind"/>.</summary>
        public NotRegularFileException(string path, FileNodeKind kind, string? action = null)
            : base($"'{path}' is {FileNode.Describe(kind)}, not a regular file; {action ?? "only regular files are read"}.")
        {
            Path = path;
            Kind = kind;
        }

        /// <summary>The path.</summary>
        public string Path { get; }

        /// <summary>What it is.</summary>
        public FileNodeKind Kind { get; }
    }
}
