using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>
    /// Azure.BackupJob: the VM's recent failed backup jobs, each error mapped through the knowledge base to the
    /// article's code and cause. One result per distinct error of the newest failed job; the result carries the mapped
    /// cause (or the check's own when the error is not in the knowledge base).
    /// </summary>
    internal static class BackupJobCheck
    {
        public static IEnumerable<HealthCheckResult> Evaluate(ResultBuilder check, AzureVmFacts facts, IBackupErrorClassifier classifier)
        {
            if (facts.BackupReadError != null)
            {
                yield return check.Unreadable(new FactProblem("the backup jobs of its vaults", facts.BackupReadError),
                    "Check that the account can read the Recovery Services vaults (Backup Reader), or pass -VaultId.");
                yield break;
            }

            var backup = facts.Backup;
            if (backup is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "Backup jobs were not read.");
                yield break;
            }

            if (backup.Item is null)
            {
                var vaults = backup.VaultsSearched.Count == 0 ? "no vault was found" : $"{backup.VaultsSearched.Count.ToString(CultureInfo.InvariantCulture)} vault(s) searched";
                yield return check.Result(CheckStatus.NotApplicable, $"The VM is not protected by Azure Backup ({vaults}).", backup.VaultsSearched.Select(v => "vault: " + v).ToList());
                yield break;
            }

            var item = backup.Item;
            var itemEvidence = new List<string>
            {
                "vault: " + backup.VaultId,
                $"protected item: {item.ProtectionState ?? "?"}, health {item.HealthStatus ?? "?"}, last backup {item.LastBackupStatus ?? "?"} at {BackupJobText.Time(item.LastBackupTime)}",
            };

            if (backup.FailedJobs.Count == 0)
            {
                yield return check.Result(CheckStatus.Passed, $"No failed backup job since {BackupJobText.Time(backup.Since)}.", itemEvidence);
                yield break;
            }

            var newest = backup.FailedJobs[0];
            var recovered = string.Equals(item.LastBackupStatus, "Completed", StringComparison.OrdinalIgnoreCase)
                && item.LastBackupTime.HasValue && newest.StartTime.HasValue && item.LastBackupTime.Value > newest.StartTime.Value;
            var status = recovered ? CheckStatus.Warning : CheckStatus.Failed;
            var jobEvidence = new List<string>(itemEvidence);
            jobEvidence.AddRange(backup.FailedJobs.Select(j => $"job {BackupJobText.Name(j.JobId)} {j.Operation} {j.Status} at {BackupJobText.Time(j.StartTime)}: " +
                string.Join(" | ", j.Errors.Select(e => $"{BackupJobText.Code(e)} {e.Message}".Trim()))));

            var errors = newest.Errors.Count > 0
                ? newest.Errors
                : new[] { new BackupJobError(null, null, newest.DynamicErrorMessage ?? "The job failed without error details.", null) };
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var error in errors)
            {
                var match = classifier.Classify(error);
                var key = match?.ErrorCode ?? error.Message;
                if (!reported.Add(key))
                {
                    continue;
                }

                var when = BackupJobText.Time(newest.StartTime);
                var prefix = recovered ? $"An earlier backup (at {when}) failed; a later one completed" : $"The last failed backup (at {when}) failed";
                if (match != null)
                {
                    var evidence = new List<string>(jobEvidence) { $"mapped to {match.ErrorCode} by {match.MatchedBy}" };
                    yield return check.Result(status, $"{prefix} with {match.ErrorCode}: {error.Message}", evidence, match.Remediation, match.Repair, cause: match.Cause);
                }
                else
                {
                    var advice = error.Recommendations.Count > 0 ? string.Join(" ", error.Recommendations) : "Look the message up with Get-AzBackupFailureCause -Message.";
                    // Unmatched stays visible as such: its own code, title and text, and no guessed cause.
                    var title = string.IsNullOrEmpty(error.Title) ? string.Empty : $" '{error.Title}'";
                    yield return check.Result(status, $"{prefix} with an error no article entry matches ({BackupJobText.Code(error)}{title}): {error.Message}", jobEvidence, advice, cause: Cause.Unclassified);
                }
            }
        }
    }
}
