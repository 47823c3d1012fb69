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

        /// <summary>How long one check may run.</summary>
        public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>One VM of a scan: its results, or the error that stopped it being read.</summary>
    public sealed class FleetScanItem
    {
        /// <summary>Creates a successful item.</summary>
        public FleetScanItem(AzureVm vm, AzureVmFacts facts, IReadOnlyList<HealthCheckResult> results)
        {
            Vm = vm ?? throw new ArgumentNullException(nameof(vm));
            Target = vm.Id;
            Facts = facts;
            Results = results ?? Array.Empty<HealthCheckResult>();
        }

        /// <summary>Creates a failed item.</summary>
        public FleetScanItem(string target, AzureVm? vm, string errorCode, string errorMessage, Exception? exception)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Vm = vm;
            Results = Array.Empty<HealthCheckResult>();
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
            Exception = exception;
        }

        /// <summary>The VM's resource id (or the subscription whose listing failed).</summary>
        public string Target { get; }

        /// <summary>The VM, when known.</summary>
        public AzureVm? Vm { get; }

        /// <summary>The facts read.</summary>
        public AzureVmFacts? Facts { get; }

        /// <summary>The check results (empty on error).</summary>
        public IReadOnlyList<HealthCheckResult> Results { get; }

        /// <summary>The error id, when the VM could not be read.</summary>
        public string? ErrorCode { get; }

        /// <summary>The error message.</summary>
        public string? ErrorMessage { get; }

        /// <summary>The exception, when there was one.</summary>
        public Exception? Exception { get; }

        /// <summary>True when the VM was read and checked.</summary>
        public bool Succeeded => ErrorCode is null;
    }

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
