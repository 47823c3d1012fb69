namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The api-version pinned for each resource type the module calls. Each value is the version of the official
    /// REST examples the simulator serves (see <c>shared/fixtures/arm/SOURCES.md</c>), so the client and the test
    /// simulator speak the same shapes. Absolute links ARM returns (nextLink, Azure-AsyncOperation, Location) carry
    /// their own api-version and are used as they are.
    /// </summary>
    public static class ArmApiVersions
    {
        /// <summary>Microsoft.Compute virtual machines, their instance view and extensions (VirtualMachine_Get_InstanceView.json).</summary>
        public const string Compute = "2025-04-01";

        /// <summary>Microsoft.RecoveryServices vaults (Vaults_ListBySubscriptionId, ListBySubscriptionIds.json).</summary>
        public const string RecoveryServicesVaults = "2025-02-01";

        /// <summary>Backup items and jobs inside a vault (ListJobs.json, BackupProtectedItems_List.json).</summary>
        public const string RecoveryServicesBackup = "2025-08-01";

        /// <summary>
        /// Management locks (ManagementLocks_ListAtSubscriptionLevel / ListAtResourceGroupLevel, locks.json 2020-05-01 and
        /// its examples, saved in the simulator's Fixtures folder).
        /// </summary>
        public const string Locks = "2020-05-01";

        /// <summary>
        /// Resource groups (ResourceGroups_List, resources.json 2024-11-01, which has no list example; the items follow
        /// CreateResourceGroup.json of the same version).
        /// </summary>
        public const string ResourceGroups = "2024-11-01";

        /// <summary>The subscription resource (Subscriptions_Get, subscriptions.json 2022-12-01): its tenantId.</summary>
        public const string Subscriptions = "2022-12-01";

        /// <summary>
        /// Azure Resource Graph queries (<c>POST /providers/Microsoft.ResourceGraph/resources</c>, Resources_Query, REST
        /// reference https://learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources, the
        /// version whose request takes <c>options.$skipToken</c>, <c>$top</c> and <c>resultFormat</c>).
        /// </summary>
        public const string ResourceGraph = "2021-03-01";

        /// <summary>
        /// Key vaults (Vaults_Get of Microsoft.KeyVault, keyvault.json 2023-07-01: properties.enableRbacAuthorization and
        /// accessPolicies), read for the key vault access of encrypted VMs.
        /// </summary>
        public const string KeyVault = "2023-07-01";

        /// <summary>The api-version for a resource or collection path such as <c>/subscriptions/…/virtualMachines/vm1/instanceView</c>.</summary>
        /// <exception cref="ArgumentException">No version is pinned for the path's resource type.</exception>
        public static string For(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            // Locks first: a lock on a resource carries the resource's provider in its path too.
            if (path.IndexOf("/providers/Microsoft.Authorization/locks", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Locks;
            }

            var segments = path.Trim('/').Split('/');
            if (segments.Length == 2 && string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase))
            {
                return Subscriptions;
            }

            if (IsResourceGroupList(path))
            {
                return ResourceGroups;
            }

            const string Vaults = "/providers/Microsoft.RecoveryServices/vaults";
            var vaults = path.IndexOf(Vaults, StringComparison.OrdinalIgnoreCase);
            if (vaults >= 0)
            {
                // /vaults (list), /vaults/{name} (the vault) or /vaults/{name}/backup... (items, jobs, fabrics).
                var rest = path.Substring(vaults + Vaults.Length).Trim('/');
                var slash = rest.IndexOf('/');
                return slash < 0 ? RecoveryServicesVaults : RecoveryServicesBackup;
            }

            if (path.IndexOf("/providers/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return ResourceGraph;
            }

            if (path.IndexOf("/providers/Microsoft.KeyVault/vaults", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return KeyVault;
            }

            if (path.IndexOf("/providers/Microsoft.Compute/", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Compute;
            }

            throw new ArgumentException($"No api-version is pinned for '{path}'.", nameof(path));
        }

        /// <summary>True for <c>/subscriptions/{id}/resourcegroups</c> (any case), the ResourceGroups_List path.</summary>
        private static bool IsResourceGroupList(string path)
        {
            var parts = path.Trim('/').Split('/');
            return parts.Length == 3 && string.Equals(parts[0], "subscriptions", StringComparison.OrdinalIgnoreCase)
                && string.Equals(parts[2], "resourcegroups", StringComparison.OrdinalIgnoreCase);
        }
    }
}
