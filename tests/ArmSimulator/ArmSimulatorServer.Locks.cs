using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>Resource groups (ResourceGroups_List) and management locks (ManagementLocks_ListAt*Level).</summary>
    public sealed partial class ArmSimulatorServer
    {
        private static readonly Regex ListResourceGroups = new Regex(Sub + "/resourcegroups$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex SubscriptionLocks = new Regex(Sub + "/providers/Microsoft\\.Authorization/locks$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex GroupLocks = new Regex(Sub + "/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.Authorization/locks$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Every resource group of the subscription: the VMs', the vault's, the restore point groups and the extra ones.</summary>
        public IReadOnlyList<SimResourceGroup> ResourceGroupList() => ResourceGroupList(Options.SubscriptionId);

        /// <summary>The resource groups of one subscription: its VMs', the vault's, the restore point groups (and, in the default subscription, the extra ones).</summary>
        public IReadOnlyList<SimResourceGroup> ResourceGroupList(string subscription)
        {
            var isDefault = string.Equals(subscription, Options.SubscriptionId, StringComparison.OrdinalIgnoreCase);
            var groups = new List<SimResourceGroup>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, string location)
            {
                if (seen.Add(name))
                {
                    groups.Add(new SimResourceGroup(name, location));
                }
            }

            lock (_stateGate)
            {
                var vms = VmsIn(subscription).Select(p => p.Vm).ToList();
                foreach (var vm in vms)
                {
                    Add(vm.ResourceGroup, vm.Location);
                }

                Add(Options.VaultResourceGroup, vms.Count > 0 ? vms[0].Location : "westus");
                if (Options.CreateBackupResourceGroups)
                {
                    foreach (var vm in vms.Where(v => v.Protected))
                    {
                        Add(SimFleet.BackupResourceGroup(vm.Location), vm.Location);
                    }
                }

                foreach (var group in isDefault ? Options.ResourceGroups : new List<SimResourceGroup>())
                {
                    Add(group.Name, group.Location);
                }
            }

            return groups;
        }

        private static string? LockApiVersion(string path, FixtureSet fixtures) =>
            SubscriptionLocks.IsMatch(path) ? fixtures.ApiVersion("ManagementLocks_ListAtSubscriptionLevel.json")
            : GroupLocks.IsMatch(path) ? fixtures.ApiVersion("ManagementLocks_ListAtResourceGroupLevel.json")
            : ListResourceGroups.IsMatch(path) ? fixtures.ApiVersion("CreateResourceGroup.json")
            : null;

        /// <summary>Answers the resource group and lock lists; false for any other request.</summary>
        private async Task<bool> TryRouteLocksAsync(HttpContext context, RequestLogEntry entry, string subscription)
        {
            // Locks (SimulatorOptions.Locks) belong to the default subscription; the others have none.
            var isDefault = string.Equals(subscription, Options.SubscriptionId, StringComparison.OrdinalIgnoreCase);
            var path = entry.Path;
            if (entry.Method != "GET")
            {
                return false;
            }

            Match m;
            if (ListResourceGroups.IsMatch(path))
            {
                var apiVersion = context.Request.Query["api-version"].ToString();
                var all = ResourceGroupList(subscription);
                var skip = int.TryParse(context.Request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var page = all.Skip(skip).Take(Options.PageSize).Select(g => (JsonNode)_documents.ResourceGroup(g.Name, g.Location, subscription)).ToList();
                var next = skip + Options.PageSize < all.Count
                    ? new Uri(BaseUri, $"{path.TrimStart('/')}?api-version={apiVersion}&$skiptoken={skip + Options.PageSize}").AbsoluteUri
                    : null;
                await JsonAsync(context, entry, 200, ArmDocuments.Page(page, next)).ConfigureAwait(false);
                return true;
            }

            if (SubscriptionLocks.IsMatch(path))
            {
                // As in ManagementLocks_ListAtSubscriptionLevel.json: the subscription's list holds its resource groups' locks too.
                await JsonAsync(context, entry, 200, ArmDocuments.Page(LocksWhere(_ => isDefault), null)).ConfigureAwait(false);
                return true;
            }

            if ((m = GroupLocks.Match(path)).Success)
            {
                var group = m.Groups["rg"].Value;
                if (!ResourceGroupList(subscription).Any(g => string.Equals(g.Name, group, StringComparison.OrdinalIgnoreCase)))
                {
                    await ErrorAsync(context, entry, 404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.").ConfigureAwait(false);
                    return true;
                }

                await JsonAsync(context, entry, 200, ArmDocuments.Page(LocksWhere(l => isDefault && string.Equals(l.ResourceGroup, group, StringComparison.OrdinalIgnoreCase)), null)).ConfigureAwait(false);
                return true;
            }

            return false;
        }

        private List<JsonNode> LocksWhere(Func<SimLock, bool> predicate)
        {
            lock (_stateGate)
            {
                return Options.Locks.Where(predicate).Select(l => (JsonNode)_documents.Lock(l)).ToList();
            }
        }
    }
}
