using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>The VM agent part of an instance view.</summary>
    public sealed class AzureAgentView
    {
        /// <summary>Creates the agent view.</summary>
        public AzureAgentView(string? version, IReadOnlyList<InstanceViewStatus> statuses, IReadOnlyList<AzureExtensionHandlerView> handlers)
        {
            Version = version;
            Statuses = statuses ?? Array.Empty<InstanceViewStatus>();
            ExtensionHandlers = handlers ?? Array.Empty<AzureExtensionHandlerView>();
        }

        /// <summary>vmAgentVersion as reported ("Unknown" when the agent does not report).</summary>
        public string? Version { get; }

        /// <summary>vmAgent.statuses.</summary>
        public IReadOnlyList<InstanceViewStatus> Statuses { get; }

        /// <summary>vmAgent.extensionHandlers.</summary>
        public IReadOnlyList<AzureExtensionHandlerView> ExtensionHandlers { get; }

        /// <summary>The display status of the first status ("Ready", "Not Ready"), or null.</summary>
        public string? DisplayStatus => Statuses.Count > 0 ? Statuses[0].DisplayStatus : null;
    }

    /// <summary>One extension handler the agent reports.</summary>
    public sealed class AzureExtensionHandlerView
    {
        /// <summary>Creates a handler view.</summary>
        public AzureExtensionHandlerView(string type, string? typeHandlerVersion, InstanceViewStatus? status)
        {
            Type = type ?? string.Empty;
            TypeHandlerVersion = typeHandlerVersion;
            Status = status;
        }

        /// <summary>The handler type, for example Microsoft.Azure.RecoveryServices.VMSnapshot.</summary>
        public string Type { get; }

        /// <summary>The handler version.</summary>
        public string? TypeHandlerVersion { get; }

        /// <summary>The handler status.</summary>
        public InstanceViewStatus? Status { get; }
    }

    /// <summary>One extension in the instance view, with its statuses and substatuses.</summary>
    public sealed class AzureExtensionView
    {
        /// <summary>Creates an extension view.</summary>
        public AzureExtensionView(string name, string? type, string? typeHandlerVersion, IReadOnlyList<InstanceViewStatus> statuses, IReadOnlyList<InstanceViewStatus> substatuses)
        {
            Name = name ?? string.Empty;
            Type = type;
            TypeHandlerVersion = typeHandlerVersion;
            Statuses = statuses ?? Array.Empty<InstanceViewStatus>();
            Substatuses = substatuses ?? Array.Empty<InstanceViewStatus>();
        }

        /// <summary>The extension name (VMSnapshot, VMSnapshotLinux, ...).</summary>
        public string Name { get; }

        /// <summary>The extension type, for example Microsoft.Azure.RecoveryServices.VMSnapshot.</summary>
        public string? Type { get; }

        /// <summary>The handler version.</summary>
        public string? TypeHandlerVersion { get; }

        /// <summary>The statuses.</summary>
        public IReadOnlyList<InstanceViewStatus> Statuses { get; }

        /// <summary>The substatuses (the backup extension puts its details here).</summary>
        public IReadOnlyList<InstanceViewStatus> Substatuses { get; }

        /// <summary>The provisioning state from the first ProvisioningState/ status ("succeeded", "failed", ...), or null.</summary>
        public string? ProvisioningState => Statuses.Select(s => s.ValueOf("ProvisioningState")).FirstOrDefault(v => v != null);

        /// <summary>True when a status is an error or the provisioning failed.</summary>
        public bool HasFailed => Statuses.Any(s => s.IsError) || string.Equals(ProvisioningState, "failed", StringComparison.OrdinalIgnoreCase);

        /// <summary>True for the Azure Backup snapshot extension (VMSnapshot or VMSnapshotLinux).</summary>
        public bool IsSnapshotExtension => SnapshotExtensionNames.IsSnapshotExtension(Name, Type);
    }

    /// <summary>What Azure Resource Manager knows about one VM: instance view, backup evidence and restore point locks.</summary>
    public sealed class AzureVmFacts
    {
        /// <summary>Creates facts.</summary>
        public AzureVmFacts(
            AzureVm vm,
            string? powerState,
            string? provisioningState,
            string? osName,
            AzureAgentView? agent,
            IReadOnlyList<AzureExtensionView> extensions,
            BackupEvidence? backup = null,
            string? backupReadError = null,
            RestorePointLockEvidence? restorePointLocks = null,
            string? restorePointLockReadError = null,
            BackupConditionEvidence? conditions = null)
        {
            Vm = vm ?? throw new ArgumentNullException(nameof(vm));
            PowerState = powerState;
            ProvisioningState = provisioningState;
            OsName = osName;
            Agent = agent;
            Extensions = extensions ?? Array.Empty<AzureExtensionView>();
            Backup = backup;
            BackupReadError = backupReadError;
            RestorePointLocks = restorePointLocks;
            RestorePointLockReadError = restorePointLockReadError;
            Conditions = conditions;
        }

        /// <summary>The VM.</summary>
        public AzureVm Vm { get; }

        /// <summary>The power state from <c>PowerState/…</c> (running, deallocated, stopped, starting, ...), or null.</summary>
        public string? PowerState { get; }

        /// <summary>The VM provisioning state from <c>ProvisioningState/…</c> (succeeded, failed, updating, ...), or null.</summary>
        public string? ProvisioningState { get; }

        /// <summary>The OS name the agent reports, if any.</summary>
        public string? OsName { get; }

        /// <summary>The agent view; null when the instance view has no vmAgent.</summary>
        public AzureAgentView? Agent { get; }

        /// <summary>The extensions in the instance view.</summary>
        public IReadOnlyList<AzureExtensionView> Extensions { get; }

        /// <summary>The backup evidence; null when it was not read.</summary>
        public BackupEvidence? Backup { get; }

        /// <summary>Why the backup evidence could not be read, if it could not.</summary>
        public string? BackupReadError { get; }

        /// <summary>The locks on the VM's restore point resource groups and subscription; null when they were not read.</summary>
        public RestorePointLockEvidence? RestorePointLocks { get; }

        /// <summary>Why the locks could not be read, if they could not.</summary>
        public string? RestorePointLockReadError { get; }

        /// <summary>Running jobs, restore point collections, key vaults and disks; null when they were not read.</summary>
        public BackupConditionEvidence? Conditions { get; }

        /// <summary>True when the VM is deallocated or stopped: the agent cannot report and backups of its state do not apply.</summary>
        public bool IsNotRunning =>
            string.Equals(PowerState, "deallocated", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(PowerState, "deallocating", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(PowerState, "stopped", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(PowerState, "stopping", StringComparison.OrdinalIgnoreCase);

        /// <summary>The snapshot extension, if installed.</summary>
        public AzureExtensionView? SnapshotExtension => Extensions.FirstOrDefault(e => e.IsSnapshotExtension);

        /// <summary>A copy with backup evidence (or the reason it could not be read).</summary>
        public AzureVmFacts WithBackup(BackupEvidence? backup, string? backupReadError) =>
            new AzureVmFacts(Vm, PowerState, ProvisioningState, OsName, Agent, Extensions, backup, backupReadError, RestorePointLocks, RestorePointLockReadError, Conditions);

        /// <summary>A copy with the restore point locks (or the reason they could not be read).</summary>
        public AzureVmFacts WithRestorePointLocks(RestorePointLockEvidence? locks, string? readError) =>
            new AzureVmFacts(Vm, PowerState, ProvisioningState, OsName, Agent, Extensions, Backup, BackupReadError, locks, readError, Conditions);

        /// <summary>A copy with the backup conditions (running jobs, restore point collections, key vaults, disks).</summary>
        public AzureVmFacts WithConditions(BackupConditionEvidence? conditions) =>
            new AzureVmFacts(Vm, PowerState, ProvisioningState, OsName, Agent, Extensions, Backup, BackupReadError, RestorePointLocks, RestorePointLockReadError, conditions);
    }
}
