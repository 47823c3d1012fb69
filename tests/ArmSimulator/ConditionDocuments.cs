using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Bodies for the Azure checks of the current articles' newer codes. No official example was saved for these, so the
    /// shapes follow the REST schemas (marked in README.md): RestorePointCollection and RestorePoint (compute
    /// restorePoint.json), DiskEncryptionSettings of an OS disk (compute virtualMachine.json), Vault with accessPolicies
    /// and enableRbacAuthorization (keyvault.json 2023-07-01), and an in-progress AzureIaaSVMJob (bms.json).
    /// </summary>
    internal static class ConditionDocuments
    {
        /// <summary>The Backup Management Service's object id in the simulated tenant (any GUID: ARM does not name it).</summary>
        public const string BackupServiceObjectId = "5c0e9f3a-0000-4000-8000-00000000b4c7";

        public static string KeyVaultId(string subscription, SimVm vm) =>
            $"/subscriptions/{subscription}/resourceGroups/{vm.ResourceGroup}/providers/Microsoft.KeyVault/vaults/{vm.KeyVaultName}";

        public static string CollectionId(string subscription, SimVm vm) =>
            $"/subscriptions/{subscription}/resourceGroups/{SimFleet.BackupResourceGroup(vm.Location)}/providers/Microsoft.Compute/restorePointCollections/AzureBackup_{vm.Name}_1";

        /// <summary>Changes VirtualMachine_Get.json's storageProfile: the second data disk's size and, when encrypted, the OS disk's encryptionSettings.</summary>
        public static void Disks(JsonObject storageProfile, SimVm vm, string subscription)
        {
            if (storageProfile["dataDisks"] is JsonArray data && data.Count > 1)
            {
                data[1]!["diskSizeGB"] = vm.DataDiskSizeGb;
            }

            if (vm.Encrypted)
            {
                var vault = KeyVaultId(subscription, vm);
                storageProfile["osDisk"]!["encryptionSettings"] = new JsonObject
                {
                    ["enabled"] = true,
                    ["diskEncryptionKey"] = new JsonObject
                    {
                        ["secretUrl"] = $"https://{vm.KeyVaultName}.vault.azure.net/secrets/ade/00000000000000000000000000000001",
                        ["sourceVault"] = new JsonObject { ["id"] = vault },
                    },
                };
            }
        }

        /// <summary>An item of RestorePointCollections_ListAll (no restorePoints: the list does not expand them).</summary>
        public static JsonObject Collection(string subscription, SimVm vm, string vmId, bool expand)
        {
            var id = CollectionId(subscription, vm);
            var properties = new JsonObject
            {
                ["source"] = new JsonObject { ["id"] = vmId, ["location"] = vm.Location },
                ["restorePointCollectionId"] = Guid(id).ToString(),
                ["provisioningState"] = "Succeeded",
            };
            if (expand)
            {
                properties["restorePoints"] = new JsonArray(Enumerable.Range(1, vm.InstantRestorePoints).Select(i => (JsonNode)new JsonObject
                {
                    ["id"] = $"{id}/restorePoints/AzureBackup_{i.ToString("D14", CultureInfo.InvariantCulture)}",
                    ["name"] = "AzureBackup_" + i.ToString("D14", CultureInfo.InvariantCulture),
                    ["properties"] = new JsonObject { ["consistencyMode"] = "ApplicationConsistent", ["provisioningState"] = "Succeeded" },
                }).ToArray());
            }

            return new JsonObject
            {
                ["id"] = id,
                ["name"] = id.Substring(id.LastIndexOf('/') + 1),
                ["type"] = "Microsoft.Compute/restorePointCollections",
                ["location"] = vm.Location,
                ["properties"] = properties,
            };
        }

        /// <summary>Vaults_Get of Microsoft.KeyVault: one access policy, for the Backup Management Service or for someone else.</summary>
        public static JsonObject KeyVault(string subscription, SimVm vm)
        {
            var granted = vm.KeyVaultGrantsBackup;
            return new JsonObject
            {
                ["id"] = KeyVaultId(subscription, vm),
                ["name"] = vm.KeyVaultName,
                ["type"] = "Microsoft.KeyVault/vaults",
                ["location"] = vm.Location,
                ["properties"] = new JsonObject
                {
                    ["tenantId"] = "00000000-0000-0000-0000-0000000000aa",
                    ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                    ["enableRbacAuthorization"] = false,
                    ["enabledForDiskEncryption"] = true,
                    ["accessPolicies"] = new JsonArray(new JsonObject
                    {
                        ["tenantId"] = "00000000-0000-0000-0000-0000000000aa",
                        ["objectId"] = granted ? BackupServiceObjectId : "0a1b2c3d-0000-4000-8000-0000000000ad",
                        ["permissions"] = new JsonObject
                        {
                            ["keys"] = granted ? new JsonArray("get", "list", "backup") : new JsonArray("get", "wrapKey"),
                            ["secrets"] = granted ? new JsonArray("get", "list", "backup") : new JsonArray("set"),
                            ["certificates"] = new JsonArray(),
                        },
                    }),
                },
            };
        }

        /// <summary>An in-progress job of the VM, as a Jobs_List item (ListJobs.json's shape with status InProgress).</summary>
        public static void RunningJob(JsonObject body, SimVm vm)
        {
            var properties = (JsonObject)body["properties"]!;
            properties["operation"] = vm.RunningJobOperation;
            properties["status"] = "InProgress";
            properties["isUserTriggered"] = false;
        }

        private static Guid Guid(string seed) => new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));
    }
}
