using System;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>What one repair action did on one target (what Repair-AzBackupAgent emits); its detail passes through <see cref="SecretRedactor"/>.</summary>
    public sealed class RepairResult
    {
        /// <summary>Creates a result.</summary>
        public RepairResult(string target, RepairAction action, RepairStatus status, string? detail = null, string? backupPath = null)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Action = action;
            Status = status;
            Detail = new SecretRedactor().Redact(detail ?? string.Empty);
            BackupPath = backupPath;
        }

        /// <summary>What was repaired: a host name, a folder path, a computer name or an Azure resource id.</summary>
        public string Target { get; }

        /// <summary>The repair that was performed.</summary>
        public RepairAction Action { get; }

        /// <summary>The outcome.</summary>
        public RepairStatus Status { get; }

        /// <summary>What was done or why it failed, in one sentence.</summary>
        public string Detail { get; }

        /// <summary>The copy of a changed file taken before the change, or null when nothing was backed up.</summary>
        public string? BackupPath { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Target} {Action}: {Detail}";
    }
}
