namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>Counts of a running scan.</summary>
    public sealed class FleetScanProgress
    {
        /// <summary>Creates a snapshot of the counts.</summary>
        public FleetScanProgress(int listed, int completed, int failed, bool listingComplete)
        {
            Listed = listed;
            Completed = completed;
            Failed = failed;
            ListingComplete = listingComplete;
        }

        /// <summary>VMs listed so far.</summary>
        public int Listed { get; }

        /// <summary>VMs finished (with results or an error).</summary>
        public int Completed { get; }

        /// <summary>Of those, VMs that failed.</summary>
        public int Failed { get; }

        /// <summary>True when every subscription has been listed.</summary>
        public bool ListingComplete { get; }
    }
}
