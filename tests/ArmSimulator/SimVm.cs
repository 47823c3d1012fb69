using System.Collections.Generic;

namespace AzBackupTroubleshoot.ArmSimulator
{
    public enum SimAgentState
    {
        Ready,
        NotReady,
        Missing,
    }

    public enum SimExtensionState
    {
        None,
        Succeeded,
        Failed,
    }

    /// <summary>An error of a failed backup job, as AzureIaaSVMErrorInfo carries it.</summary>
    public sealed class SimJobError
    {
        public SimJobError(int code, string message, string? title = null)
        {
            Code = code;
            Message = message;
            Title = title;
        }

        public int Code { get; }

        public string Message { get; }

        public string? Title { get; }
    }

    /// <summary>One simulated VM and the states the simulator reports for it.</summary>
    public sealed class SimVm
    {
        public SimVm(string name, string resourceGroup = "rg-fleet")
        {
            Name = name;
            ResourceGroup = resourceGroup;
        }

        public string Name { get; }

        public string ResourceGroup { get; }

        public string OsType { get; set; } = "Windows";

        public string Location { get; set; } = "westus";

        /// <summary>running, deallocated, stopped, ...</summary>
        public string PowerState { get; set; } = "running";

        public string ProvisioningState { get; set; } = "succeeded";

        public SimAgentState Agent { get; set; } = SimAgentState.Ready;

        public string AgentVersion { get; set; } = "2.7.41491.1130";

        public SimExtensionState SnapshotExtension { get; set; } = SimExtensionState.Succeeded;

        public string SnapshotExtensionError { get; set; } = "Snapshot operation failed due to an unexpected error.";

        /// <summary>Another extension (the example's IaaSAntimalware) reports provisioning failed.</summary>
        public bool OtherExtensionFailed { get; set; }

        /// <summary>When set, the other extension is this one instead of the example's (for example AzureMonitorWindowsAgent).</summary>
        public string? OtherExtensionName { get; set; }

        /// <summary>Protected by the simulator's vault.</summary>
        public bool Protected { get; set; } = true;

        /// <summary>On-demand (user-triggered) backup jobs started today; a Backup Now request adds one.</summary>
        public int OnDemandBackupsToday { get; set; }

        /// <summary>Failed backup jobs, newest first; each has these errors.</summary>
        public IList<IList<SimJobError>> FailedJobs { get; } = new List<IList<SimJobError>>();

        public string SnapshotExtensionName => OsType == "Linux" ? "VMSnapshotLinux" : "VMSnapshot";
    }
}
