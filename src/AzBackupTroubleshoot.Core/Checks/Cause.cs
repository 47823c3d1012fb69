namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// The article's causes of a backup failure, as categories every check, knowledge-base entry and repair shares.
    /// </summary>
    public enum Cause
    {
        /// <summary>The VM cannot reach the Azure endpoints the agent and the backup extension need (WireServer, storage).</summary>
        NoNetworkAccess,

        /// <summary>The guest agent is installed but not running or not responding.</summary>
        AgentNotResponsive,

        /// <summary>The guest agent is older than the minimum supported version, or cannot update itself.</summary>
        AgentOutOfDate,

        /// <summary>The snapshot status cannot be retrieved or a snapshot cannot be taken (VSS, DHCP, resource pressure).</summary>
        SnapshotNotTaken,

        /// <summary>The backup (VMSnapshot) extension fails to install, update, load or run.</summary>
        ExtensionNotLoaded,

        /// <summary>The agent's configuration stops it from processing extensions (for example Extensions.Enabled=n).</summary>
        AgentMisconfigured,

        /// <summary>
        /// A resource lock stops Azure Backup from cleaning up old restore points. Added beside the seed's causes because it is
        /// fixed on the Azure side, not in the guest, and the current article lists it for BackUpOperationFailed.
        /// </summary>
        ResourceGroupLocked,

        /// <summary>Another backup or restore job of the VM is still running (UserErrorBackupOperationInProgress).</summary>
        OperationInProgress,

        /// <summary>The VM is not actively protected: protection is stopped or paused (UserErrorBcmDatasourceNotPresent).</summary>
        ProtectionNotActive,

        /// <summary>The VM has as many instant restore points as Azure allows (18; UserErrorRpCollectionLimitReached).</summary>
        RestorePointLimit,

        /// <summary>Azure Backup cannot read the Key Vault keys and secrets of an encrypted VM (UserErrorKeyvaultPermissionsNotConfigured).</summary>
        KeyVaultAccess,

        /// <summary>A disk is larger than Azure Backup supports (32 TB; 4 TB encrypted; UserErrorUnsupportedDiskSize).</summary>
        UnsupportedDiskSize,

        /// <summary>The VM's state does not allow a backup: provisioning failed or updating, or a transient power state.</summary>
        VmStateNotSupported,

        /// <summary>An Azure Policy assignment denies what Azure Backup creates (UserErrorRequestDisallowedByPolicy).</summary>
        PolicyDenied,

        /// <summary>A backup job error no knowledge-base entry matches: shown with its own text, no cause guessed.</summary>
        Unclassified,
    }
}
