namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>The end of a scan.</summary>
    public sealed class FleetScanSummary
    {
        /// <summary>Creates a summary.</summary>
        public FleetScanSummary(int listed, int succeeded, int failed, int listingErrors, TimeSpan elapsed)
        {
            Listed = listed;
            Succeeded = succeeded;
            Failed = failed;
            ListingErrors = listingErrors;
            Elapsed = elapsed;
        }

        /// <summary>VMs listed (or given).</summary>
        public int Listed { get; }

        /// <summary>VMs read and checked.</summary>
        public int Succeeded { get; }

        /// <summary>VMs that failed after retries.</summary>
        public int Failed { get; }

        /// <summary>Subscriptions whose listing failed.</summary>
        public int ListingErrors { get; }

        /// <summary>The scan's duration.</summary>
        public TimeSpan Elapsed { get; }
    }
}
