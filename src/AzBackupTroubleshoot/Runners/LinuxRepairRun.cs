using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Linux;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Repair-AzBackupAgent on one Linux target (the running machine or an offline root folder): for each action, plan
    /// with <see cref="LinuxRepairer"/>, then ShouldProcess(target, action), then apply.
    /// </summary>
    internal sealed class LinuxRepairRun
    {
        // Configuration first, then the service actions, so that one restart at the end picks up every change.
        private static readonly RepairAction[] Order =
        {
            RepairAction.EnableExtensions, RepairAction.EnableAutoUpdate, RepairAction.EnableVerboseLogging,
            RepairAction.EnableAutoRestart, RepairAction.UpdateAgent, RepairAction.RestartAgent,
        };

        private readonly ICmdletHost _host;

        public LinuxRepairRun(ICmdletHost host) => _host = host;

        /// <summary>Makes <paramref name="actions"/> on <paramref name="target"/>; <paramref name="skipped"/> results (asked for, but not a Linux repair) are reported as the repairer explains them.</summary>
        public void Run(LinuxTarget target, ISet<RepairAction> actions, IEnumerable<HealthCheckResult> skipped)
        {
            var repairer = new LinuxRepairer(new LinuxRepairOptions(target.Location, target.IsLive));
            foreach (var result in skipped)
            {
                _host.WriteObject(_host.Wait(repairer.ApplyAsync(repairer.Plan(result), _host.CancellationToken)), false);
            }

            foreach (var action in Order.Where(actions.Contains))
            {
                Repair(repairer, action, target);
            }
        }

        private void Repair(LinuxRepairer repairer, RepairAction action, LinuxTarget target)
        {
            _host.WriteVerbose($"Planning {action} on {target.Name}.");
            var plan = repairer.Plan(action);
            if (!plan.NeedsChange)
            {
                _host.WriteObject(plan.Outcome!, false);
                if (plan.Outcome!.Status == RepairStatus.Failed)
                {
                    // Decided without a change (a file that cannot be edited, a link refused): still a failed repair.
                    _host.WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, plan.Outcome, $"{action} on {plan.Outcome.Target} failed: {plan.Outcome.Detail}"));
                }

                return;
            }

            if (!_host.ShouldProcess(plan.Target, plan.Description))
            {
                return;
            }

            if (plan.RequiresRoot && !Elevation.IsElevated())
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.ElevationRequired, ErrorCategory.PermissionDenied, plan.Target,
                    $"{plan.Description} needs root on {target.Name}.", recommendedAction: "Run PowerShell as root (sudo pwsh), or use -WhatIf to see what would change."));
                return;
            }

            _host.WriteVerbose($"{plan.Description}.");
            var result = _host.Wait(repairer.ApplyAsync(plan, _host.CancellationToken));
            _host.WriteObject(result, false);
            if (result.Status == RepairStatus.Failed)
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, result, $"{action} on {result.Target} failed: {result.Detail}"));
            }
        }
    }
}
