using System.Diagnostics;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>
    /// Removes the Azure Backup snapshot extension (VMSnapshot on Windows, VMSnapshotLinux on Linux) through a
    /// Resource Manager DELETE, the supported repair when it is stuck or failed: the next backup installs it again.
    /// Find and remove are separate so the caller can ask for confirmation in between.
    /// </summary>
    public sealed class SnapshotExtensionRemover
    {
        /// <summary>What the result says about the next step.</summary>
        public const string ReinstallNote = "The next backup (scheduled or Backup Now) installs the extension again.";

        private readonly IArmClient _arm;

        /// <summary>Creates a remover.</summary>
        public SnapshotExtensionRemover(IArmClient arm)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
        }

        /// <summary>
        /// Finds the VM's snapshot extension: by its usual name for the VM's OS type (read from the VM when unknown), else
        /// by type among the VM's extensions. Null when none is installed.
        /// </summary>
        /// <exception cref="ArmRequestException">The VM cannot be read (for example <c>ResourceNotFound</c>).</exception>
        public async Task<(AzureVm Vm, InstalledSnapshotExtension? Extension)> FindAsync(AzureVm vm, CancellationToken cancellationToken)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            if (vm.OsType == AzureOsType.Unknown)
            {
                var resource = await _arm.GetAsync(vm.Id, null, cancellationToken).ConfigureAwait(false);
                if (resource.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    throw new ArmRequestException("InvalidResponse", $"GET {vm.Id}: the answer is not a JSON object.", null, vm.Id);
                }

                vm = vm.WithOsType(InstanceViewParser.ParseOsType(JsonText.PathString(resource, "properties", "storageProfile", "osDisk", "osType")));
            }

            var expected = SnapshotExtensionNames.For(vm.OsType);
            if (expected != null)
            {
                try
                {
                    var known = new InstalledSnapshotExtension(vm, expected);
                    await _arm.GetAsync(known.ResourcePath, null, cancellationToken).ConfigureAwait(false);
                    return (vm, known);
                }
                catch (ArmRequestException ex) when (ex.IsNotFound)
                {
                    // Not under its usual name; look at every extension below.
                }
            }

            string? found = null;
            await _arm.ListAsync(vm.Id + "/extensions", null, page =>
            {
                foreach (var extension in page)
                {
                    var name = JsonText.String(extension, "name");
                    var type = JsonText.PathString(extension, "properties", "type");
                    var publisher = JsonText.PathString(extension, "properties", "publisher");
                    var ours = publisher is null || string.Equals(publisher, SnapshotExtensionNames.Publisher, StringComparison.OrdinalIgnoreCase);
                    if (found is null && name != null && ours && SnapshotExtensionNames.IsSnapshotExtension(type, null))
                    {
                        found = name;
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);

            if (found is null)
            {
                return (vm, null);
            }

            try
            {
                return (vm, new InstalledSnapshotExtension(vm, found));
            }
            catch (ArgumentException ex)
            {
                // A hostile or broken list answer: the name would change which resource the DELETE addresses.
                throw new ArmRequestException("InvalidResponse", $"GET {vm.Id}/extensions names the snapshot extension '{ArmResourceId.Printable(found)}', which is not a valid extension name; nothing is deleted. {ex.Message}", null, vm.Id, 0, ex);
            }
        }

        /// <summary>The result for a VM without the extension.</summary>
        public static RepairResult NotInstalled(AzureVm vm, TimeSpan duration) =>
            RepairResult.ForAzureVm(vm, RepairAction.UninstallSnapshotExtension, RepairStatus.AlreadyHealthy,
                $"The snapshot extension ({SnapshotExtensionNames.For(vm.OsType) ?? SnapshotExtensionNames.Windows + "/" + SnapshotExtensionNames.Linux}) is not installed; nothing to remove. " + ReinstallNote,
                null, null, duration);

        /// <summary>Deletes the extension; with <paramref name="waitForCompletion"/> polls the operation to its end.</summary>
        /// <exception cref="ArmRequestException">The delete request itself failed.</exception>
        public async Task<RepairResult> RemoveAsync(InstalledSnapshotExtension extension, bool waitForCompletion, CancellationToken cancellationToken)
        {
            if (extension is null)
            {
                throw new ArgumentNullException(nameof(extension));
            }

            var watch = Stopwatch.StartNew();
            var outcome = await _arm.DeleteAsync(extension.ResourcePath, waitForCompletion, cancellationToken).ConfigureAwait(false);
            switch (outcome.Status)
            {
                case ArmOperationStatus.Succeeded:
                    return Result(extension, RepairStatus.Repaired, null, watch.Elapsed, $"{extension.Name} was removed. {ReinstallNote}");
                case ArmOperationStatus.Accepted:
                    return Result(extension, RepairStatus.Started, "removing", watch.Elapsed, $"Removal of {extension.Name} was accepted and continues in Azure. {ReinstallNote}");
                default:
                    var reason = string.Join(": ", new[] { outcome.ErrorCode, outcome.ErrorMessage }.Where(s => !string.IsNullOrEmpty(s)));
                    return Result(extension, RepairStatus.Failed, extension.Name, watch.Elapsed,
                        $"Removal of {extension.Name} ended {outcome.Status}{(reason.Length > 0 ? " (" + reason + ")" : string.Empty)}.");
            }
        }

        /// <summary>The result of a removal: Before names the installed extension, After what is left of it (null when nothing is).</summary>
        private static RepairResult Result(InstalledSnapshotExtension extension, RepairStatus status, string? after, TimeSpan duration, string detail) =>
            RepairResult.ForAzureVm(extension.Vm, RepairAction.UninstallSnapshotExtension, status, detail, extension.Name, after, duration);

        /// <summary>Finds and removes in one go (no confirmation step).</summary>
        public async Task<RepairResult> FindAndRemoveAsync(AzureVm vm, bool waitForCompletion, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var (resolved, extension) = await FindAsync(vm, cancellationToken).ConfigureAwait(false);
            return extension is null ? NotInstalled(resolved, watch.Elapsed) : await RemoveAsync(extension, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }
    }
}
