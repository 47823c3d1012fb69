using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Linux;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Repair-AzBackupAgent with piped results: each result is repaired only when its RepairAction is a guest-agent repair,
    /// on the result's own typed target (the Linux root or machine, the Windows machine); the others are reported as
    /// Skipped with the reason, which -Verbose shows too. Results are grouped so each target gets one run.
    /// </summary>
    internal sealed class PipedRepairRun
    {
        private readonly ICmdletHost _host;
        private readonly LinuxRepairRun _linux;
        private readonly WindowsRepairRun _windows;

        public PipedRepairRun(ICmdletHost host, LinuxRepairRun linux, WindowsRepairRun windows)
        {
            _host = host;
            _linux = linux;
            _windows = windows;
        }

        /// <param name="results">The piped results.</param>
        /// <param name="path">-Path: only results for this root are repaired (null: each result's own target).</param>
        /// <param name="explicitTargets">-CimSession and -ComputerName: Windows results are repaired through the one for their computer.</param>
        /// <param name="installerPath">-InstallerPath, for ReinstallAgent.</param>
        public void Run(IReadOnlyList<HealthCheckResult> results, LinuxTarget? path, IReadOnlyList<CimTarget> explicitTargets, string? installerPath)
        {
            var accepted = new List<HealthCheckResult>();
            foreach (var result in results)
            {
                var reason = RepairRouting.SkipReason(result, Repairer.GuestAgent, TargetKind.LinuxLive, TargetKind.LinuxRoot, TargetKind.WindowsLocal, TargetKind.WindowsRemote, TargetKind.WindowsCapture);
                if (reason is null && path != null && !(result.TypedTarget.Linux is { } linux && string.Equals(linux.Location, path.Location, StringComparison.Ordinal)))
                {
                    reason = $"The result is for '{result.Target}' but this repair works on '{path.Name}'; run Repair-AzBackupAgent there or with -Path '{result.Target}'.";
                }

                if (reason != null || result.TargetKind == TargetKind.Unspecified)
                {
                    Skip(result, reason ?? "no typed target");
                    continue;
                }

                accepted.Add(result);
            }

            foreach (var group in accepted.GroupBy(r => r.TypedTarget.Linux?.Location ?? "win:" + r.TypedTarget.ComputerName, StringComparer.OrdinalIgnoreCase))
            {
                var first = group.First().TypedTarget;
                if (first.Linux != null)
                {
                    var known = group.Where(r => LinuxRepairer.Handles(r.RepairAction)).ToList();
                    _linux.Run(first.Linux, new HashSet<RepairAction>(known.Select(r => r.RepairAction)), group.Except(known));
                }
                else
                {
                    RunWindows(group.ToList(), first, explicitTargets, installerPath);
                }
            }
        }

        private void RunWindows(IReadOnlyList<HealthCheckResult> group, CheckTarget target, IReadOnlyList<CimTarget> explicitTargets, string? installerPath)
        {
            var computer = target.ComputerName!;
            var actions = new HashSet<RepairAction>();
            foreach (var result in group)
            {
                if (WindowsAgentRepair.Triage(result) is RepairResult skipped)
                {
                    _host.WriteVerbose($"Skipped {result.Target} {result.CheckId}: {skipped.Detail}");
                    _host.WriteObject(skipped, false);
                }
                else
                {
                    actions.Add(result.RepairAction);
                }
            }

            if (actions.Remove(RepairAction.ReinstallAgent) && installerPath is null)
            {
                Skip(computer, RepairAction.ReinstallAgent, "Reinstalling the agent needs -InstallerPath: the agent MSI as a path on the VM.");
                if (actions.Count == 0)
                {
                    return;
                }
            }

            var reinstall = group.Any(r => r.RepairAction == RepairAction.ReinstallAgent) && installerPath != null;
            var via = explicitTargets.FirstOrDefault(t => string.Equals(t.Name, computer, StringComparison.OrdinalIgnoreCase));
            if (via is null && explicitTargets.Count > 0)
            {
                Skip(computer, actions.FirstOrDefault(), $"No -CimSession or -ComputerName given is for '{computer}'; add one for it.");
                return;
            }

            via ??= target.Kind == TargetKind.WindowsCapture ? null : target.Windows;
            if (via is null)
            {
                Skip(computer, actions.FirstOrDefault(), $"The results of '{computer}' come from a capture, which cannot be changed; give -CimSession or -ComputerName for {computer}.");
                return;
            }

            if (via.Kind == CimTargetKind.ComputerName || via.Kind == CimTargetKind.Local)
            {
                CimTargets.RequireWindows(_host, "Repair-AzBackupAgent", computer);
            }

            _windows.Run(via, new WindowsRepairRequest { Actions = actions, Reinstall = reinstall, InstallerPath = installerPath });
        }

        private void Skip(HealthCheckResult result, string reason)
        {
            _host.WriteVerbose($"Skipped {result.Target} {result.CheckId}: {reason}");
            _host.WriteObject(new RepairResult($"{result.Target} {result.CheckId}", result.RepairAction, RepairStatus.Skipped, reason), false);
        }

        private void Skip(string target, RepairAction action, string reason)
        {
            _host.WriteVerbose($"Skipped {action} on {target}: {reason}");
            _host.WriteObject(new RepairResult(target, action, RepairStatus.Skipped, reason), false);
        }
    }
}
