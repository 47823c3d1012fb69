using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Runners
{
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
}
