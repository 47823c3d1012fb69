namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// The decompression limits of a zip root. A bundle written by Save-AzBackupAgentLog holds files of at most 64 MiB that
    /// compress about ten to one; a zip bomb expands a thousand to one. An entry over a limit is unreadable (an Error for
    /// the check that needs it), never decompressed to its end.
    /// </summary>
    public static class ZipLimits
    {
        /// <summary>The most bytes one entry may expand to: 128 MiB.</summary>
        public const long MaxEntryBytes = 128L * 1024 * 1024;

        /// <summary>The most bytes all entries of one root may expand to, together: 1 GiB.</summary>
        public const long MaxTotalBytes = 1024L * 1024 * 1024;

        /// <summary>The highest expansion ratio (uncompressed / compressed) allowed for an entry larger than <see cref="RatioFloorBytes"/>: 200.</summary>
        public const int MaxRatio = 200;

        /// <summary>Entries that expand to less than this (1 MiB) are not held to <see cref="MaxRatio"/>.</summary>
        public const long RatioFloorBytes = 1024 * 1024;

        /// <summary>
        /// The most entries a zip root may have: 20,000 (a bundle holds at most 10,000 files and a few folders). The count is
        /// read from the end-of-central-directory record before the directory itself is parsed; a Zip64 count is refused.
        /// </summary>
        public const int MaxEntries = 20000;
    }
}
