using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>
    /// The Azure checks on the resources a VM's backup depends on, for the current articles' newer codes:
    /// Azure.RestorePointLimit (UserErrorRpCollectionLimitReached), Azure.KeyVaultAccess
    /// (UserErrorKeyvaultPermissionsNotConfigured), Azure.DiskSize (UserErrorUnsupportedDiskSize) and
    /// Azure.ProvisioningState (UserErrorVmProvisioningStateFailed, UserErrorVmNotInDesirableState). Advice only:
    /// deleting restore points, removing a lock or granting vault access stay the user's decision.
    /// </summary>
    internal static class BackupResourceChecks
    {
        /// <summary>"Only 18 instant RPs can be associated with a VM at any given time" (current article).</summary>
        public const int MaxInstantRestorePoints = 18;

        /// <summary>"a disk size greater than 32 TB" (current article), in GiB as diskSizeGB counts.</summary>
        public const int MaxDiskSizeGb = 32 * 1024;

        /// <summary>"encrypted disks greater than 4 TB in size isn't currently supported" (current article), in GiB.</summary>
        public const int MaxEncryptedDiskSizeGb = 4 * 1024;

        private static readonly string[] RequiredKeyVaultPermissions = { "get", "list", "backup" };

        public static IEnumerable<HealthCheckResult> RestorePointLimit(ResultBuilder check, AzureVmFacts facts)
        {
            var conditions = facts.Conditions;
            if (conditions?.RestorePointCollectionsError != null)
            {
                yield return check.Result(CheckStatus.Error, "The restore point collections could not be read: " + conditions.RestorePointCollectionsError,
                    remediation: "Check that the account can read Microsoft.Compute/restorePointCollections in the subscription (Reader).");
                yield break;
            }

            var collections = conditions?.RestorePointCollections;
            if (collections is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "The restore point collections were not read.");
                yield break;
            }

            if (collections.Count == 0)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"The VM has no restore point collection in an {RestorePointLockReader.ResourceGroupPrefix}* resource group (none before its first backup).");
                yield break;
            }

            var evidence = collections.Select(c => $"restore point collection {c.Id}: {(c.RestorePointCount.HasValue ? c.RestorePointCount.Value.ToString(CultureInfo.InvariantCulture) : "uncounted")} restore point(s)").ToList();
            if (collections.All(c => !c.RestorePointCount.HasValue) && facts.Backup != null && facts.BackupReadError is null && facts.Backup.FailedJobs.Count == 0)
            {
                // BackupConditionReader counts restore points only after a failed backup: a full collection fails backups.
                yield return check.Result(CheckStatus.Passed,
                    $"No backup of the VM failed since {facts.Backup.Since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, so the restore point limit has not stopped one; its restore points were not counted.",
                    evidence);
                yield break;
            }

            if (collections.All(c => !c.CountRead) && facts.Backup != null && facts.BackupReadError is null)
            {
                // BackupConditionReader.NeedsRestorePointCount: every failed job of the window names a known other cause.
                yield return check.Result(CheckStatus.Passed,
                    $"The backups that failed since {facts.Backup.Since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} name other causes, not UserErrorRpCollectionLimitReached (Azure Backup names that code when the restore point collection is full); its restore points were not counted.",
                    evidence);
                yield break;
            }

            var total = collections.Sum(c => c.RestorePointCount ?? 0);
            var uncounted = collections.Any(c => !c.RestorePointCount.HasValue);
            if (total >= MaxInstantRestorePoints)
            {
                var groups = string.Join(", ", collections.Select(c => c.ResourceGroupName).Distinct(StringComparer.OrdinalIgnoreCase));
                yield return check.Result(CheckStatus.Failed,
                    $"The VM has {total.ToString(CultureInfo.InvariantCulture)} instant restore points in {groups}; at most {MaxInstantRestorePoints.ToString(CultureInfo.InvariantCulture)} can be associated with a VM, so backups fail with UserErrorRpCollectionLimitReached.",
                    evidence,
                    "Remove any lock on the restore point resource group (see Azure.ResourceGroupLock; the module never removes locks), then trigger an on-demand backup to start the cleanup (the first may fail), or delete the restore point collection in the portal (the resource group, Show hidden types). Keep to one backup a day.");
                yield break;
            }

            yield return check.Result(uncounted ? CheckStatus.Warning : CheckStatus.Passed,
                $"The VM has {total.ToString(CultureInfo.InvariantCulture)} of at most {MaxInstantRestorePoints.ToString(CultureInfo.InvariantCulture)} instant restore points" + (uncounted ? "; some collections could not be counted." : "."),
                evidence);
        }

        public static IEnumerable<HealthCheckResult> KeyVaultAccess(ResultBuilder check, AzureVmFacts facts)
        {
            var storage = facts.Conditions?.Storage;
            if (storage is null)
            {
                yield return StorageNotRead(check, facts);
                yield break;
            }

            if (!storage.IsEncrypted)
            {
                yield return check.Result(CheckStatus.NotApplicable, "No disk of the VM is encrypted with Azure Disk Encryption, so backup needs no key vault access.");
                yield break;
            }

            var vaults = facts.Conditions!.KeyVaults ?? Array.Empty<KeyVaultAccessInfo>();
            if (vaults.Count == 0)
            {
                yield return check.Result(CheckStatus.Warning,
                    $"The VM is encrypted ({storage.EncryptionExtension ?? "disk encryptionSettings"}) but its model names no key vault, so the vault's access cannot be checked.",
                    storage.Disks.Where(d => d.Encrypted).Select(d => "encrypted disk: " + d.Name).ToList(),
                    "Check in the portal that the Backup Management Service has Get, List and Backup on the vault's keys and secrets.");
                yield break;
            }

            foreach (var vault in vaults)
            {
                var evidence = new List<string> { "key vault: " + vault.Id };
                evidence.AddRange(vault.Policies.Select(p => $"access policy {p.ObjectId}: keys [{string.Join(",", p.Keys)}], secrets [{string.Join(",", p.Secrets)}]"));
                if (vault.ReadError != null)
                {
                    yield return check.Result(CheckStatus.Error, $"The key vault {vault.Id} could not be read: {vault.ReadError}", evidence,
                        "Read the vault's access with an account that has Microsoft.KeyVault/vaults/read, or check it in the portal.");
                    continue;
                }

                if (vault.RbacAuthorization)
                {
                    yield return check.Result(CheckStatus.Warning,
                        $"The key vault {vault.Id} uses Azure role-based access; its role assignments are not read here, so Backup's access is not confirmed.",
                        evidence,
                        "Make sure the Backup Management Service has a role with key and secret Get, List and Backup on the vault (for example Key Vault Administrator, or a custom role), then retry.");
                    continue;
                }

                var granting = vault.Policies.Where(p => Grants(p.Keys) && Grants(p.Secrets)).ToList();
                if (granting.Count == 0)
                {
                    yield return check.Result(CheckStatus.Failed,
                        $"No access policy of the key vault {vault.Id} grants key and secret Get, List and Backup: backups of the encrypted VM fail with UserErrorKeyvaultPermissionsNotConfigured.",
                        evidence,
                        $"Set-AzKeyVaultAccessPolicy -ResourceId '{vault.Id}' -ServicePrincipalName 262044b1-e2ce-469f-a196-69ab7ada62d3 -PermissionsToKeys backup,get,list -PermissionsToSecrets get,list,backup (the Backup Management Service), then retry the backup.");
                    continue;
                }

                yield return check.Result(CheckStatus.Passed,
                    $"{BackupJobText.Count(granting.Count, "access policy")} of the key vault {vault.Id} grant key and secret Get, List and Backup (Resource Manager does not say which object id is the Backup Management Service).",
                    evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> DiskSize(ResultBuilder check, AzureVmFacts facts)
        {
            var storage = facts.Conditions?.Storage;
            if (storage is null)
            {
                yield return StorageNotRead(check, facts);
                yield break;
            }

            var evidence = storage.Disks.Select(d => $"{(d.IsOsDisk ? "OS" : "data")} disk {d.Name}: {(d.SizeGb.HasValue ? d.SizeGb.Value.ToString(CultureInfo.InvariantCulture) + " GiB" : "size not in the model")}{(d.Encrypted ? ", encrypted" : string.Empty)}").ToList();
            var tooLarge = storage.Disks.Where(d => d.SizeGb.HasValue && d.SizeGb.Value > (d.Encrypted ? MaxEncryptedDiskSizeGb : MaxDiskSizeGb)).ToList();
            if (tooLarge.Count > 0)
            {
                yield return check.Result(CheckStatus.Failed,
                    $"{string.Join(", ", tooLarge.Select(d => $"{d.Name} ({d.SizeGb!.Value.ToString(CultureInfo.InvariantCulture)} GiB{(d.Encrypted ? ", encrypted" : string.Empty)})"))} is larger than Azure Backup supports (32 TB; 4 TB when encrypted): backups fail with UserErrorUnsupportedDiskSize.",
                    evidence,
                    "Split the data over disks of at most 32 TB (4 TB for encrypted disks), or exclude the disk from the backup (selective disk backup), then retry.");
                yield break;
            }

            var unsized = storage.Disks.Count(d => !d.SizeGb.HasValue);
            yield return check.Result(CheckStatus.Passed,
                $"All {storage.Disks.Count.ToString(CultureInfo.InvariantCulture)} disks are within Azure Backup's size limits" + (unsized > 0 ? $" ({unsized.ToString(CultureInfo.InvariantCulture)} without a size in the model)." : "."),
                evidence);
        }

        public static IEnumerable<HealthCheckResult> ProvisioningState(ResultBuilder check, AzureVmFacts facts)
        {
            var state = facts.ProvisioningState;
            var evidence = new[] { $"ProvisioningState/{state ?? "(none)"}", $"PowerState/{facts.PowerState ?? "(none)"}" };
            if (state is null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "The instance view reports no provisioning state.", evidence);
                yield break;
            }

            if (string.Equals(state, "failed", StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Failed,
                    "The VM is in a failed provisioning state: backups fail with UserErrorVmProvisioningStateFailed (or UserErrorVmNotInDesirableState).",
                    evidence,
                    "Find the failed extension or operation (see Azure.ExtensionProvisioning and the instance view), fix or remove it, reapply the VM (Set-AzVM -Reapply) if needed, then run Backup Now.");
                yield break;
            }

            if (string.Equals(state, "succeeded", StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Passed, "The VM's provisioning succeeded.", evidence);
                yield break;
            }

            yield return check.Result(CheckStatus.Warning,
                $"The VM's provisioning state is {state}: an operation is in progress and can interfere with the backup.",
                evidence, "Wait until the provisioning state is Succeeded, then retry the backup.");
        }

        private static bool Grants(IReadOnlyList<string> permissions) =>
            permissions.Any(p => string.Equals(p, "all", StringComparison.OrdinalIgnoreCase))
            || RequiredKeyVaultPermissions.All(r => permissions.Any(p => string.Equals(p, r, StringComparison.OrdinalIgnoreCase)));

        /// <summary>Why a check of the VM model's disks has nothing to judge: the model could not be read (Error) or was not read.</summary>
        private static HealthCheckResult StorageNotRead(ResultBuilder check, AzureVmFacts facts) =>
            facts.Conditions?.StorageError is string error
                ? check.Result(CheckStatus.Error, "The VM model could not be read: " + error)
                : check.Result(CheckStatus.NotApplicable, "The VM model's disks were not read.");
    }
}
