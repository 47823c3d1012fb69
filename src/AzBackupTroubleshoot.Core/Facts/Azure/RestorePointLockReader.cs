using System.Collections.Concurrent;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>
    /// Finds the locks that stop Azure Backup deleting a VM's old restore points (UserErrorRpCollectionLimitReached).
    /// Azure Backup keeps a VM's instant restore points in a restore point collection in the resource group
    /// <c>AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;</c> of the VM's subscription and region. Per subscription the reader lists
    /// the resource groups (ResourceGroups_List) and the subscription's locks (ManagementLocks_ListAtSubscriptionLevel),
    /// two requests in all. The subscription's list holds the locks of its resource groups and resources too: the REST
    /// specification's example for that operation (azure-rest-api-specs, specification/resources/resource-manager/
    /// Microsoft.Authorization/stable/2020-05-01/examples/ManagementLocks_ListAtSubscriptionLevel.json, kept in
    /// tests/ArmSimulator/Fixtures) answers with a resource group's lock. So no group's own list is read: it would repeat
    /// what the subscription's list already holds. Every answer is kept for the reader's lifetime, so a scan of many VMs
    /// costs two requests per subscription, not per VM. Concurrent callers share one request.
    /// </summary>
    public sealed class RestorePointLockReader
    {
        /// <summary>The name prefix of Azure Backup's restore point resource groups.</summary>
        public const string ResourceGroupPrefix = "AzureBackupRG_";

        private readonly IArmClient _arm;
        private readonly ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>> _subscriptions =
            new ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Creates a reader with an empty cache.</summary>
        public RestorePointLockReader(IArmClient arm)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
        }

        /// <summary>The restore point resource groups of the VM's region and the locks that apply to them.</summary>
        /// <exception cref="ArmRequestException">A list could not be read (for example 403 without Microsoft.Authorization/locks/read).</exception>
        /// <exception cref="FormatException">An answer could not be read.</exception>
        public async Task<RestorePointLockEvidence> ReadAsync(AzureVm vm, CancellationToken cancellationToken)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            var view = await Cached(_subscriptions, vm.SubscriptionId, () => ReadSubscriptionAsync(vm.SubscriptionId, cancellationToken)).ConfigureAwait(false);
            var region = Normalize(vm.Location);
            var groups = view.Groups.Where(g => region is null || InRegion(g, region)).ToList();
            if (groups.Count == 0)
            {
                return new RestorePointLockEvidence(region, groups, Array.Empty<ManagementLock>());
            }

            // The subscription's list holds the groups' (and their resources') locks: keep those of the region's backup groups.
            var names = new HashSet<string>(groups.Select(g => g.Name), StringComparer.OrdinalIgnoreCase);
            var locks = view.Locks
                .Where(l => string.Equals(l.SubscriptionId, vm.SubscriptionId, StringComparison.OrdinalIgnoreCase)
                    && (l.Scope == ManagementLockScope.Subscription || names.Contains(l.ResourceGroupName!)))
                .GroupBy(l => l.Id, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .OrderBy(l => l.Scope)
                .ThenBy(l => l.Id, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new RestorePointLockEvidence(region, groups, locks);
        }

        /// <summary>"West US" and "westus" both give "westus".</summary>
        internal static string? Normalize(string? location) =>
            string.IsNullOrWhiteSpace(location) ? null : location!.Replace(" ", string.Empty).ToLowerInvariant();

        private static bool InRegion(BackupResourceGroup group, string region) =>
            string.Equals(Normalize(group.Location), region, StringComparison.Ordinal)
            || group.Name.StartsWith(ResourceGroupPrefix + region + "_", StringComparison.OrdinalIgnoreCase);

        private static Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> read) =>
            cache.GetOrAdd(key, _ => new Lazy<Task<T>>(read)).Value;

        private async Task<SubscriptionView> ReadSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var groups = new List<BackupResourceGroup>();
            var listGroups = _arm.ListAsync($"/subscriptions/{subscriptionId}/resourcegroups", null, page =>
            {
                foreach (var item in page)
                {
                    var name = JsonText.String(item, "name");
                    if (name != null && name.StartsWith(ResourceGroupPrefix, StringComparison.OrdinalIgnoreCase))
                    {
                        groups.Add(new BackupResourceGroup(JsonText.String(item, "id") ?? $"/subscriptions/{subscriptionId}/resourceGroups/{name}", name, JsonText.String(item, "location")));
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken);
            var listLocks = ReadLocksAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/locks", cancellationToken);
            await Task.WhenAll(listGroups, listLocks).ConfigureAwait(false);
            return new SubscriptionView(groups, await listLocks.ConfigureAwait(false));
        }

        private async Task<IReadOnlyList<ManagementLock>> ReadLocksAsync(string path, CancellationToken cancellationToken)
        {
            var locks = new List<ManagementLock>();
            await _arm.ListAsync(path, null, page =>
            {
                locks.AddRange(page.Select(ManagementLock.Parse));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return locks;
        }

        private sealed class SubscriptionView
        {
            public SubscriptionView(IReadOnlyList<BackupResourceGroup> groups, IReadOnlyList<ManagementLock> locks)
            {
                Groups = groups;
                Locks = locks;
            }

            public IReadOnlyList<BackupResourceGroup> Groups { get; }

            public IReadOnlyList<ManagementLock> Locks { get; }
        }
    }
}
