using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>
    /// Plans and applies the Linux agent repairs: waagent.conf edits (Logs.Verbose, Extensions.Enabled, AutoUpdate.Enabled),
    /// automatic restart (a systemd drop-in or upstart <c>respawn</c>), a service restart and an update through the
    /// distribution's package manager. File edits work on a live machine or an offline root; service actions only live.
    /// </summary>
    public sealed class LinuxRepairer
    {
        private readonly LinuxRepairOptions _options;
        private readonly ConfigurationRepairs _configuration;
        private readonly ServiceRepairs _service;

        /// <summary>Creates a repairer.</summary>
        public LinuxRepairer(LinuxRepairOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            var writer = new AtomicFileWriter(options.Metadata, options.Clock, new RootPathResolver(options.RootPath, options.IsLive));
            _configuration = new ConfigurationRepairs(options, writer);
            _service = new ServiceRepairs(options);
        }

        /// <summary>True for the actions this repairer carries out.</summary>
        public static bool Handles(RepairAction action) => action switch
        {
            RepairAction.RestartAgent or RepairAction.EnableAutoRestart or RepairAction.EnableVerboseLogging or
            RepairAction.EnableExtensions or RepairAction.EnableAutoUpdate or RepairAction.UpdateAgent => true,
            _ => false,
        };

        /// <summary>Plans one action.</summary>
        public PlannedRepair Plan(RepairAction action) => action switch
        {
            RepairAction.EnableVerboseLogging => _configuration.PlanConf(action, ("Logs.Verbose", "y")),
            RepairAction.EnableExtensions => _configuration.PlanConf(action, ("Extensions.Enabled", "y")),
            RepairAction.EnableAutoUpdate => _configuration.PlanAutoUpdate(),
            RepairAction.EnableAutoRestart => _configuration.PlanAutoRestart(),
            RepairAction.RestartAgent => _service.PlanRestart(),
            RepairAction.UpdateAgent => _service.PlanUpdate(),
            _ => PlannedRepair.Decided(action, _options.RootPath, RepairStatus.Skipped, SkipReason(action)),
        };

        /// <summary>Plans the repair a check result asks for, or says why it is skipped.</summary>
        public PlannedRepair Plan(HealthCheckResult result)
        {
            if (result is null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            var target = $"{result.Target} {result.CheckId}";
            if (result.Status == CheckStatus.Passed || result.Status == CheckStatus.NotApplicable)
            {
                return PlannedRepair.Decided(result.RepairAction, target, RepairStatus.Skipped, $"{result.CheckId} is {result.Status}: nothing to repair.");
            }

            if (result.RepairAction == RepairAction.None)
            {
                return PlannedRepair.Decided(RepairAction.None, target, RepairStatus.Skipped,
                    $"{result.CheckId} has no automatic repair. {result.Remediation}".Trim());
            }

            return Handles(result.RepairAction) ? Plan(result.RepairAction) : PlannedRepair.Decided(result.RepairAction, target, RepairStatus.Skipped, SkipReason(result.RepairAction));
        }

        /// <summary>Applies a plan: returns its decided outcome, or makes the change. Never throws for a failed change.</summary>
        public async Task<RepairResult> ApplyAsync(PlannedRepair plan, CancellationToken cancellationToken = default)
        {
            if (plan is null)
            {
                throw new ArgumentNullException(nameof(plan));
            }

            if (plan.Outcome != null)
            {
                return plan.Outcome;
            }

            try
            {
                return await plan.Apply!(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                return new RepairResult(plan.Target, plan.Action, RepairStatus.Failed, $"{plan.Description} failed: {ex.Message}. Nothing was changed.");
            }
        }

        private static string SkipReason(RepairAction action) => action switch
        {
            RepairAction.UninstallSnapshotExtension => "The VMSnapshotLinux extension is removed from Azure, not from inside the VM: use Uninstall-AzVmSnapshotExtension (or the portal); the next backup reinstalls it.",
            RepairAction.AddDatacenterRoute => "Routes are added with Add-AzDatacenterRoute.",
            RepairAction.SetVssCopyMode => "VSS copy mode is a Windows setting (Set-AzBackupVssCopyMode).",
            RepairAction.StartService or RepairAction.ReinstallAgent => $"{action} is a Windows repair; this is a Linux target.",
            _ => $"{action} is not a repair Repair-AzBackupAgent makes on Linux.",
        };
    }
}
