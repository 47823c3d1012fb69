using System.Text.Json;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    /// <summary>A TriageVms.kql row as the VM read in detail sees it: its disks and restore point collections without a GET.</summary>
    public class TriageVmRowTests
    {
        private const string Sub = "00000000-0000-4000-8000-0000000000aa";
        private static readonly string VmId = $"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
        private static readonly string Kv = $"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";

        private static JsonElement Row(string extra) => JsonDocument.Parse(
            $"{{\"id\":\"{VmId}\",\"name\":\"vm1\",\"subscriptionId\":\"{Sub}\",\"osType\":\"Linux\",\"location\":\"westus\",\"powerState\":\"PowerState/running\"{extra}}}").RootElement.Clone();

        [Fact]
        public void The_encryption_extension_columns_and_the_storage_profile_give_the_disks_only_when_asked()
        {
            var row = Row(",\"storageProfile\":{\"osDisk\":{\"name\":\"os\",\"diskSizeGB\":64},\"dataDisks\":[{\"name\":\"d0\",\"diskSizeGB\":5000}]}"
                + $",\"encryptionExtension\":\"AzureDiskEncryptionForLinux\",\"encryptionSettings\":{{\"VolumeType\":\"Data\",\"KeyVaultResourceId\":\"{Kv}\"}}"
                + ",\"restorePointCollections\":[\"/c/2\",\"/c/1\"]");

            var parsed = TriageVmRow.Parse(row);
            Assert.Null(parsed.Vm.Storage);
            Assert.Equal(new[] { "/c/2", "/c/1" }, parsed.RestorePointCollections);

            var storage = parsed.WithStorage(row).Vm.Storage!;
            Assert.Equal("AzureDiskEncryptionForLinux", storage.EncryptionExtension);
            Assert.False(storage.Disks.Single(d => d.IsOsDisk).Encrypted);
            var data = storage.Disks.Single(d => !d.IsOsDisk);
            Assert.True(data.Encrypted);
            Assert.Equal(5000, data.SizeGb);
            Assert.Equal(new[] { Kv }, storage.KeyVaultIds);
        }

        [Fact]
        public void No_collection_is_an_empty_list_and_no_column_is_unknown()
        {
            Assert.Empty(TriageVmRow.Parse(Row(",\"restorePointCollections\":null")).RestorePointCollections!);
            Assert.Null(TriageVmRow.Parse(Row(string.Empty)).RestorePointCollections);
            var bare = TriageVmRow.Parse(Row(string.Empty));
            Assert.Same(bare, bare.WithStorage(Row(string.Empty)));
        }
    }
}
