namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// How large a capture may be. A recorded capture is about 15 KB; these limits are thousands of times that and keep a
    /// hostile file from taking the machine's memory: a larger one is refused with <see cref="CaptureFormatException.CaptureTooLarge"/>
    /// before it is parsed (bytes) or while it is read (counts).
    /// </summary>
    public static class CaptureLimits
    {
        /// <summary>The largest capture file read: 32 MiB.</summary>
        public const int MaxBytes = 32 * 1024 * 1024;

        /// <summary>The most registry keys in one capture.</summary>
        public const int MaxRegistryKeys = 100_000;

        /// <summary>The most registry values in one capture (all keys together).</summary>
        public const int MaxRegistryValues = 250_000;

        /// <summary>The most CIM instances in one capture (all classes together).</summary>
        public const int MaxInstances = 100_000;

        /// <summary>The most characters of one captured command's output (the same cap as a live run, <see cref="LocalWindowsCommandSource.MaxOutputChars"/>).</summary>
        public const int MaxCommandOutputChars = LocalWindowsCommandSource.MaxOutputChars;
    }
}
