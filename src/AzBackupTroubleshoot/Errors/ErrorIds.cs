namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

        /// <summary>A CIM call to a Windows machine failed (connection, access denied, a provider error).</summary>
        public const string CimOperationFailed = nameof(CimOperationFailed);

        /// <summary>A change was asked of a capture, which is read-only.</summary>
        public const string CaptureReadOnly = nameof(CaptureReadOnly);

        // The capture ids (CaptureUnreadable, CaptureInvalidJson, CaptureUnsupportedVersion, CaptureFieldInvalid) are defined
        // once, on Core's CaptureFormatException, and written as they are (ex.ErrorId).

        /// <summary>The report path is not a file path in an existing folder of the file system.</summary>
        public const string ReportPathInvalid = nameof(ReportPathInvalid);

        /// <summary>The report file could not be written (the folder is not writable, the disk is full).</summary>
        public const string ReportWriteFailed = nameof(ReportWriteFailed);

        /// <summary>An object piped to Export-AzBackupHealthReport is neither a health check result nor a repair result.</summary>
        public const string ReportInputInvalid = nameof(ReportInputInvalid);

        /// <summary>The Service Tags file cannot be read (missing, no access).</summary>
        public const string ServiceTagFileUnreadable = nameof(ServiceTagFileUnreadable);

        /// <summary>The Service Tags input is not valid JSON, not a Service Tags document, or holds a malformed prefix.</summary>
        public const string ServiceTagFileInvalid = nameof(ServiceTagFileInvalid);

        /// <summary>A tag named with -ServiceTag is not in the Service Tags input.</summary>
        public const string ServiceTagNotFound = nameof(ServiceTagNotFound);

        /// <summary>A region named with -Region has no AzureCloud or Storage tag in the Service Tags input.</summary>
        public const string RegionNotFound = nameof(RegionNotFound);

        /// <summary>No Service Tags input: neither -ServiceTagFile nor piped tag objects.</summary>
        public const string ServiceTagsRequired = nameof(ServiceTagsRequired);

        /// <summary>A Service Tags file was given but no -ServiceTag or -Region says which tags to use.</summary>
        public const string ServiceTagSelectionRequired = nameof(ServiceTagSelectionRequired);

        /// <summary>A piped object is neither a tag, a Service Tags document, a health result nor a route change.</summary>
        public const string InputObjectNotRecognized = nameof(InputObjectNotRecognized);

        /// <summary>Changing routes needs root (Linux) or an elevated Administrator session (Windows).</summary>
        public const string ElevationRequired = nameof(ElevationRequired);

        /// <summary>There is no default route to take the next hop and interface from, and none was given.</summary>
        public const string NoDefaultRoute = nameof(NoDefaultRoute);

        /// <summary>The route table cannot be read or used (ip missing or failing; no CIM route provider).</summary>
        public const string RouteTableUnavailable = nameof(RouteTableUnavailable);

        /// <summary>Adding routes failed part-way; the routes added in the same run were rolled back.</summary>
        public const string RouteAddFailed = nameof(RouteAddFailed);

        /// <summary>Removing some of the module's routes failed.</summary>
        public const string RouteRemoveFailed = nameof(RouteRemoveFailed);
        /// <summary>A -Path names nothing: no folder and no file is there.</summary>
        public const string PathNotFound = nameof(PathNotFound);

        /// <summary>A -Path file is not a zip bundle, or a bundle was given where a folder is needed.</summary>
        public const string InvalidRoot = nameof(InvalidRoot);

        /// <summary>A -Check pattern matches no check.</summary>
        public const string UnknownCheckId = nameof(UnknownCheckId);

        /// <summary>
        /// The live machine cannot be read or changed from this platform: a Linux guest from another OS, or Windows through
        /// CIM from a non-Windows OS without -CimSession (or -Path where the cmdlet takes one).
        /// </summary>
        public const string PlatformNotSupported = nameof(PlatformNotSupported);

        /// <summary>A repair was attempted and did not succeed (the RepairResult says why).</summary>
        public const string RepairFailed = nameof(RepairFailed);

        /// <summary>The bundle's destination folder does not exist.</summary>
        public const string DestinationNotFound = nameof(DestinationNotFound);

        /// <summary>The bundle's destination file exists and -Force was not given.</summary>
        public const string DestinationExists = nameof(DestinationExists);

        /// <summary>The bundle could not be written (I/O or permissions); nothing was left behind.</summary>
        public const string BundleWriteFailed = nameof(BundleWriteFailed);

        /// <summary>Az.Accounts is not available or has no context (run Connect-AzAccount, -Identity in Automation).</summary>
        public const string AzContextNotFound = nameof(AzContextNotFound);

        /// <summary>Get-AzAccessToken gave no token for the context's Resource Manager endpoint.</summary>
        public const string AzAccessTokenUnavailable = nameof(AzAccessTokenUnavailable);

        /// <summary>A VM is named by resource group and name, but no subscription is known (none in the Az context).</summary>
        public const string SubscriptionNotSpecified = nameof(SubscriptionNotSpecified);

        /// <summary>A -ResourceId or -VaultId is not a resource id of the right type.</summary>
        public const string InvalidResourceId = nameof(InvalidResourceId);

        /// <summary>A Resource Manager call failed after retries (per VM or per subscription; the others go on).</summary>
        public const string AzureRequestFailed = nameof(AzureRequestFailed);

        /// <summary>The context's Resource Manager endpoint is neither https nor a loopback address: the token is not sent.</summary>
        public const string InsecureEndpoint = nameof(InsecureEndpoint);

        /// <summary>The delete operation of the snapshot extension ended Failed or Canceled.</summary>
        public const string ExtensionRemovalFailed = nameof(ExtensionRemovalFailed);
    }
}
