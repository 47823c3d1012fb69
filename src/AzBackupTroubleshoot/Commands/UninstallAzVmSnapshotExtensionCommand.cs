using System.Management.Automation;
using AzBackupTroubleshoot.Azure;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Removes the Azure Backup snapshot extension (VMSnapshot on Windows, VMSnapshotLinux on Linux) from a VM through
    /// Azure Resource Manager, so that the next backup installs it again.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Uninstall, "AzVmSnapshotExtension", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RepairResult))]
    public sealed class UninstallAzVmSnapshotExtensionCommand : CancellableCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";
        private const string ByCheckResultSet = "ByCheckResult";

        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private ArmConnection? _arm;

        /// <summary>The resource group of the VM (with -VMName); binds from Get-AzVM objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ResourceGroupName { get; set; }

        /// <summary>The name of the VM (with -ResourceGroupName).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string? VMName { get; set; }

        /// <summary>The resource ids of the VMs; from Get-AzVM objects, which also bind -ResourceGroupName and -VMName, the id decides.</summary>
        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[]? ResourceId { get; set; }

        /// <summary>A result of Test-AzBackupAgentHealth; only Failed or Warning results whose RepairAction is UninstallSnapshotExtension, on an Azure VM, are acted on (the rest are skipped with a -Verbose line).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByCheckResultSet, ValueFromPipeline = true)]
        public HealthCheckResult? InputObject { get; set; }

        /// <summary>Return once Azure has accepted the delete, without waiting for it to finish.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        /// <summary>After the removal, start an on-demand backup (Backup Now), which reinstalls the extension; at most nine a day per VM.</summary>
        [Parameter]
        public SwitchParameter StartBackup { get; set; }

        /// <summary>The vaults to look for the VM's backup item in (with -StartBackup); by default every vault of its subscription.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? VaultId { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            foreach (var vault in VaultId ?? Array.Empty<string>())
            {
                // Checked before anything is removed: a bad -VaultId must not surface only after the DELETE.
                if (!ArmResourceId.TryParse(vault, out var id, out var error)
                    || !string.Equals(id!.Provider, "Microsoft.RecoveryServices", StringComparison.OrdinalIgnoreCase) || !string.Equals(id.Type, "vaults", StringComparison.OrdinalIgnoreCase) || id.Value.Split('/').Length != 9)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, vault,
                        error ?? $"-VaultId '{vault}' is not a Recovery Services vault id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>).",
                        recommendedAction: "Pass a vault id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>."));
                }
            }

            try
            {
                _arm = ArmConnection.Open(line => WriteVerbose(line), 4);
            }
            catch (AzAccountsException ex)
            {
                ThrowTerminatingError(ArmErrorRecords.From(ex));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet || (ParameterSetName == ByNameSet && ResourceId is { Length: > 0 }))
            {
                foreach (var id in ResourceId!)
                {
                    Uninstall(ParseId(id));
                }

                return;
            }

            Uninstall(Target());
        }

        private void Uninstall(AzureVm? vm)
        {
            if (vm is null || !_done.Add(vm.Id))
            {
                return;
            }

            var what = $"the backup extension ({SnapshotExtensionNames.For(vm.OsType) ?? SnapshotExtensionNames.Windows + " or " + SnapshotExtensionNames.Linux}) of VM {vm.Name} in {vm.ResourceGroupName}";
            var remove = ShouldProcess(what, "Uninstall (the next backup installs it again)");
            var backup = StartBackup.IsPresent && ShouldProcess($"VM {vm.Name} in {vm.ResourceGroupName}", "Start an on-demand backup (Backup Now; at most 9 a day)");
            if (!remove)
            {
                return;
            }

            try
            {
                var remover = new SnapshotExtensionRemover(_arm!.Client);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var (resolved, extension) = Wait(_arm.Run(cancel => remover.FindAsync(vm, cancel), CancellationToken));
                if (extension is null)
                {
                    WriteObject(SnapshotExtensionRemover.NotInstalled(resolved, watch.Elapsed));
                    return;
                }

                WriteVerbose($"Removing {extension.Name} from {resolved.Id}{(NoWait ? " (not waiting)" : string.Empty)}.");
                var result = Wait(_arm.Run(cancel => remover.RemoveAsync(extension, !NoWait.IsPresent, cancel), CancellationToken));
                if (result.Status == RepairStatus.Failed)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.ExtensionRemovalFailed, ErrorCategory.InvalidResult, resolved.Id, result.Detail,
                        recommendedAction: "Run again later; if it keeps failing, see the extension's status with Test-AzBackupAgentHealth -ResourceId."));
                }
                else if (backup)
                {
                    var started = Wait(_arm.Run(cancel => new OnDemandBackupStarter(_arm.Client).StartAsync(resolved, VaultId?.Select(v => v.Trim().TrimEnd('/')).ToList(), cancel), CancellationToken));
                    if (!started.Started)
                    {
                        WriteWarning(started.Message);
                    }

                    result = result.WithBackup(started);
                }

                WriteObject(result);
            }
            catch (ArmRequestException ex)
            {
                WriteError(ArmErrorRecords.From(ex, vm.Id));
            }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _arm?.Dispose();
            }

            base.Dispose(disposing);
        }

        private AzureVm? Target()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case ByCheckResultSet:
                        // Only a result whose check asked for this removal, on the VM it names (typed): never by cause or by name.
                        var result = InputObject!;
                        var reason = RepairRouting.SkipReason(result, Repairer.SnapshotExtension, TargetKind.AzureVm);
                        if (reason != null)
                        {
                            WriteVerbose($"Skipped {result.Target} {result.CheckId}: {reason}");
                            return null;
                        }

                        return result.TypedTarget.AzureVm;
                    default:
                        var subscription = _arm!.Session.SubscriptionId;
                        if (subscription is null)
                        {
                            WriteError(ErrorRecords.Create(ErrorIds.SubscriptionNotSpecified, ErrorCategory.InvalidOperation, VMName,
                                $"VM '{VMName}' in '{ResourceGroupName}' cannot be found: the Az context has no subscription.",
                                recommendedAction: "Run Set-AzContext -Subscription <id>, or pass -ResourceId."));
                            return null;
                        }

                        return AzureVm.FromName(subscription, ResourceGroupName!, VMName!);
                }
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, InputObject?.Target ?? $"{ResourceGroupName}/{VMName}", ex.Message,
                    recommendedAction: "Pass a VM resource id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>."));
                return null;
            }
        }

        private AzureVm? ParseId(string id)
        {
            try
            {
                return ParameterSetName == ByNameSet ? AzureVm.FromId(id, ResourceGroupName!, VMName!) : new AzureVm(id);
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, id, ex.Message,
                    recommendedAction: "Pass a VM resource id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>."));
                return null;
            }
        }
    }
}
