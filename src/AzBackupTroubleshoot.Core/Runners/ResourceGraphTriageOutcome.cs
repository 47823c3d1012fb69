namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>What Resource Graph alone says about a VM in a triage scan.</summary>
    public enum ResourceGraphTriageOutcome
    {
        /// <summary>Running, protected, no failed backup job in the window and no bad item state: not read further.</summary>
        Healthy,

        /// <summary>Running and no Azure Backup item protects it: not read further.</summary>
        NotProtected,

        /// <summary>Deallocated or stopped, and its backups do not fail: not read further.</summary>
        NotRunning,

        /// <summary>Its backups fail (failed jobs in the window, last backup failed, protection error or action required): read in detail.</summary>
        Failing,

        /// <summary>Resource Graph does not show its power state: read in detail.</summary>
        Unknown,
    }
}
