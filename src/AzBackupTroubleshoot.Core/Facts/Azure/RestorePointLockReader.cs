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
    /// costs two requests per subscription, not per VM. Concurrent callers share one request. A Resource Graph triage hands
    /// the reader the groups it listed (<see cref="UseBackupGroups"/>): then only the locks are read, one request per
    /// subscription.
    /// </summary>
    public sealed class RestorePointLockReader
    {
        /// <summary>The name prefix of Azure Backup's restore point resource groups.</summary>
        public const string ResourceGroupPrefix = "AzureBackupRG_";

        private readonly IArmClient _arm;
        private readonly ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>> _subscriptions =
            new ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, List<BackupResourceGroup>> _knownGroups =
            new ConcurrentDictionary<string, List<BackupResourceGroup>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, bool> _groupScopes = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        private volatile bool _groupsEverywhere;

        /// <summary>
        /// The AzureBackupRG_* groups of <paramref name="subscriptionIds"/> (null: of every subscription, for a management
        /// group or tenant scope), as Resource Graph listed them: those subscriptions' groups are not listed again. A
        /// subscription with no group in <paramref name="groups"/> has none.
        /// </summary>
        public void UseBackupGroups(IEnumerable<string>? subscriptionIds, IEnumerable<BackupResourceGroup> groups)
        {
            if (groups is null)
            {
                throw new ArgumentNullException(nameof(groups));
            }

            foreach (var group in groups.Where(g => g.Name.StartsWith(ResourceGroupPrefix, StringComparison.OrdinalIgnoreCase)))
            {
                var subscription = ArmResourceId.SubscriptionOf(group.Id);
                if (subscription != null)
                {
                    var list = _knownGroups.GetOrAdd(subscription, _ => new List<BackupResourceGroup>());
                    lock (list)
                    {
                        list.Add(group);
                    }
                }
            }

            if (subscriptionIds is null)
            {
                _groupsEverywhere = true;
                return;
            }

            foreach (var subscription in subscriptionIds)
            {
                _groupScopes[subscription] = true;
            }
        }

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
            if (_groupsEverywhere || _groupScopes.ContainsKey(subscriptionId))
            {
                List<BackupResourceGroup> known;
                if (_knownGroups.TryGetValue(subscriptionId, out var list))
                {
                    lock (list)
                    {
                        known = list.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
                    }
                }
                else
                {
                    known = new List<BackupResourceGroup>();
                }

                return new SubscriptionView(known, await ReadLocksAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/locks", cancellationToken).ConfigureAwait(false));
            }

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
            // By name, as the groups Resource Graph lists are kept: the same evidence whichever source listed them.
            return new SubscriptionView(groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList(), await listLocks.ConfigureAwait(false));
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
