using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>
    /// Finds the locks that stop Azure Backup deleting a VM's old restore points (UserErrorRpCollectionLimitReached).
    /// Azure Backup keeps a VM's instant restore points in a restore point collection in the resource group
    /// <c>AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;</c> of the VM's subscription and region. Per subscription the reader lists
    /// the resource groups (ResourceGroups_List) and the subscription's locks (ManagementLocks_ListAtSubscriptionLevel);
    /// per backup resource group of a region it lists that group's locks (ManagementLocks_ListAtResourceGroupLevel).
    /// Every answer is kept for the reader's lifetime, so a scan of many VMs costs a few requests per subscription and
    /// region, not per VM. Concurrent callers share one request.
    /// </summary>
    public sealed class RestorePointLockReader
    {
        /// <summary>The name prefix of Azure Backup's restore point resource groups.</summary>
        public const string ResourceGroupPrefix = "AzureBackupRG_";

        private readonly IArmClient _arm;
        private readonly ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>> _subscriptions =
            new ConcurrentDictionary<string, Lazy<Task<SubscriptionView>>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ManagementLock>>>> _groups =
            new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ManagementLock>>>>(StringComparer.OrdinalIgnoreCase);

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

            var perGroup = await Task.WhenAll(groups.Select(g =>
                Cached(_groups, vm.SubscriptionId + "/" + g.Name, () => ReadGroupLocksAsync(vm.SubscriptionId, g.Name, cancellationToken)))).ConfigureAwait(false);

            // The subscription list may already hold the groups' locks (the official example shows one): keep each lock once.
            var names = new HashSet<string>(groups.Select(g => g.Name), StringComparer.OrdinalIgnoreCase);
            var locks = view.Locks.Concat(perGroup.SelectMany(l => l))
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

        private Task<IReadOnlyList<ManagementLock>> ReadGroupLocksAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken) =>
            ReadLocksAsync($"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Authorization/locks", cancellationToken);

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
