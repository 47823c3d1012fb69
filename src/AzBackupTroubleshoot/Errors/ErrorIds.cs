namespace AzBackupTroubleshoot.Errors
{
    /// <summary>Stable error ids: each names a condition, never a message. Tests assert them.</summary>
    internal static class ErrorIds
    {
        /// <summary>No knowledge-base heading matches the error code or message given.</summary>
        public const string UnknownFailure = nameof(UnknownFailure);

        /// <summary>The embedded knowledge base could not be read (a broken build).</summary>
        public const string KnowledgeBaseInvalid = nameof(KnowledgeBaseInvalid);

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
