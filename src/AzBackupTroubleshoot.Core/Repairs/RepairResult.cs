using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Redaction;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>
    /// What one repair did on one target: every in-guest repair (Repair-AzBackupAgent, Set-AzBackupVssCopyMode) and the
    /// Azure uninstall (Uninstall-AzVmSnapshotExtension) report this one type; routes keep <c>RouteChange</c>. Its texts
    /// pass through <see cref="SecretRedactor"/>.
    /// </summary>
    public sealed class RepairResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="target">What was repaired: a host name, a folder path, a computer name or an Azure resource id.</param>
        /// <param name="action">The repair.</param>
        /// <param name="status">The outcome.</param>
        /// <param name="detail">What was done, or why it was skipped or failed, in one sentence.</param>
        /// <param name="backupPath">The copy of a changed file taken before the change.</param>
        /// <param name="before">What the target held before, as text (for example a registry value); null for nothing or not said.</param>
        /// <param name="after">What the target holds after, as text; null for nothing or not said.</param>
        /// <param name="duration">How long the repair took, when it was timed.</param>
        public RepairResult(string target, RepairAction action, RepairStatus status, string? detail = null, string? backupPath = null,
            string? before = null, string? after = null, TimeSpan duration = default)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Action = action;
            Status = status;
            var redactor = new SecretRedactor();
            Detail = redactor.Redact(detail ?? string.Empty);
            BackupPath = backupPath;
            Before = before is null ? null : redactor.Redact(before);
            After = after is null ? null : redactor.Redact(after);
            Duration = duration;
        }

        /// <summary>What was repaired: a host name, a folder path, a computer name or an Azure resource id.</summary>
        public string Target { get; }

        /// <summary>The repair that was performed.</summary>
        public RepairAction Action { get; }

        /// <summary>The outcome.</summary>
        public RepairStatus Status { get; }

        /// <summary>True when the target was changed (<see cref="RepairStatus.Repaired"/> or <see cref="RepairStatus.Started"/>).</summary>
        public bool Changed => Status == RepairStatus.Repaired || Status == RepairStatus.Started;

        /// <summary>What was done, or why it was skipped or failed, in one sentence.</summary>
        public string Detail { get; }

        /// <summary>The copy of a changed file taken before the change, or null when nothing was backed up.</summary>
        public string? BackupPath { get; }

        /// <summary>What the target held before, as text (a registry value with its type when not REG_SZ, an extension's name); null for nothing.</summary>
        public string? Before { get; }

        /// <summary>What the target holds after, as text; null for nothing.</summary>
        public string? After { get; }

        /// <summary>How long the repair took (zero when it was not timed).</summary>
        public TimeSpan Duration { get; }

        /// <summary>
        /// For an Azure VM: its resource id (also <see cref="Target"/>), so the result binds to Test-AzBackupAgentHealth
        /// -ResourceId by property name; null for other targets.
        /// </summary>
        public string? ResourceId { get; private set; }

        /// <summary>For an Azure VM: its name; null for other targets.</summary>
        public string? VMName { get; private set; }

        /// <summary>For an Azure VM: its resource group; null for other targets.</summary>
        public string? ResourceGroupName { get; private set; }

        /// <summary>True when an on-demand backup was started afterwards (Uninstall-AzVmSnapshotExtension -StartBackup).</summary>
        public bool BackupStarted { get; private set; }

        /// <summary>A result on an Azure VM (its resource id is the target).</summary>
        public static RepairResult ForAzureVm(AzureVm vm, RepairAction action, RepairStatus status, string detail, string? before, string? after, TimeSpan duration)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            return new RepairResult(vm.Id, action, status, detail, null, before, after, duration)
            {
                ResourceId = vm.Id,
                VMName = vm.Name,
                ResourceGroupName = vm.ResourceGroupName,
            };
        }

        /// <summary>A copy that also reports the on-demand backup started (or not) after the repair.</summary>
        public RepairResult WithBackup(OnDemandBackupResult backup)
        {
            if (backup is null)
            {
                throw new ArgumentNullException(nameof(backup));
            }

            return new RepairResult(Target, Action, Status, Detail + " " + backup.Message, BackupPath, Before, After, Duration)
            {
                ResourceId = ResourceId,
                VMName = VMName,
                ResourceGroupName = ResourceGroupName,
                BackupStarted = backup.Started,
            };
        }

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Target} {Action}: {Detail}";
    }
}
