using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks that the backup extension and the agent can run here: python, the agent's package, SELinux, the offered agent.</summary>
    internal static class RuntimeChecks
    {
        /// <summary>The first VMSnapshotLinux that runs on Ubuntu 24.04 (Azure/azure-linux-extensions issue #1922, fix PR #1920).</summary>
        public static readonly ComponentVersion Ubuntu2404Fixed = ComponentVersion.Parse("1.0.9220.0");

        /// <summary>The first broken version on Ubuntu 24.04 the issue names.</summary>
        public static readonly ComponentVersion Ubuntu2404Broken = ComponentVersion.Parse("1.0.9217.0");

        /// <summary>The python without the <c>crypt</c> module (removed in 3.13, PEP 594) that VMSnapshotLinux imports.</summary>
        public static readonly ComponentVersion PythonWithoutCrypt = ComponentVersion.Parse("3.13");

        public static IEnumerable<HealthCheckResult> ExtensionPython(LinuxFacts facts, ResultBuilder verdict)
        {
            var runtime = facts.Runtime;
            if (runtime.OsRelease.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(runtime.OsRelease.Path, runtime.OsRelease.Problem!);
                yield break;
            }

            var evidence = new List<string>();
            var os = runtime.OsRelease.Value;
            evidence.Add(os != null ? os.Describe(runtime.OsRelease.Path) : runtime.OsRelease.Describe());
            evidence.AddRange(runtime.Python.Evidence);
            var extension = facts.Extension.Newest;
            evidence.Add(extension != null ? $"{extension.Folder} (VMSnapshotLinux {extension.Version})" : "VMSnapshotLinux: not installed (the next backup installs the newest)");
            var python = runtime.Python.Version;
            if (python != null && python.CompareTo(PythonWithoutCrypt) >= 0)
            {
                yield return verdict.Failed(
                    $"python3 is {python}: Python 3.13 removed the crypt module (and 3.12 imp) that VMSnapshotLinux's handler imports, so the extension fails as it loads ('ModuleNotFoundError: No module named crypt') and backups time out. Documented in Azure/azure-linux-extensions pull request #2196 (open when this check was written); no VMSnapshotLinux version that loads on Python 3.13+ is known to this module.",
                    evidence,
                    "Open a support case referencing Azure/azure-linux-extensions PR #2196 and keep the VM on a distribution release whose system python3 is 3.12 or older until a fixed VMSnapshotLinux is rolled out; then run a new backup.");
                yield break;
            }

            if (os != null && os.Id == "ubuntu" && os.VersionId == "24.04" && extension != null
                && extension.Version.CompareTo(Ubuntu2404Broken) >= 0 && extension.Version.CompareTo(Ubuntu2404Fixed) < 0)
            {
                yield return verdict.Failed(
                    $"VMSnapshotLinux {extension.Version} does not run on Ubuntu 24.04: backups fail until the extension is {Ubuntu2404Fixed} or later (Azure/azure-linux-extensions issue #1922, fixed by PR #1920).",
                    evidence,
                    $"Remove the old extension so the next backup installs {Ubuntu2404Fixed} or later: Uninstall-AzVmSnapshotExtension -ResourceGroupName <resource-group> -VMName <vm>, then run a new backup and check /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-<version>.");
                yield break;
            }

            if (python is null && runtime.Python.FolderProblem != null)
            {
                yield return verdict.Error(runtime.Python.FolderProblem.Path, runtime.Python.FolderProblem.Problem, runtime.Python.FolderProblem.Advice);
                yield break;
            }

            if (python is null)
            {
                // The Ubuntu 24.04 rule was checked above when os-release was there; the python rule cannot be.
                yield return verdict.NotApplicable(runtime.Python.Missing + (os != null ? $" ({os.Id} {os.VersionId} with this extension version is not a known breakage.)" : string.Empty), evidence);
                yield break;
            }

            yield return verdict.Passed(
                $"No known breakage of the backup extension applies ({(os != null ? $"{os.Id} {os.VersionId}" : "distribution unknown")}, python3 {python}).",
                evidence);
        }

        public static IEnumerable<HealthCheckResult> AgentPackage(LinuxFacts facts, ResultBuilder verdict)
        {
            var runtime = facts.Runtime;
            var dpkg = runtime.Dpkg;
            if (dpkg.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(dpkg.Path, dpkg.Problem!);
                yield break;
            }

            if (!facts.AgentInstalled)
            {
                yield return verdict.NotApplicable("The agent is not installed (see Linux.AgentService).");
                yield break;
            }

            if (dpkg.IsPresent)
            {
                var status = dpkg.Value!;
                if (status.AgentInstalled)
                {
                    yield return verdict.Passed($"The agent comes from the distribution's package {DpkgStatus.AgentPackage} {status.AgentVersion}.",
                        new[] { $"{dpkg.Path} line {status.AgentLine}: Package: {DpkgStatus.AgentPackage}, Status: {status.AgentStatus}, Version: {status.AgentVersion}" });
                }
                else
                {
                    var evidence = status.AgentStatus is null
                        ? $"{dpkg.Path}: {status.Packages} packages, none named {DpkgStatus.AgentPackage}"
                        : $"{dpkg.Path} line {status.AgentLine}: Package: {DpkgStatus.AgentPackage}, Status: {status.AgentStatus}";
                    yield return verdict.Failed(
                        $"The agent is installed but not from the distribution's package (dpkg lists no installed {DpkgStatus.AgentPackage}): an agent from source or pip is not updated by apt, may run another python than the unit expects, and is what VM assist flags as 'not from a distribution package'.",
                        new[] { evidence },
                        $"Reinstall the agent from the distribution: sudo apt-get update && sudo apt-get install --reinstall {DpkgStatus.AgentPackage}; remove copies under /usr/local (pip uninstall WALinuxAgent), then sudo systemctl restart walinuxagent.");
                }

                yield break;
            }

            yield return verdict.NotApplicable(runtime.RpmDatabase
                ? "This is an rpm-based system: its package database cannot be read from a root or bundle. On the VM, run rpm -qf /usr/sbin/waagent (it must name WALinuxAgent)."
                : $"There is no package database in this root ({dpkg.Path} is not present), so the agent's package cannot be checked.");
        }

        public static IEnumerable<HealthCheckResult> Selinux(LinuxFacts facts, ResultBuilder verdict)
        {
            var selinux = facts.Runtime.Selinux;
            var config = selinux.Config;
            if (config.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(config.Path, config.Problem!);
                yield break;
            }

            if (!config.IsPresent)
            {
                yield return verdict.NotApplicable($"SELinux is not configured here ({config.Path} is not present).");
                yield break;
            }

            var value = config.Value!;
            var evidence = new List<string> { $"{config.Path} line {value.Line}: SELINUX={value.Mode} (policy {value.Policy})" };
            evidence.AddRange(selinux.WaagentPolicy);
            if (value.Mode != "enforcing")
            {
                yield return verdict.Passed($"SELinux is {value.Mode}: it does not block the agent.", evidence);
            }
            else if (selinux.WaagentPolicy.Count > 0)
            {
                yield return verdict.Passed("SELinux is enforcing and a local policy names the agent (/var/lib/waagent).", evidence);
            }
            else if (selinux.FolderProblems.Count > 0)
            {
                // A policy module folder that could not be listed may hold the agent's module: no warning is drawn from it.
                foreach (var folder in selinux.FolderProblems)
                {
                    yield return verdict.Error(folder.Path, folder.Problem, folder.Advice);
                }
            }
            else
            {
                evidence.Add($"no policy module named *waagent* and no /var/lib/waagent line in etc/selinux/{value.Policy}/contexts/files/file_contexts.local");
                yield return verdict.Warning(
                    "SELinux is enforcing and no local policy excludes the agent's /var/lib/waagent: the companion article names this for UserErrorVmNotInDesirableState ('VM is not in a state that allows backups'). Many images run enforcing without trouble, so this is a warning: act on it when backups fail with that code or audit.log shows denials for waagent.",
                    evidence,
                    "Check for denials (sudo ausearch -m avc -c waagent, or grep waagent /var/log/audit/audit.log); if there are any, exclude /var/lib/waagent from the policy (e.g. sudo semanage fcontext -a -t bin_t '/var/lib/waagent(/.*)?' && sudo restorecon -R /var/lib/waagent, or a module built with audit2allow -M waagent), then run a new backup.");
            }
        }

        public static IEnumerable<HealthCheckResult> GoalStateAgent(LinuxFacts facts, ResultBuilder verdict)
        {
            var offered = facts.Runtime.OfferedAgent;
            if (offered.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(offered.Path, offered.Problem!);
                yield break;
            }

            var goal = facts.Versions.GoalState;
            if (!offered.IsPresent || offered.Value!.Version is null)
            {
                yield return verdict.NotApplicable(offered.IsPresent
                    ? $"The WireServer's goal state ({offered.Path}) names no version for the {offered.Value!.Family} agent family, so the newest offered agent is unknown."
                    : $"The agent saved no goal state ({offered.Path} is not present), so the newest agent the WireServer offers is unknown.");
                yield break;
            }

            var newest = offered.Value.Version;
            var evidence = new List<string> { $"{offered.Path}: GAFamily {offered.Value.Family} Version {newest}" };
            if (goal is null)
            {
                yield return verdict.NotApplicable("The agent log has no 'is running as the goal state agent' line, so the running goal-state agent is unknown.", evidence);
                yield break;
            }

            evidence.Insert(0, $"goal-state agent {goal.Version} ({goal.Evidence})");
            if (goal.Version.CompareTo(newest) < 0)
            {
                yield return verdict.Warning(
                    $"The goal-state agent is {goal.Version}, older than {newest}, the newest the WireServer offers: the agent is not updating itself (VM assist reports this as a goal-state version mismatch).",
                    evidence,
                    "Make sure AutoUpdate.Enabled=y in /etc/waagent.conf, that the VM reaches the WireServer (168.63.129.16 ports 80 and 32526), and look for 'Agent update' or download errors in /var/log/waagent.log; then restart the agent.");
            }
            else
            {
                yield return verdict.Passed($"The goal-state agent {goal.Version} is the newest the WireServer offers ({newest}).", evidence);
            }
        }
    }
}
