using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>The service actions: restart the agent, update it through the distribution's package manager (live only).</summary>
    internal sealed class ServiceRepairs
    {
        private const string Offline = "This is an offline root: services are restarted and packages updated only on the running VM. Start the VM and run Repair-AzBackupAgent there.";
        private readonly LinuxRepairOptions _options;

        public ServiceRepairs(LinuxRepairOptions options)
        {
            _options = options;
        }

        public PlannedRepair PlanRestart()
        {
            const RepairAction action = RepairAction.RestartAgent;
            if (!_options.IsLive)
            {
                return PlannedRepair.Decided(action, _options.RootPath, RepairStatus.Skipped, Offline);
            }

            var command = RestartCommand(out var unitName, out var problem);
            if (command is null)
            {
                return PlannedRepair.Decided(action, unitName ?? "walinuxagent", RepairStatus.Failed, problem!);
            }

            var (file, arguments) = command.Value;
            var text = $"{System.IO.Path.GetFileName(file)} {string.Join(" ", arguments)}";
            return PlannedRepair.Change(action, unitName!, $"Restart the agent ({text})", true, async cancellationToken =>
            {
                var result = await _options.Runner.RunAsync(file, arguments, null, cancellationToken).ConfigureAwait(false);
                return result.ExitCode == 0
                    ? new RepairResult(unitName!, action, RepairStatus.Repaired, $"Ran '{text}'.")
                    : new RepairResult(unitName!, action, RepairStatus.Failed, $"'{text}' failed with exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Tail(result.StandardError + result.StandardOutput)}");
            });
        }

        public PlannedRepair PlanUpdate()
        {
            const RepairAction action = RepairAction.UpdateAgent;
            if (!_options.IsLive)
            {
                return PlannedRepair.Decided(action, _options.RootPath, RepairStatus.Skipped, Offline);
            }

            AgentPackage? package;
            string? reason;
            using (var root = new FolderLinuxRoot(_options.RootPath))
            {
                package = new PackageManagerDetector().Detect(root, out reason);
            }

            if (package is null)
            {
                return PlannedRepair.Decided(action, "WALinuxAgent", RepairStatus.Failed, $"Cannot update the agent: {reason}. Update it with the distribution's own tools.");
            }

            var manager = _options.Locator.Find(package.Manager);
            if (manager is null)
            {
                return PlannedRepair.Decided(action, package.Package, RepairStatus.Failed, $"{package.Manager} was not found on PATH ({package.Evidence}).");
            }

            var commands = string.Join("; ", package.Commands.Select(c => $"{package.Manager} {string.Join(" ", c)}"));
            return PlannedRepair.Change(action, package.Package, $"Update {package.Package} from the distribution's repositories ({commands}), then restart the agent", true, async cancellationToken =>
            {
                var before = InstalledVersion();
                foreach (var arguments in package.Commands)
                {
                    var result = await _options.Runner.RunAsync(manager, arguments, null, cancellationToken).ConfigureAwait(false);
                    if (result.ExitCode != 0)
                    {
                        return new RepairResult(package.Package, action, RepairStatus.Failed,
                            $"'{package.Manager} {string.Join(" ", arguments)}' failed with exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Tail(result.StandardError + result.StandardOutput)}");
                    }
                }

                var after = InstalledVersion();
                if (before != null && after != null && after.CompareTo(before) <= 0)
                {
                    return new RepairResult(package.Package, action, RepairStatus.AlreadyHealthy, $"Ran {commands}; the repositories have no newer {package.Package} than {after}.");
                }

                var restart = PlanRestart();
                var restarted = restart.Apply is null ? restart.Outcome! : await restart.Apply(cancellationToken).ConfigureAwait(false);
                var change = before != null && after != null ? $"from {before} to {after}" : "(version not readable before and after)";
                return new RepairResult(package.Package, action, restarted.Status == RepairStatus.Repaired ? RepairStatus.Repaired : RepairStatus.Failed,
                    $"Ran {commands}: updated {change}. {restarted.Detail}");
            });
        }

        private ComponentVersion? InstalledVersion()
        {
            using var root = new FolderLinuxRoot(_options.RootPath);
            var empty = FileFact<LogSummary>.Absent("/var/log/waagent.log");
            return new AgentVersionReader().Read(root, "/var/lib/waagent", empty).Installed.FirstOrDefault()?.Version;
        }

        private (string File, string[] Arguments)? RestartCommand(out string? unitName, out string? problem)
        {
            AgentUnit? unit;
            using (var root = new FolderLinuxRoot(_options.RootPath))
            {
                unit = new AgentUnitReader().Read(root).Primary;
            }

            unitName = unit?.Name;
            problem = null;
            if (unit is null)
            {
                problem = "No walinuxagent or waagent unit was found, so there is no service to restart; install the agent first.";
                return null;
            }

            var systemctl = _options.Locator.Find("systemctl");
            if (unit.InitSystem == InitSystem.Systemd && systemctl != null)
            {
                return (systemctl, new[] { "restart", unit.Name + ".service" });
            }

            var service = _options.Locator.Find("service");
            if (service != null)
            {
                return (service, new[] { unit.Name, "restart" });
            }

            problem = "Neither systemctl nor service was found on PATH.";
            return null;
        }

        private static string Tail(string text)
        {
            var trimmed = text.Trim();
            return trimmed.Length <= 300 ? trimmed : "..." + trimmed.Substring(trimmed.Length - 300);
        }
    }
}
