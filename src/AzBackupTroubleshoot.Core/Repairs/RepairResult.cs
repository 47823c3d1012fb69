using System;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>The outcome of one repair.</summary>
    public enum RepairStatus
    {
        /// <summary>The change was made.</summary>
        Repaired,

        /// <summary>Nothing needed changing; nothing was changed.</summary>
        AlreadyHealthy,

        /// <summary>The repair was not attempted (not applicable here, not known on this platform, or declined); the detail says why.</summary>
        Skipped,

        /// <summary>The repair was attempted and did not succeed; the detail says why. Nothing is left half-written.</summary>
        Failed,
    }

    /// <summary>What one repair did. Linux and Windows repairs report the same type.</summary>
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

        /// <summary>What was repaired: a file, a service unit, a package.</summary>
        public string Target { get; }

        /// <summary>The repair.</summary>
        public RepairAction Action { get; }

        /// <summary>The outcome.</summary>
        public RepairStatus Status { get; }

        /// <summary>What was done or why not.</summary>
        public string Detail { get; }

        /// <summary>The backup of the changed file, when a file was changed.</summary>
        public string? BackupPath { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Action} {Target}: {Detail}";
    }
}
