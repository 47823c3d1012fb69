using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>
    /// Which repairer owns each <see cref="RepairAction"/>, and whether a check result asks a given repairer for a change
    /// on a target it can reach. Every repair cmdlet asks here, so a repair runs only when the result's RepairAction names
    /// it, on the result's own typed target; anything else gets a reason the cmdlet shows with -Verbose.
    /// </summary>
    public static class RepairRouting
    {
        /// <summary>The repairer that carries out <paramref name="action"/>.</summary>
        public static Repairer OwnerOf(RepairAction action) => action switch
        {
            RepairAction.None => Repairer.None,
            RepairAction.SetVssCopyMode => Repairer.VssCopyMode,
            RepairAction.AddDatacenterRoute => Repairer.DatacenterRoute,
            RepairAction.UninstallSnapshotExtension => Repairer.SnapshotExtension,
            _ => Repairer.GuestAgent,
        };

        /// <summary>The cmdlet of a repairer.</summary>
        public static string CmdletOf(Repairer repairer) => repairer switch
        {
            Repairer.GuestAgent => "Repair-AzBackupAgent",
            Repairer.VssCopyMode => "Set-AzBackupVssCopyMode",
            Repairer.DatacenterRoute => "Add-AzDatacenterRoute",
            Repairer.SnapshotExtension => "Uninstall-AzVmSnapshotExtension",
            _ => "(none)",
        };

        /// <summary>
        /// Why <paramref name="repairer"/> does not act on <paramref name="result"/>, or null when it does: the result must
        /// be a finding (Failed or Warning), its RepairAction must belong to the repairer, and its target must be one of
        /// <paramref name="targetKinds"/>.
        /// </summary>
        public static string? SkipReason(HealthCheckResult result, Repairer repairer, params TargetKind[] targetKinds)
        {
            if (result is null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            if (result.Status != CheckStatus.Failed && result.Status != CheckStatus.Warning)
            {
                return $"{result.CheckId} is {result.Status}: nothing to repair.";
            }

            var owner = OwnerOf(result.RepairAction);
            if (owner == Repairer.None)
            {
                return $"{result.CheckId} has no automatic repair. {result.Remediation}".Trim();
            }

            if (owner != repairer)
            {
                return $"{result.CheckId} asks for {result.RepairAction}, which {CmdletOf(owner)} makes (pipe the result to it).";
            }

            if (targetKinds != null && targetKinds.Length > 0 && !targetKinds.Contains(result.TargetKind))
            {
                return result.TargetKind == TargetKind.Unspecified
                    ? $"{result.CheckId} on '{result.Target}' has no typed target (it was not made by Test-AzBackupAgentHealth), so {CmdletOf(repairer)} cannot tell where to repair it."
                    : $"{result.CheckId} is for a {result.TargetKind} target, which {CmdletOf(repairer)} does not repair.";
            }

            return null;
        }
    }
}
