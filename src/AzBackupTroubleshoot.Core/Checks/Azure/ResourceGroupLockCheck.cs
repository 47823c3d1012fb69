using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>
    /// Azure.ResourceGroupLock: a CanNotDelete or ReadOnly lock on the VM's restore point resource group
    /// (<c>AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;</c>), on a resource in it, or inherited from the subscription stops Azure
    /// Backup deleting old instant restore points; once the collection is full backups fail with
    /// UserErrorRpCollectionLimitReached ("The Restore Point collection max limit has reached.").
    /// </summary>
    internal static class ResourceGroupLockCheck
    {
        public static IEnumerable<HealthCheckResult> Evaluate(ResultBuilder check, AzureVmFacts facts)
        {
            if (facts.RestorePointLockReadError != null)
            {
                yield return check.Unreadable(new FactProblem("the locks of the restore point resource group", facts.RestorePointLockReadError),
                    "Check that the account can list the subscription's resource groups and locks (Reader includes Microsoft.Authorization/locks/read).");
                yield break;
            }

            var evidence = facts.RestorePointLocks;
            if (evidence is null)
            {
                yield return check.Result(CheckStatus.NotApplicable,
                    facts.Backup != null && facts.Backup.Item is null
                        ? "The VM is not protected by Azure Backup, so it has no restore point collection."
                        : "The restore point resource group and its locks were not read.");
                yield break;
            }

            var region = evidence.Region ?? "any region";
            if (evidence.ResourceGroups.Count == 0)
            {
                yield return check.Result(CheckStatus.NotApplicable,
                    $"Subscription {facts.Vm.SubscriptionId} has no {RestorePointLockReader.ResourceGroupPrefix}{evidence.Region ?? "<Geo>"}_<number> resource group yet: Azure Backup creates it at the VM's first backup (a backup policy can name another one).");
                yield break;
            }

            var groups = evidence.ResourceGroups.Select(g => $"restore point resource group: {g.Id} ({g.Location ?? "no location"})").ToList();
            var names = string.Join(", ", evidence.ResourceGroups.Select(g => g.Name));
            var blocking = evidence.Locks.Where(l => l.BlocksDelete).ToList();
            var lockEvidence = evidence.Locks.Select(Line).ToList();
            if (blocking.Count == 0)
            {
                var others = evidence.Locks.Count == 0 ? string.Empty : $" ({evidence.Locks.Count.ToString(CultureInfo.InvariantCulture)} lock(s) without a delete-blocking level)";
                yield return check.Result(CheckStatus.Passed,
                    $"No lock on {names} or on the subscription stops Azure Backup deleting old restore points{others}.",
                    groups.Concat(lockEvidence).ToList());
                yield break;
            }

            var what = blocking.Count == 1
                ? blocking[0].Describe()
                : $"{blocking.Count.ToString(CultureInfo.InvariantCulture)} locks ({string.Join("; ", blocking.Select(l => l.Describe()))})";
            var subscriptionLock = blocking.Any(l => l.Scope == ManagementLockScope.Subscription);
            yield return check.Result(CheckStatus.Failed,
                $"{what} stops Azure Backup deleting old restore points in {names} ({region}); backups fail with UserErrorRpCollectionLimitReached once the restore point collection is full.",
                lockEvidence.Concat(groups).ToList(),
                $"Remove the lock ({string.Join("; ", blocking.Select(l => $"Remove-AzResourceLock -LockId '{l.Id}'"))})"
                    + (subscriptionLock ? ", or move the subscription's lock down to the resource groups that need it so it no longer covers " : ", or exclude ")
                    + $"{names}; then run an on-demand backup (the first may still fail while Azure Backup deletes the old restore points). "
                    + "Deleting the restore point collection in the portal (the resource group, Show hidden types) also frees it.");
        }

        private static string Line(ManagementLock l) =>
            $"lock {l.Id}: level {l.Level}, on the {Scope(l.Scope)} {l.ScopeId}" + (l.Notes is null ? string.Empty : ", notes: " + l.Notes);

        private static string Scope(ManagementLockScope scope) => scope switch
        {
            ManagementLockScope.Subscription => "subscription (inherited)",
            ManagementLockScope.ResourceGroup => "resource group",
            _ => "resource",
        };
    }
}
