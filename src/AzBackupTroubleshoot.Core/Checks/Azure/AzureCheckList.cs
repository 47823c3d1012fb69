using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>
    /// The checks on what Resource Manager knows about a VM (the <c>Azure.*</c> ids of <see cref="CheckCatalog"/>).
    /// A deallocated or stopped VM is <see cref="CheckStatus.NotApplicable"/> for every instance-view check, not a
    /// failure; its backup jobs and restore point locks are still reported.
    /// </summary>
    public static class AzureCheckList
    {
        /// <summary>Minimum supported Windows guest agent (KB 4049215, support-extensions-agent-version.md).</summary>
        public static readonly ComponentVersion MinimumWindowsAgent = WindowsNames.MinimumAgentVersion;

        /// <summary>Minimum supported Linux agent (WALinuxAgent, since July 2022).</summary>
        public static readonly ComponentVersion MinimumLinuxAgent = AgentChecks.MinimumAgent;

        /// <summary>The checks, in report order.</summary>
        public static CheckSet<AzureVmFacts> Create(IBackupErrorClassifier classifier)
        {
            if (classifier is null)
            {
                throw new ArgumentNullException(nameof(classifier));
            }

            return new CheckSet<AzureVmFacts>(new[]
            {
                Check(CheckCatalog.AzurePowerState, PowerState),
                Check(CheckCatalog.AzureAgentStatus, AgentStatus),
                Check(CheckCatalog.AzureAgentVersion, AgentVersion),
                Check(CheckCatalog.AzureSnapshotExtension, SnapshotExtension),
                Check(CheckCatalog.AzureExtensionProvisioning, ExtensionProvisioning),
                Check(CheckCatalog.AzureBackupJob, (check, facts) => BackupJobCheck.Evaluate(check, facts, classifier)),
                Check(CheckCatalog.AzureResourceGroupLock, ResourceGroupLockCheck.Evaluate),
                Check(CheckCatalog.AzureProvisioningState, BackupResourceChecks.ProvisioningState),
                Check(CheckCatalog.AzureProtectionState, BackupOperationChecks.ProtectionState),
                Check(CheckCatalog.AzureBackupJobInProgress, BackupOperationChecks.JobInProgress),
                Check(CheckCatalog.AzurePolicyDenial, (check, facts) => BackupOperationChecks.PolicyDenial(check, facts, classifier)),
                Check(CheckCatalog.AzureRestorePointLimit, BackupResourceChecks.RestorePointLimit),
                Check(CheckCatalog.AzureKeyVaultAccess, BackupResourceChecks.KeyVaultAccess),
                Check(CheckCatalog.AzureDiskSize, BackupResourceChecks.DiskSize),
            });
        }

        private static HealthCheck<AzureVmFacts> Check(string id, Func<ResultBuilder, AzureVmFacts, IEnumerable<HealthCheckResult>> evaluate) =>
            CheckSet<AzureVmFacts>.Define(id, (facts, result) => evaluate(result, facts));

        private static IEnumerable<HealthCheckResult> PowerState(ResultBuilder check, AzureVmFacts facts)
        {
            var evidence = new[] { $"PowerState/{facts.PowerState ?? "(none)"}", $"ProvisioningState/{facts.ProvisioningState ?? "(none)"}" };
            if (facts.IsNotRunning)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is {facts.PowerState}; start it to check its agent and extensions.", evidence);
                yield break;
            }

            // The provisioning state (failed, updating) is Azure.ProvisioningState's: one state, one check.
            if (string.Equals(facts.PowerState, "running", StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Passed, "The VM is running.", evidence);
                yield break;
            }

            yield return check.Result(CheckStatus.Warning, $"The VM is {facts.PowerState ?? "in an unknown power state"}; a backup can fail while it is not running.", evidence,
                "Wait until the VM is running and no operation is in progress, then retry the backup.");
        }

        private static IEnumerable<HealthCheckResult> AgentStatus(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.IsNotRunning)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is {facts.PowerState}; the agent cannot report.");
                yield break;
            }

            var agent = facts.Agent;
            if (agent is null || agent.Statuses.Count == 0)
            {
                yield return check.Result(CheckStatus.Failed, "The instance view has no VM agent status: the agent is not installed or has never reported (UserErrorGuestAgentStatusUnavailable).",
                    remediation: "Install or repair the VM agent in the guest (Test-AzBackupAgentHealth in the guest shows why), then run Backup Now.",
                    repair: RepairAction.RestartAgent);
                yield break;
            }

            var evidence = agent.Statuses.Select(s => "vmAgent: " + s).ToList();
            if (string.Equals(agent.DisplayStatus, "Ready", StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Passed, "The VM agent is Ready.", evidence);
                yield break;
            }

            var message = agent.Statuses[0].Message.Length > 0 ? agent.Statuses[0].Message : "no message";
            yield return check.Result(CheckStatus.Failed, $"The VM agent is {(agent.DisplayStatus ?? "not Ready")}: {message}", evidence,
                "Restart the guest agent in the VM (WindowsAzureGuestAgent / walinuxagent) and check it can reach 168.63.129.16; run Test-AzBackupAgentHealth inside the guest for the cause.",
                RepairAction.RestartAgent);
        }

        private static IEnumerable<HealthCheckResult> AgentVersion(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.IsNotRunning)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is {facts.PowerState}; the agent cannot report its version.");
                yield break;
            }

            var reported = facts.Agent?.Version;
            var minimum = facts.Vm.OsType == AzureOsType.Windows ? MinimumWindowsAgent : facts.Vm.OsType == AzureOsType.Linux ? MinimumLinuxAgent : null;
            var evidence = new[] { $"vmAgentVersion: {reported ?? "(none)"}", $"osType: {facts.Vm.OsType}" };
            var version = ComponentVersion.TryParse(reported?.Trim());
            if (version is null)
            {
                yield return check.Result(CheckStatus.Warning, $"The VM agent version is {(reported ?? "not reported")}; it cannot be compared with the minimum.", evidence,
                    "Make the agent report (see Azure.AgentStatus), then check its version.");
                yield break;
            }

            if (minimum is null)
            {
                yield return check.Result(CheckStatus.Warning, $"The VM agent is {version} but the OS type is unknown, so the minimum is unknown.", evidence);
                yield break;
            }

            if (version < minimum)
            {
                yield return check.Result(CheckStatus.Failed, $"The VM agent {version} is older than the minimum supported {minimum} for {facts.Vm.OsType}.", evidence,
                    facts.Vm.OsType == AzureOsType.Windows
                        ? "Install the latest Windows guest agent MSI, then run Backup Now."
                        : "Update WALinuxAgent from the distribution's repository or turn on AutoUpdate.Enabled, then run Backup Now.",
                    facts.Vm.OsType == AzureOsType.Windows ? RepairAction.ReinstallAgent : RepairAction.UpdateAgent);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"The VM agent {version} is at least {minimum}.", evidence);
        }

        private static IEnumerable<HealthCheckResult> SnapshotExtension(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.IsNotRunning)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is {facts.PowerState}; extensions cannot report.");
                yield break;
            }

            var extension = facts.SnapshotExtension;
            var handler = facts.Agent?.ExtensionHandlers.FirstOrDefault(h => SnapshotExtensionNames.IsSnapshotExtension(null, h.Type));
            if (extension is null && handler is null)
            {
                yield return check.Result(CheckStatus.Passed, "The backup extension is not installed; the next backup installs it.");
                yield break;
            }

            var evidence = new List<string>();
            if (handler?.Status != null)
            {
                evidence.Add($"handler {handler.Type} {handler.TypeHandlerVersion}: {handler.Status}");
            }

            if (extension != null)
            {
                evidence.AddRange(extension.Statuses.Select(s => $"{extension.Name} status: {s}"));
                evidence.AddRange(extension.Substatuses.Select(s => $"{extension.Name} substatus: {s}"));
            }

            var name = extension?.Name ?? handler!.Type;
            var handlerNotReady = handler?.Status != null && (handler.Status.IsError ||
                string.Equals(handler.Status.DisplayStatus, "Not Ready", StringComparison.OrdinalIgnoreCase));
            var failedSub = extension?.Substatuses.FirstOrDefault(s => s.IsError);
            if ((extension != null && extension.HasFailed) || handlerNotReady || failedSub != null)
            {
                var detail = failedSub?.Message.Length > 0 ? failedSub.Message
                    : extension?.Statuses.FirstOrDefault(s => s.IsError)?.Message ?? handler?.Status?.Message ?? string.Empty;
                yield return check.Result(CheckStatus.Failed,
                    $"The backup extension {name} is in a failed state{(detail.Length > 0 ? ": " + detail : ".")}",
                    evidence,
                    "Uninstall the extension (Uninstall-AzVmSnapshotExtension); the next backup reinstalls it. Then run Backup Now.",
                    RepairAction.UninstallSnapshotExtension);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"The backup extension {name} reports no error.", evidence);
        }

        private static IEnumerable<HealthCheckResult> ExtensionProvisioning(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.IsNotRunning)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is {facts.PowerState}; extensions cannot report.");
                yield break;
            }

            var failed = facts.Extensions.Where(e => string.Equals(e.ProvisioningState, "failed", StringComparison.OrdinalIgnoreCase)).ToList();
            var evidence = facts.Extensions.Select(e => $"{e.Name}: {e.ProvisioningState ?? "(no provisioning state)"}").ToList();
            if (failed.Count == 0)
            {
                yield return check.Result(CheckStatus.Passed,
                    facts.Extensions.Count == 0 ? "No extension reports a provisioning state." : $"All {facts.Extensions.Count.ToString(CultureInfo.InvariantCulture)} extensions report provisioning succeeded or in progress.",
                    evidence);
                yield break;
            }

            var names = string.Join(", ", failed.Select(e => e.Name));
            var onlySnapshot = failed.All(e => e.IsSnapshotExtension);
            yield return check.Result(CheckStatus.Failed,
                $"Extension provisioning failed for {names}; backups fail with UserErrorVmProvisioningStateFailed until every extension succeeds.",
                evidence,
                onlySnapshot
                    ? "Uninstall the backup extension (Uninstall-AzVmSnapshotExtension) and run Backup Now; it is reinstalled."
                    : "Fix or remove the failed extensions (Remove-AzVMExtension), then run Backup Now.",
                onlySnapshot ? RepairAction.UninstallSnapshotExtension : RepairAction.None);
        }
    }
}
