namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

        /// <summary>The report path is not a file path in an existing folder of the file system.</summary>
        public const string ReportPathInvalid = nameof(ReportPathInvalid);

        /// <summary>The report file could not be written (the folder is not writable, the disk is full).</summary>
        public const string ReportWriteFailed = nameof(ReportWriteFailed);

        /// <summary>An object piped to Export-AzBackupHealthReport is neither a health check result nor a repair result.</summary>
        public const string ReportInputInvalid = nameof(ReportInputInvalid);
    }
}
