using System.Text.Json;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    public class AzureVmStorageTests
    {
        private const string Vault = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";

        private static AzureVmStorage Parse(string json) => AzureVmStorage.Parse(JsonDocument.Parse(json).RootElement)!;

        [Fact]
        public void Reads_disk_sizes_and_the_os_disk_encryption_settings()
        {
            var storage = Parse("{\"properties\":{\"storageProfile\":{\"osDisk\":{\"name\":\"os\",\"diskSizeGB\":30,\"encryptionSettings\":{\"enabled\":true,\"diskEncryptionKey\":{\"sourceVault\":{\"id\":\"" + Vault + "\"}}}},"
                + "\"dataDisks\":[{\"name\":\"d0\",\"diskSizeGB\":40000},{\"name\":\"d1\"}]}}}");
            Assert.Equal(new[] { "os", "d0", "d1" }, storage.Disks.Select(d => d.Name));
            Assert.Equal(new int?[] { 30, 40000, null }, storage.Disks.Select(d => d.SizeGb));
            Assert.Equal(new[] { true, false, false }, storage.Disks.Select(d => d.Encrypted));
            Assert.Equal(new[] { Vault }, storage.KeyVaultIds);
        }

        [Theory]
        [InlineData("OS", true, false)]
        [InlineData("Data", false, true)]
        [InlineData("All", true, true)]
        public void The_ADE_extension_encrypts_the_disks_its_VolumeType_names(string volumeType, bool os, bool data)
        {
            var storage = Parse("{\"properties\":{\"storageProfile\":{\"osDisk\":{\"name\":\"os\"},\"dataDisks\":[{\"name\":\"d0\"}]}},"
                + "\"resources\":[{\"properties\":{\"type\":\"AzureDiskEncryption\",\"settings\":{\"VolumeType\":\"" + volumeType + "\",\"KeyVaultResourceId\":\"" + Vault + "\"}}}]}");
            Assert.Equal(new[] { os, data }, storage.Disks.Select(d => d.Encrypted));
            Assert.Equal("AzureDiskEncryption", storage.EncryptionExtension);
            Assert.Equal(new[] { Vault }, storage.KeyVaultIds);
        }

        [Fact]
        public void An_item_without_a_storage_profile_gives_nothing()
        {
            Assert.Null(AzureVmStorage.Parse(JsonDocument.Parse("{\"id\":\"x\"}").RootElement));
        }
    }
}
