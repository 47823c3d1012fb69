namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>The outcome of one repair action on one target.</summary>
    public enum RepairStatus
    {
        /// <summary>The repair changed the target and the problem is fixed.</summary>
        Repaired,

        /// <summary>Nothing needed changing: the target was already as asked (for an uninstall: nothing was installed).</summary>
        AlreadyHealthy,

        /// <summary>The repair was not attempted (-WhatIf, declined confirmation, not applicable to the target).</summary>
        Skipped,

        /// <summary>The repair was attempted and did not succeed.</summary>
        Failed,

        /// <summary>The change was accepted and continues without being waited for (Uninstall-AzVmSnapshotExtension -NoWait).</summary>
        Started,
    }
}
