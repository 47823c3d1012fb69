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
    }
}
