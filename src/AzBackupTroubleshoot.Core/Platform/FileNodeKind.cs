namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>What a file-system node is, as <c>lstat</c>/<c>fstat</c> report it.</summary>
    public enum FileNodeKind
    {
        /// <summary>Nothing is there.</summary>
        None,

        /// <summary>A regular file: the only kind the module reads or replaces.</summary>
        Regular,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A symbolic link (seen without following it).</summary>
        SymbolicLink,

        /// <summary>A FIFO (named pipe): opening it for reading waits for a writer, reading it waits for data.</summary>
        Fifo,

        /// <summary>A character device (<c>/dev/zero</c>, a terminal): reads may never end.</summary>
        CharacterDevice,

        /// <summary>A block device (a disk).</summary>
        BlockDevice,

        /// <summary>A Unix domain socket.</summary>
        Socket,

        /// <summary>The kind could not be told (an error other than 'not found', or an unknown type).</summary>
        Unknown,
    }
}
