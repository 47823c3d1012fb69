using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of the agent's service, processes and version.</summary>
    internal static class AgentChecks
    {
        /// <summary>The minimum supported agent (support-extensions-agent-version.md, since July 2022).</summary>
        public static readonly ComponentVersion MinimumAgent = ComponentVersion.Parse("2.2.53.1");

        public static IEnumerable<HealthCheckResult> Service(LinuxFacts facts, ResultBuilder verdict)
        {
            var unit = facts.Units.Primary;
            if (unit is null)
            {
                yield return verdict.Failed(
                    facts.AgentInstalled
                        ? "The agent is installed but has no walinuxagent or waagent service unit, so nothing starts it."
                        : "The Azure Linux agent (WALinuxAgent) is not installed: there is no walinuxagent or waagent service unit.",
                    facts.Units.Searched.Select(s => s + ": not present"),
                    "Install the agent from the distribution's repository (Ubuntu/Debian: sudo apt-get install walinuxagent; RHEL/CentOS/Oracle: sudo yum install WALinuxAgent; SUSE: sudo zypper install python-azure-agent), then sudo systemctl enable --now walinuxagent (Ubuntu/Debian) or waagent.");
                yield break;
            }

            foreach (var error in UnitErrors(unit, verdict))
            {
                yield return error;
            }

            if (unit.UnitFile?.Status == FactStatus.Malformed)
            {
                yield break;
            }

            var evidence = facts.Units.Units.Select(u => $"{u.UnitFile?.Path ?? u.Name}: {u.InitSystem} unit '{u.Name}'").Concat(new[] { unit.EnabledEvidence }).ToList();
            if (unit.Masked)
            {
                yield return verdict.Failed($"The agent's unit '{unit.Name}' is masked, so it can never start.", evidence, $"sudo systemctl unmask {unit.Name}; sudo systemctl enable --now {unit.Name}");
            }
            else if (!unit.Enabled && unit.FolderProblems.Count > 0)
            {
                // A unit folder that cannot be listed may hold the enable link: the Error results above say which.
            }
            else if (!unit.Enabled)
            {
                var fix = unit.InitSystem == InitSystem.Upstart
                    ? $"Remove the 'manual' line from /etc/init/{unit.Name}.override, then sudo service {unit.Name} start."
                    : $"sudo systemctl enable --now {unit.Name}";
                yield return verdict.Failed($"The agent's unit '{unit.Name}' is not enabled, so the agent does not start at boot.", evidence, fix);
            }
            else
            {
                yield return verdict.Passed($"The agent's unit '{unit.Name}' ({unit.InitSystem}) exists and is enabled.", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> AutoRestart(LinuxFacts facts, ResultBuilder verdict)
        {
            var unit = facts.Units.Primary;
            if (unit is null)
            {
                yield return verdict.NotApplicable("There is no agent unit to restart (see Linux.AgentService).");
                yield break;
            }

            var errors = UnitErrors(unit, verdict).ToArray();
            foreach (var error in errors)
            {
                yield return error;
            }

            if (errors.Length > 0)
            {
                yield break;
            }

            if (unit.RestartsOnFailure)
            {
                yield return verdict.Passed($"The init system restarts '{unit.Name}' when it dies ({unit.Restart}).", new[] { unit.RestartEvidence });
                yield break;
            }

            var fix = unit.InitSystem == InitSystem.Upstart
                ? $"Add a line 'respawn' to /etc/init/{unit.Name}.conf."
                : $"Create /etc/systemd/system/{unit.Name}.service.d/10-azbackup-restart.conf with '[Service]', 'Restart=always', 'RestartSec=5', then sudo systemctl daemon-reload (Repair-AzBackupAgent -EnableAutoRestart does this).";
            yield return verdict.Failed(
                $"'{unit.Name}' is not restarted when it dies (Restart={unit.Restart ?? "no"}): a crashed agent stops every backup until someone restarts it.",
                new[] { unit.RestartEvidence }, fix, RepairAction.EnableAutoRestart);
        }

        public static IEnumerable<HealthCheckResult> Processes(LinuxFacts facts, ResultBuilder verdict)
        {
            var processes = facts.Processes;
            if (!processes.HasProcessTable && processes.Malformed.Count == 0)
            {
                yield return verdict.NotApplicable("This root has no process table (an offline disk or a bundle without proc/), so running processes cannot be checked.");
                yield break;
            }

            var daemon = processes.WithRole(AgentProcessRole.Daemon).ToArray();
            var handler = processes.WithRole(AgentProcessRole.ExtensionHandler).ToArray();
            var evidence = processes.AgentProcesses.Select(p => p.Evidence).ToList();
            if (daemon.Length > 0 && handler.Length > 0)
            {
                yield return verdict.Passed("Both agent processes run: the -daemon and the -run-exthandlers process.", evidence);
                yield break;
            }

            if (processes.Malformed.Count > 0)
            {
                yield return verdict.Error(processes.Malformed[0].Path, processes.Malformed[0].Problem, processes.Malformed[0].Advice);
                yield break;
            }

            var missing = new List<string>();
            if (daemon.Length == 0)
            {
                missing.Add("the -daemon process");
            }

            if (handler.Length == 0)
            {
                missing.Add("the -run-exthandlers process (it runs the backup extension)");
            }

            evidence.Add($"no process in /proc runs the agent with {string.Join(" or ", missing.Select(m => m.Split(' ')[1]))}");
            var unit = facts.Units.Primary?.Name ?? "walinuxagent";
            yield return verdict.Failed(
                $"The agent is not running: {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.",
                evidence,
                $"Restart the agent: sudo systemctl restart {unit} (Ubuntu/Debian: walinuxagent; others: waagent; without systemd: sudo service {unit} restart), then check /var/log/waagent.log.",
                RepairAction.RestartAgent);
        }

        public static IEnumerable<HealthCheckResult> Version(LinuxFacts facts, ResultBuilder verdict)
        {
            var versions = facts.Versions;
            foreach (var bad in versions.Malformed)
            {
                yield return verdict.Error(bad.Path, bad.Problem, bad.Advice ?? $"Reinstall the agent package: {bad.Path} belongs to it.");
            }

            var autoUpdate = facts.WaagentConf.Value?.AutoUpdateEnabled ?? true;
            var effective = versions.Effective(autoUpdate);
            var evidence = versions.Installed.Concat(versions.AutoUpdated).Where(s => s != effective).Select(s => s.Evidence).ToList();
            if (effective is null)
            {
                if (versions.Malformed.Count > 0)
                {
                    // the Error results above already say why no version could be read
                }
                else if (!facts.AgentInstalled)
                {
                    yield return verdict.NotApplicable("The agent is not installed (see Linux.AgentService).");
                }
                else
                {
                    yield return verdict.Warning("The agent's version could not be found (no package metadata, no auto-updated agent, no goal-state line in the log).", evidence,
                        "Run 'waagent --version' on the VM; the second version it prints is the one that runs extensions.");
                }

                yield break;
            }

            evidence.Insert(0, $"in effect: {effective.Version} ({effective.Evidence})");
            if (effective.Version.CompareTo(MinimumAgent) < 0 && effective != versions.GoalState && versions.Malformed.Count > 0)
            {
                // A version file or folder that could not be read may hold a newer agent: the Error results above say which.
            }
            else if (effective.Version.CompareTo(MinimumAgent) < 0)
            {
                yield return verdict.Failed(
                    $"The agent that runs extensions is {effective.Version}, older than the minimum supported {MinimumAgent}.",
                    evidence,
                    "Update the agent from the distribution's repository (Ubuntu/Debian: sudo apt-get install --only-upgrade walinuxagent; RHEL/CentOS: sudo yum update WALinuxAgent; SUSE: sudo zypper update python-azure-agent) and set AutoUpdate.Enabled=y in /etc/waagent.conf, then restart the agent.",
                    RepairAction.UpdateAgent);
            }
            else
            {
                yield return verdict.Passed($"The agent that runs extensions is {effective.Version} (minimum {MinimumAgent}).", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> AutoUpdate(LinuxFacts facts, ResultBuilder verdict)
        {
            var conf = facts.WaagentConf;
            var problem = ConfigurationChecks.ConfProblem(facts, verdict, reportMissing: false);
            if (problem != null)
            {
                yield return problem;
                yield break;
            }

            var value = conf.Value!;
            var evidence = new List<string> { value.Describe(conf.Path, "AutoUpdate.Enabled", "y") };
            if (value.Find("AutoUpdate.UpdateToLatestVersion") != null)
            {
                evidence.Add(value.Describe(conf.Path, "AutoUpdate.UpdateToLatestVersion", "y") + " (overrides AutoUpdate.Enabled)");
            }

            if (value.AutoUpdateEnabled)
            {
                yield return verdict.Passed("Agent auto-update is on.", evidence);
            }
            else
            {
                yield return verdict.Failed("Agent auto-update is off: the agent that runs extensions never updates itself and falls behind the supported minimum.", evidence,
                    "Set AutoUpdate.Enabled=y in /etc/waagent.conf (and AutoUpdate.UpdateToLatestVersion=y if that key is present), then restart the agent.",
                    RepairAction.EnableAutoUpdate);
            }
        }

        private static IEnumerable<HealthCheckResult> UnitErrors(AgentUnit unit, ResultBuilder verdict)
        {
            foreach (var file in new[] { unit.UnitFile }.Concat(unit.DropIns).Where(f => f?.Status == FactStatus.Malformed))
            {
                yield return verdict.Error(file!.Path, file.Problem!);
            }

            foreach (var folder in unit.FolderProblems)
            {
                yield return verdict.Error(folder.Path, folder.Problem, folder.Advice);
            }
        }
    }
}
