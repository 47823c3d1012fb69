namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>An error code or message given to Get-AzBackupFailureCause is not valid Unicode text (a lone surrogate).</summary>
        public const string InvalidMessageText = nameof(InvalidMessageText);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

        /// <summary>A CIM call to a Windows machine failed (connection, access denied, a provider error).</summary>
        public const string CimOperationFailed = nameof(CimOperationFailed);

        /// <summary>A change was asked of a capture, which is read-only.</summary>
        public const string CaptureReadOnly = nameof(CaptureReadOnly);

        // The capture ids (CaptureUnreadable, CaptureInvalidJson, CaptureUnsupportedVersion, CaptureFieldInvalid) are defined
        // once, on Core's CaptureFormatException, and written as they are (ex.ErrorId).

        /// <summary>A capture file is larger than the module reads (bytes, registry keys or values, instances: CaptureLimits).</summary>
        public const string CaptureTooLarge = nameof(CaptureTooLarge);

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

        /// <summary>-NextHop is not one unicast address of the routes' family (a line break, a block, another family...).</summary>
        public const string InvalidNextHop = nameof(InvalidNextHop);

        /// <summary>-InterfaceAlias is not an interface name the target platform takes (Linux: the kernel's rules and ip's).</summary>
        public const string InvalidInterfaceAlias = nameof(InvalidInterfaceAlias);

        /// <summary>A value from the route table itself (a default route's next hop or device) would not make a valid route command.</summary>
        public const string InvalidRouteValue = nameof(InvalidRouteValue);

        /// <summary>The module's record of the routes it added cannot be read; nothing is removed.</summary>
        public const string RouteRecordUnreadable = nameof(RouteRecordUnreadable);

        /// <summary>The module's record of the routes it added cannot be written; nothing is added.</summary>
        public const string RouteRecordUnwritable = nameof(RouteRecordUnwritable);
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

        /// <summary>Import refused: this PowerShell's runtime cannot load the module's dependencies (PowerShell 7.0-7.3).</summary>
        public const string UnsupportedPowerShell = nameof(UnsupportedPowerShell);

        /// <summary>The -ComputerName connection options do not fit together (for example -Authentication Basic without -Credential).</summary>
        public const string InvalidConnectionOptions = nameof(InvalidConnectionOptions);

        /// <summary>Resource Manager answered 401 for a subscription whose tenant is not the Az context's.</summary>
        public const string AzTenantMismatch = nameof(AzTenantMismatch);

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

        /// <summary>
        /// A -ResourceId, -VaultId or -SubscriptionId (or an id in an ARM answer) is not a resource id of the right type, or a
        /// segment breaks ARM's naming rules: a query or fragment (? #), '.' or '..', a percent sign (%2F, %5C), a
        /// backslash, a control character or an empty segment. No request is sent for it.
        /// </summary>
        public const string InvalidResourceId = nameof(InvalidResourceId);

        /// <summary>Resource Graph could not be read for a scope (a management group, the tenant, a subscription batch) or named no subscriptions.</summary>
        public const string ResourceGraphQueryFailed = nameof(ResourceGraphQueryFailed);

        /// <summary>A -ManagementGroup value is not a management group name or id.</summary>
        public const string InvalidManagementGroup = nameof(InvalidManagementGroup);
        /// <summary>The access token from Az.Accounts is not a valid bearer token (a line break or other control character); it is never sent or shown.</summary>
        public const string InvalidAccessToken = nameof(InvalidAccessToken);

        /// <summary>Resource Manager asked to wait longer before a retry (Retry-After) than the client's maximum (60 s): that item ends with this error.</summary>
        public const string RetryAfterTooLong = nameof(RetryAfterTooLong);

        /// <summary>A Resource Manager list went on for more pages than the client's limit (1,000); it ends with this error, not a silent cut.</summary>
        public const string PageLimitExceeded = nameof(PageLimitExceeded);

        /// <summary>A Resource Manager list's nextLink pointed to a page already read; it ends with this error instead of looping.</summary>
        public const string NextLinkLoop = nameof(NextLinkLoop);

        /// <summary>A Resource Manager answer is not usable: not JSON, longer than the client reads (64 MiB), or naming a nextLink or extension that is not valid.</summary>
        public const string InvalidArmResponse = nameof(InvalidArmResponse);

        /// <summary>A -StorageEndpoint is not host[:port] with a DNS name or IP address and a port from 1 to 65535.</summary>
        public const string InvalidStorageEndpoint = nameof(InvalidStorageEndpoint);

        /// <summary>A Resource Manager call failed after retries (per VM or per subscription; the others go on).</summary>
        public const string AzureRequestFailed = nameof(AzureRequestFailed);

        /// <summary>The context's Resource Manager endpoint is neither https nor a loopback address: the token is not sent.</summary>
        public const string InsecureEndpoint = nameof(InsecureEndpoint);

        /// <summary>The delete operation of the snapshot extension ended Failed or Canceled.</summary>
        public const string ExtensionRemovalFailed = nameof(ExtensionRemovalFailed);

        /// <summary>The destination exists and is not a regular file (a device, a FIFO, a socket, a folder): it is never replaced, not even with -Force.</summary>
        public const string DestinationNotRegularFile = nameof(DestinationNotRegularFile);
    }
}
