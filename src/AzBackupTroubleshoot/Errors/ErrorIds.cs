namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

        /// <summary>A -Path names nothing: no folder and no file is there.</summary>
        public const string PathNotFound = nameof(PathNotFound);

        /// <summary>A -Path file is not a zip bundle, or a bundle was given where a folder is needed.</summary>
        public const string InvalidRoot = nameof(InvalidRoot);

        /// <summary>A -Check pattern matches no check.</summary>
        public const string UnknownCheckId = nameof(UnknownCheckId);

        /// <summary>The live machine cannot be read or changed as a Linux guest from this platform.</summary>
        public const string PlatformNotSupported = nameof(PlatformNotSupported);

        /// <summary>A change to the live machine needs root.</summary>
        public const string ElevationRequired = nameof(ElevationRequired);

        /// <summary>A repair was attempted and did not succeed (the RepairResult says why).</summary>
        public const string RepairFailed = nameof(RepairFailed);

        /// <summary>The bundle's destination folder does not exist.</summary>
        public const string DestinationNotFound = nameof(DestinationNotFound);

        /// <summary>The bundle's destination file exists and -Force was not given.</summary>
        public const string DestinationExists = nameof(DestinationExists);

        /// <summary>The bundle could not be written (I/O or permissions); nothing was left behind.</summary>
        public const string BundleWriteFailed = nameof(BundleWriteFailed);
    }
}
