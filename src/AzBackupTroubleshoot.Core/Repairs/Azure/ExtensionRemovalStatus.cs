namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>How an uninstall ended.</summary>
    public enum ExtensionRemovalStatus
    {
        /// <summary>The extension was removed (the delete operation succeeded).</summary>
        Removed,

        /// <summary>The delete was accepted and not waited for (-NoWait).</summary>
        RemovalStarted,

        /// <summary>The VM has no snapshot extension: nothing to do.</summary>
        NotInstalled,

        /// <summary>The delete operation failed or was cancelled by the service.</summary>
        Failed,
    }
}
