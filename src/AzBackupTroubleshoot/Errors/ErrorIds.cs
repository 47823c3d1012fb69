namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

        /// <summary>A Windows-only cmdlet ran on another OS without -CimSession (or -Path where it takes one).</summary>
        public const string PlatformNotSupported = nameof(PlatformNotSupported);

        /// <summary>A CIM call to a Windows machine failed (connection, access denied, a provider error).</summary>
        public const string CimOperationFailed = nameof(CimOperationFailed);

        /// <summary>A change was asked of a capture, which is read-only.</summary>
        public const string CaptureReadOnly = nameof(CaptureReadOnly);

        /// <summary>A capture file cannot be read (the Core CaptureFormatException ids are used as they are).</summary>
        public const string CaptureUnreadable = nameof(CaptureUnreadable);

        /// <summary>A capture file is not JSON.</summary>
        public const string CaptureInvalidJson = nameof(CaptureInvalidJson);

        /// <summary>A capture file's formatVersion is missing or not supported.</summary>
        public const string CaptureUnsupportedVersion = nameof(CaptureUnsupportedVersion);

        /// <summary>A capture file has a missing or wrong field (the error names it).</summary>
        public const string CaptureFieldInvalid = nameof(CaptureFieldInvalid);

        /// <summary>The report path is not a file path in an existing folder of the file system.</summary>
        public const string ReportPathInvalid = nameof(ReportPathInvalid);

        /// <summary>The report file could not be written (the folder is not writable, the disk is full).</summary>
        public const string ReportWriteFailed = nameof(ReportWriteFailed);

        /// <summary>An object piped to Export-AzBackupHealthReport is neither a health check result nor a repair result.</summary>
        public const string ReportInputInvalid = nameof(ReportInputInvalid);
    }
}
