using System;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>What a repair did.</summary>
    public enum RepairStatus
    {
        /// <summary>The repair changed something and it worked.</summary>
        Repaired,

        /// <summary>Nothing needed changing.</summary>
        AlreadyHealthy,

        /// <summary>The repair was not made (declined, -WhatIf, or not applicable to this target).</summary>
        Skipped,

        /// <summary>The repair was tried and did not work.</summary>
        Failed,
    }

    /// <summary>The outcome of one repair on one target.</summary>
    public sealed class RepairResult
    {
        /// <summary>Creates a result.</summary>
        public RepairResult(string target, RepairAction action, RepairStatus status, string detail, string? backupPath = null)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Action = action;
            Status = status;
            Detail = detail ?? string.Empty;
            BackupPath = backupPath;
        }

        /// <summary>What was repaired: a host name, a root folder or a computer name.</summary>
        public string Target { get; }

        /// <summary>The repair that was made.</summary>
        public RepairAction Action { get; }

        /// <summary>The outcome.</summary>
        public RepairStatus Status { get; }

        /// <summary>What was done or why not, in one sentence.</summary>
        public string Detail { get; }

        /// <summary>Where the previous content was saved before a change, or null when nothing was saved.</summary>
        public string? BackupPath { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Target} {Action}: {Detail}";
    }
}
