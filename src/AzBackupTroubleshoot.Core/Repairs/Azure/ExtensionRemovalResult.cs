using System;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>The outcome of removing the snapshot extension from one VM.</summary>
    public sealed class ExtensionRemovalResult
    {
        /// <summary>Creates a result.</summary>
        public ExtensionRemovalResult(AzureVm vm, string extensionName, ExtensionRemovalStatus status, TimeSpan duration, string message)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            ResourceId = vm.Id;
            VMName = vm.Name;
            ResourceGroupName = vm.ResourceGroupName;
            ExtensionName = extensionName ?? string.Empty;
            Status = status;
            Duration = duration;
            Message = message ?? string.Empty;
        }

        /// <summary>The VM name.</summary>
        public string VMName { get; }

        /// <summary>The VM's resource group.</summary>
        public string ResourceGroupName { get; }

        /// <summary>VMSnapshot or VMSnapshotLinux (or the installed instance's name).</summary>
        public string ExtensionName { get; }

        /// <summary>The outcome.</summary>
        public ExtensionRemovalStatus Status { get; }

        /// <summary>How long it took.</summary>
        public TimeSpan Duration { get; }

        /// <summary>What happened and what comes next.</summary>
        public string Message { get; }

        /// <summary>The VM's resource id.</summary>
        public string ResourceId { get; }

        /// <summary>True when an on-demand backup was started afterwards (-StartBackup).</summary>
        public bool BackupStarted { get; private set; }

        /// <summary>A copy that also reports the on-demand backup started (or not) after the removal.</summary>
        public ExtensionRemovalResult WithBackup(OnDemandBackupResult backup)
        {
            if (backup is null)
            {
                throw new ArgumentNullException(nameof(backup));
            }

            var vm = new AzureVm(ResourceId);
            return new ExtensionRemovalResult(vm, ExtensionName, Status, Duration, Message + " " + backup.Message) { BackupStarted = backup.Started };
        }

        /// <inheritdoc />
        public override string ToString() => $"{VMName} {ExtensionName}: {Status}";
    }
}
