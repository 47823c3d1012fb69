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

        /// <summary>The subscription the VM lives in; null for the simulator's default subscription (SimulatorOptions.SubscriptionId).</summary>
        public string? SubscriptionId { get; set; }

        /// <summary>False: Resource Graph shows no power state for the VM (properties.extended.instanceView missing), as it can happen.</summary>
        public bool GraphShowsPowerState { get; set; } = true;

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

        /// <summary>The backup item's protectionState (Protected, ProtectionStopped, ProtectionPaused, ...).</summary>
        public string ProtectionState { get; set; } = "Protected";

        /// <summary>An unfinished job of the VM (Backup or Restore), or null.</summary>
        public string? RunningJobOperation { get; set; }

        /// <summary>Instant restore points in the VM's collection in AzureBackupRG_{region}_1 (protected VMs only).</summary>
        public int InstantRestorePoints { get; set; } = 3;

        /// <summary>The size of the second data disk (VirtualMachine_Get.json's myDataDisk1, 100 GiB there).</summary>
        public int DataDiskSizeGb { get; set; } = 100;

        /// <summary>The OS disk is encrypted with Azure Disk Encryption, its secret in the key vault kv-{name}.</summary>
        public bool Encrypted { get; set; }

        /// <summary>The key vault's access policy grants the Backup Management Service key and secret Get, List and Backup.</summary>
        public bool KeyVaultGrantsBackup { get; set; } = true;

        public string KeyVaultName => "kv-" + Name;
    }
}
