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

        /// <exception cref="FormatException">The row has no usable VM id.</exception>
        public static TriageVmRow Parse(JsonElement row)
        {
            var id = Text(row, "id") ?? throw new FormatException("A Resource Graph row has no VM id.");
            AzureVm vm;
            try
            {
                // The storage profile and the Azure Disk Encryption extension's columns: the VM model's disks, without a GET.
                var profile = JsonText.Property(row, "storageProfile");
                var storage = profile.HasValue ? AzureVmStorage.Parse(profile.Value, Text(row, "encryptionExtension"), JsonText.Property(row, "encryptionSettings")) : null;
                vm = new AzureVm(id, InstanceViewParser.ParseOsType(Text(row, "osType")), Text(row, "location"), storage);
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
            var list = JsonText.Property(row, "restorePointCollections");
            if (list.HasValue)
            {
                // A VM with no collection has no right-side row: the column is null (or absent), which means none.
                collections = list.Value.ValueKind == JsonValueKind.Array
                    ? list.Value.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList()
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
