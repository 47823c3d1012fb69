using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>Restore point collections (ListAll, Get with $expand=restorePoints) and key vaults (Vaults_Get).</summary>
    public sealed partial class ArmSimulatorServer
    {
        /// <summary>Key vault api-version (keyvault.json 2023-07-01; no example saved, see ConditionDocuments).</summary>
        public const string KeyVaultApiVersion = "2023-07-01";

        private static readonly Regex ListCollections = new Regex(Sub + "/providers/Microsoft\\.Compute/restorePointCollections$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex CollectionPath = new Regex(Sub + "/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.Compute/restorePointCollections/(?<name>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex KeyVaultPath = new Regex(Sub + "/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.KeyVault/vaults/(?<name>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private string? ConditionApiVersion(string path) =>
            ListCollections.IsMatch(path) || CollectionPath.IsMatch(path) ? Fixtures.ApiVersion("VirtualMachine_Get_InstanceView.json")
            : KeyVaultPath.IsMatch(path) ? KeyVaultApiVersion
            : null;

        /// <summary>Answers the restore point collection and key vault reads; false for any other request.</summary>
        private async Task<bool> TryRouteConditionsAsync(HttpContext context, RequestLogEntry entry)
        {
            var path = entry.Path;
            if (entry.Method != "GET")
            {
                return false;
            }

            Match m;
            if ((m = ListCollections.Match(path)).Success)
            {
                // RestorePointCollections_ListAll lists the collections of the requested subscription only (a tenant
                // fleet has many: each VM's collection lives in the VM's own subscription).
                var subscription = m.Groups["sub"].Value;
                JsonNode[] items;
                lock (_stateGate)
                {
                    items = Options.CreateBackupResourceGroups
                        ? VmsIn(subscription).Select(p => p.Vm).Where(v => v.Protected).Select(v => (JsonNode)ConditionDocuments.Collection(subscription, v, _documents.VmId(v), expand: false)).ToArray()
                        : Array.Empty<JsonNode>();
                }

                await JsonAsync(context, entry, 200, ArmDocuments.Page(items, null)).ConfigureAwait(false);
                return true;
            }

            if ((m = CollectionPath.Match(path)).Success)
            {
                var subscription = m.Groups["sub"].Value;
                SimVm? vm;
                lock (_stateGate)
                {
                    vm = Options.CreateBackupResourceGroups
                        ? VmsIn(subscription).Select(p => p.Vm).FirstOrDefault(v => v.Protected && string.Equals(ConditionDocuments.CollectionId(subscription, v), path, StringComparison.OrdinalIgnoreCase))
                        : null;
                }

                if (vm is null)
                {
                    await ErrorAsync(context, entry, 404, "ResourceNotFound", "The restore point collection was not found.").ConfigureAwait(false);
                    return true;
                }

                var expand = string.Equals(context.Request.Query["$expand"].ToString(), "restorePoints", StringComparison.OrdinalIgnoreCase);
                await JsonAsync(context, entry, 200, ConditionDocuments.Collection(subscription, vm, _documents.VmId(vm), expand)).ConfigureAwait(false);
                return true;
            }

            if ((m = KeyVaultPath.Match(path)).Success)
            {
                var subscription = m.Groups["sub"].Value;
                SimVm? vm;
                lock (_stateGate)
                {
                    vm = VmsIn(subscription).Select(p => p.Vm).FirstOrDefault(v => v.Encrypted && string.Equals(ConditionDocuments.KeyVaultId(subscription, v), path, StringComparison.OrdinalIgnoreCase));
                }

                if (vm is null)
                {
                    await ErrorAsync(context, entry, 404, "ResourceNotFound", "The key vault was not found.").ConfigureAwait(false);
                    return true;
                }

                await JsonAsync(context, entry, 200, ConditionDocuments.KeyVault(subscription, vm)).ConfigureAwait(false);
                return true;
            }

            return false;
        }
    }
}
