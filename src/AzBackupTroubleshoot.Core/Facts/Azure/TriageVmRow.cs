using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>One row of TriageVms.kql: the VM and, when it is protected, its backup item.</summary>
    internal sealed class TriageVmRow
    {
        private TriageVmRow(AzureVm vm, string? powerState, string? provisioningState, string? vaultId, ProtectedItemInfo? item, IReadOnlyList<string>? collections)
        {
            Vm = vm;
            RestorePointCollections = collections;
            PowerState = powerState;
            ProvisioningState = provisioningState;
            VaultId = vaultId;
            Item = item;
        }

        public AzureVm Vm { get; }

        /// <summary>running, deallocated, ... (the part after PowerState/), or null when Resource Graph does not show it.</summary>
        public string? PowerState { get; }

        public string? ProvisioningState { get; }

        public string? VaultId { get; }

        public ProtectedItemInfo? Item { get; }

        /// <summary>The ids of the VM's restore point collections in AzureBackupRG_* groups; null when the row has no such column.</summary>
        public IReadOnlyList<string>? RestorePointCollections { get; }

        /// <summary>
        /// The same row with the VM's disks from its storageProfile and Azure Disk Encryption columns, so that a VM read in
        /// detail needs no GET of its model. Only for the VMs read in detail: parsing every VM's disks would cost the
        /// triage time and memory for nothing.
        /// </summary>
        public TriageVmRow WithStorage(JsonElement row)
        {
            var profile = JsonText.Property(row, "storageProfile");
            var storage = profile.HasValue ? AzureVmStorage.Parse(profile.Value, Text(row, "encryptionExtension"), JsonText.Property(row, "encryptionSettings")) : null;
            return storage is null ? this : new TriageVmRow(new AzureVm(Vm.Id, Vm.OsType, Vm.Location, storage), PowerState, ProvisioningState, VaultId, Item, RestorePointCollections);
        }

        /// <exception cref="FormatException">The row has no usable VM id.</exception>
        public static TriageVmRow Parse(JsonElement row)
        {
            var id = Text(row, "id") ?? throw new FormatException("A Resource Graph row has no VM id.");
            AzureVm vm;
            try
            {
                vm = new AzureVm(id, InstanceViewParser.ParseOsType(Text(row, "osType")), Text(row, "location"));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException(ex.Message, ex);
            }

            var code = Text(row, "powerState");
            var power = code is null ? null : code.StartsWith("PowerState/", StringComparison.OrdinalIgnoreCase) ? code.Substring("PowerState/".Length) : code;
            var itemId = Text(row, "itemId");
            ProtectedItemInfo? item = null;
            if (itemId != null)
            {
                item = new ProtectedItemInfo(itemId, Text(row, "containerName"), Text(row, "friendlyName"), Text(row, "protectionState"),
                    Text(row, "healthStatus"), Text(row, "lastBackupStatus"), BackupEvidenceReader.Date(Text(row, "lastBackupTime")));
            }

            IReadOnlyList<string>? collections = null;
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("restorePointCollections", out var list))
            {
                // A VM with no collection has no right-side row in the join: the column is there and null, which means none.
                // Only a row without the column (not from TriageVms.kql) leaves the collections to be listed.
                collections = list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList()
                    : (IReadOnlyList<string>)Array.Empty<string>();
            }

            return new TriageVmRow(vm, string.IsNullOrEmpty(power) ? null : power, Text(row, "provisioningState"), item is null ? null : VaultIdOf(itemId!, Text(row, "vaultId")), item, collections);
        }

        /// <summary>A string column, null when absent, null or empty (a left outer join leaves the item columns empty).</summary>
        internal static string? Text(JsonElement row, string name)
        {
            var value = JsonText.String(row, name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        private static string VaultIdOf(string itemId, string? vaultId)
        {
            if (vaultId != null)
            {
                return vaultId;
            }

            var at = itemId.IndexOf("/backupFabrics/", StringComparison.OrdinalIgnoreCase);
            return (at > 0 ? itemId.Substring(0, at) : itemId).ToLowerInvariant();
        }
    }
}
