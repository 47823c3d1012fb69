using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>
    /// The Azure checks on a VM's backup operations that the current articles' newer codes name:
    /// Azure.BackupJobInProgress (UserErrorBackupOperationInProgress), Azure.ProtectionState
    /// (UserErrorBcmDatasourceNotPresent) and Azure.PolicyDenial (UserErrorRequestDisallowedByPolicy). None has a repair:
    /// cancelling a job or resuming protection is the user's decision, so the remediation names the command.
    /// </summary>
    internal static class BackupOperationChecks
    {
        /// <summary>The protection states of a backup item that is not actively protected (bms.json ProtectionState).</summary>
        private static readonly string[] InactiveStates = { "ProtectionStopped", "ProtectionPaused" };

        public static IEnumerable<HealthCheckResult> JobInProgress(ResultBuilder check, AzureVmFacts facts)
        {
            var conditions = facts.Conditions;
            if (conditions?.RunningJobsError != null)
            {
                yield return check.Result(CheckStatus.Error, "The vault's running jobs could not be read: " + conditions.RunningJobsError,
                    remediation: "Check that the account can read the Recovery Services vaults (Backup Reader).");
                yield break;
            }

            if (facts.Backup != null && facts.Backup.Item is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "The VM is not protected by Azure Backup, so no backup job runs for it.");
                yield break;
            }

            if (conditions?.RunningJobs is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "The vaults' running jobs were not read.");
                yield break;
            }

            var jobs = conditions.RunningJobs;
            var evidence = jobs.Select(j => $"job {j.JobId}: {j.Operation ?? "?"} {j.Status ?? "?"} since {BackupJobText.Time(j.StartTime)}").ToList();
            if (jobs.Count == 0)
            {
                yield return check.Result(CheckStatus.Passed, "No backup or restore job of the VM is in progress.", evidence);
                yield break;
            }

            var oldVault = jobs.Where(j => !string.Equals(j.VaultId, facts.Backup?.VaultId, StringComparison.OrdinalIgnoreCase)).ToList();
            var what = string.Join("; ", jobs.Select(j => $"{j.Operation ?? "a job"} since {BackupJobText.Time(j.StartTime)}" + (oldVault.Contains(j) ? $" in the old vault {j.VaultId}" : string.Empty)));
            yield return check.Result(CheckStatus.Failed,
                $"{BackupJobText.Count(jobs.Count, "job")} of the VM still running ({what}): a new backup fails with UserErrorBackupOperationInProgress until it finishes.",
                evidence,
                "Wait for the job to finish, or cancel it if it is stuck: " + string.Join("; ", jobs.Select(j => $"Stop-AzRecoveryServicesBackupJob -JobId '{BackupJobText.Name(j.JobId)}' -VaultId '{j.VaultId}'"))
                    + ". Then retry the backup.");
        }

        public static IEnumerable<HealthCheckResult> ProtectionState(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.BackupReadError != null)
            {
                yield return check.Result(CheckStatus.Error, "The backup item could not be read: " + facts.BackupReadError,
                    remediation: "Check that the account can read the Recovery Services vaults (Backup Reader), or pass -VaultId.");
                yield break;
            }

            var item = facts.Backup?.Item;
            if (item is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, facts.Backup is null ? "The backup items were not read." : "The VM is not protected by Azure Backup.");
                yield break;
            }

            var evidence = new[] { "vault: " + facts.Backup!.VaultId, $"protected item {item.Id}: protectionState {item.ProtectionState ?? "(none)"}" };
            if (InactiveStates.Any(s => string.Equals(s, item.ProtectionState, StringComparison.OrdinalIgnoreCase)))
            {
                yield return check.Result(CheckStatus.Failed,
                    $"The VM's protection is {item.ProtectionState}: backups fail with UserErrorBcmDatasourceNotPresent ('This virtual machine is not (actively) protected by Azure Backup').",
                    evidence,
                    "Resume protection with a policy (portal: Backup items > Resume backup, or Enable-AzRecoveryServicesBackupProtection -Item <item> -Policy <policy> -VaultId <vault>), then retry the backup.");
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"The VM's protection state is {item.ProtectionState ?? "not reported"}.", evidence);
        }

        public static IEnumerable<HealthCheckResult> PolicyDenial(ResultBuilder check, AzureVmFacts facts, IBackupErrorClassifier classifier)
        {
            if (facts.BackupReadError != null)
            {
                yield return check.Result(CheckStatus.Error, "The backup jobs could not be read: " + facts.BackupReadError);
                yield break;
            }

            var backup = facts.Backup;
            if (backup?.Item is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, backup is null ? "Backup jobs were not read." : "The VM is not protected by Azure Backup.");
                yield break;
            }

            // Denied by policy: the article's code (named in the error or matched by its message) or ARM's own policy error code in the text.
            var denied = backup.FailedJobs
                .SelectMany(j => j.Errors.Select(e => (Job: j, Error: e)))
                .Where(x => IsPolicyDenial(x.Error, classifier))
                .ToList();
            if (denied.Count == 0)
            {
                yield return check.Result(CheckStatus.Passed,
                    $"No failed backup job since {BackupJobText.Time(backup.Since)} was denied by Azure Policy ({BackupJobText.Count(backup.FailedJobs.Count, "failed job")} read).");
                yield break;
            }

            var evidence = denied.Select(x => $"job {BackupJobText.Name(x.Job.JobId)} at {BackupJobText.Time(x.Job.StartTime)}: {BackupJobText.Code(x.Error)} {x.Error.Message}".Trim()).ToList();
            yield return check.Result(CheckStatus.Failed,
                $"Azure Policy denied what a backup creates ({BackupJobText.Count(denied.Count, "job error")}, UserErrorRequestDisallowedByPolicy): {denied[0].Error.Message}",
                evidence,
                "Find the assignment named in the error (Get-AzPolicyAssignment); change its effect from Deny to Modify for the tags it enforces, or exempt the AzureBackupRG_* resource group, or create that resource group yourself with the name and tags the policy requires. Then retry the backup.");
        }

        private static bool IsPolicyDenial(BackupJobError error, IBackupErrorClassifier classifier)
        {
            var text = (error.Title ?? string.Empty) + " " + error.Message;
            if (text.IndexOf("RequestDisallowedByPolicy", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            return string.Equals(classifier.Classify(error)?.ErrorCode, "UserErrorRequestDisallowedByPolicy", StringComparison.OrdinalIgnoreCase);
        }
    }
}
