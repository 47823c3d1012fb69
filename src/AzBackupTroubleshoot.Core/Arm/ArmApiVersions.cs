using System;

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

        /// <summary>The api-version for a resource or collection path such as <c>/subscriptions/…/virtualMachines/vm1/instanceView</c>.</summary>
        /// <exception cref="ArgumentException">No version is pinned for the path's resource type.</exception>
        public static string For(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
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

            if (path.IndexOf("/providers/Microsoft.Compute/", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Compute;
            }

            throw new ArgumentException($"No api-version is pinned for '{path}'.", nameof(path));
        }
    }
}
