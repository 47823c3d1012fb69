using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>Settings of a <see cref="FleetScanner"/>.</summary>
    public sealed class FleetScanOptions
    {
        /// <summary>How many VMs are read at once (the cmdlet's -ThrottleLimit).</summary>
        public int MaxParallelism { get; set; } = 16;

        /// <summary>Read the vaults' protected items and failed jobs, and the locks on the restore point resource groups.</summary>
        public bool IncludeBackupEvidence { get; set; } = true;

        /// <summary>The vaults to read; null to find them among each subscription's vaults.</summary>
        public IReadOnlyList<string>? VaultIds { get; set; }

        /// <summary>How backup evidence is read.</summary>
        public BackupEvidenceOptions Backup { get; set; } = new BackupEvidenceOptions();

    }
}
