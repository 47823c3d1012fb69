using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>Settings of a <see cref="ResourceGraphTriageScanner"/>.</summary>
    public sealed class ResourceGraphTriageOptions
    {
        /// <summary>How many VMs are read in detail at once (the cmdlet's -ThrottleLimit).</summary>
        public int MaxParallelism { get; set; } = 16;

        /// <summary>How far back failed backup jobs count.</summary>
        public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

        /// <summary>The newest failed jobs kept per VM (as <see cref="BackupEvidenceOptions.MaxFailedJobsPerVm"/>).</summary>
        public int MaxFailedJobsPerVm { get; set; } = 3;

        /// <summary>Failed jobs read in the whole scope before the scan stops with an error (a bounded read held in memory).</summary>
        public int MaxFailedJobs { get; set; } = 200_000;

        /// <summary>How Resource Graph is queried.</summary>
        public ResourceGraphOptions Graph { get; set; } = new ResourceGraphOptions();

        /// <summary>Settings of the per-VM read used where Resource Graph rejects a query (400) for a subscription batch.</summary>
        public FleetScanOptions Fallback { get; set; } = new FleetScanOptions();

        /// <summary>The current time (tests).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
