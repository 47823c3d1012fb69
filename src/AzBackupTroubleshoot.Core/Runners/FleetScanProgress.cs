using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;

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
