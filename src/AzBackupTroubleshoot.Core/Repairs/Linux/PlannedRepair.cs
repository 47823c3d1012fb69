using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>
    /// A repair worked out but not yet done: what it would change (for ShouldProcess and -WhatIf), or, when nothing needs or can
    /// be done, its outcome already decided. Planning reads only; <see cref="LinuxRepairer.ApplyAsync"/> makes the change.
    /// </summary>
    public sealed class PlannedRepair
    {
        private PlannedRepair(RepairAction action, string target, string description, bool requiresRoot, RepairResult? outcome, Func<CancellationToken, Task<RepairResult>>? apply)
        {
            Action = action;
            Target = target;
            Description = description;
            RequiresRoot = requiresRoot;
            Outcome = outcome;
            Apply = apply;
        }

        /// <summary>The repair.</summary>
        public RepairAction Action { get; }

        /// <summary>What it changes (a file or a service unit): ShouldProcess's target.</summary>
        public string Target { get; }

        /// <summary>What it would do, in words: ShouldProcess's action.</summary>
        public string Description { get; }

        /// <summary>True when the change needs root (any change to the live machine).</summary>
        public bool RequiresRoot { get; }

        /// <summary>The outcome when nothing is to be done (AlreadyHealthy, Skipped or Failed before trying), else null.</summary>
        public RepairResult? Outcome { get; }

        /// <summary>True when applying would change something.</summary>
        public bool NeedsChange => Outcome is null;

        internal Func<CancellationToken, Task<RepairResult>>? Apply { get; }

        internal static PlannedRepair Change(RepairAction action, string target, string description, bool requiresRoot, Func<CancellationToken, Task<RepairResult>> apply) =>
            new PlannedRepair(action, target, description, requiresRoot, null, apply);

        internal static PlannedRepair Decided(RepairAction action, string target, RepairStatus status, string detail) =>
            new PlannedRepair(action, target, detail, false, new RepairResult(target, action, status, detail), null);
    }
}
