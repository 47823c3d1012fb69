using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>One disk of a VM as its model (storageProfile) describes it.</summary>
    public sealed class AzureVmDisk
    {
        /// <summary>Creates a disk.</summary>
        public AzureVmDisk(string name, bool isOsDisk, int? sizeGb, bool encrypted, IReadOnlyList<string> keyVaultIds)
        {
            Name = name ?? string.Empty;
            IsOsDisk = isOsDisk;
            SizeGb = sizeGb;
            Encrypted = encrypted;
            KeyVaultIds = keyVaultIds ?? Array.Empty<string>();
        }

        /// <summary>The disk name.</summary>
        public string Name { get; }

        /// <summary>True for the OS disk.</summary>
        public bool IsOsDisk { get; }

        /// <summary>diskSizeGB (GiB), when the model gives it.</summary>
        public int? SizeGb { get; }

        /// <summary>True when Azure Disk Encryption covers the disk (its encryptionSettings, or the ADE extension's VolumeType).</summary>
        public bool Encrypted { get; }

        /// <summary>The key vaults holding the disk's encryption secret and key.</summary>
        public IReadOnlyList<string> KeyVaultIds { get; }
    }

    /// <summary>
    /// The VM model's disks and Azure Disk Encryption settings (storageProfile.osDisk/dataDisks with diskSizeGB and
    /// encryptionSettings; the AzureDiskEncryption extension in <c>resources</c> with its KeyVaultResourceId,
    /// KekVaultResourceId and VolumeType settings).
    /// </summary>
    public sealed class AzureVmStorage
    {
        /// <summary>Creates the storage view.</summary>
        public AzureVmStorage(IReadOnlyList<AzureVmDisk> disks, string? encryptionExtension)
        {
            Disks = disks ?? Array.Empty<AzureVmDisk>();
            EncryptionExtension = encryptionExtension;
        }

        /// <summary>The OS disk first, then the data disks.</summary>
        public IReadOnlyList<AzureVmDisk> Disks { get; }

        /// <summary>The Azure Disk Encryption extension's type, when the model lists one.</summary>
        public string? EncryptionExtension { get; }

        /// <summary>True when a disk is encrypted with Azure Disk Encryption.</summary>
        public bool IsEncrypted => Disks.Any(d => d.Encrypted);

        /// <summary>Every key vault an encrypted disk uses.</summary>
        public IReadOnlyList<string> KeyVaultIds =>
            Disks.SelectMany(d => d.KeyVaultIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Reads the storage view from a VM list or GET item; null when the item has no storageProfile.</summary>
        public static AzureVmStorage? Parse(JsonElement vm)
        {
            var properties = JsonText.Property(vm, "properties");
            var profile = properties.HasValue ? JsonText.Property(properties.Value, "storageProfile") : null;
            if (!profile.HasValue || profile.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // The ADE extension (Microsoft.Azure.Security AzureDiskEncryption / AzureDiskEncryptionForLinux) and its settings.
            string? extension = null;
            JsonElement? settings = null;
            var resources = JsonText.Property(vm, "resources");
            if (resources.HasValue && resources.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.Value.EnumerateArray())
                {
                    var extProperties = JsonText.Property(resource, "properties");
                    var type = extProperties.HasValue ? JsonText.String(extProperties.Value, "type") : null;
                    if (type is null || type.IndexOf("AzureDiskEncryption", StringComparison.OrdinalIgnoreCase) < 0)
                    {
                        continue;
                    }

                    extension = type;
                    settings = JsonText.Property(extProperties!.Value, "settings");
                }
            }

            return Parse(profile.Value, extension, settings);
        }

        /// <summary>
        /// The disks of a storageProfile, with the Azure Disk Encryption extension's type and settings when the VM has it
        /// (a Resource Graph row carries them as columns; a VM model as its resources).
        /// </summary>
        /// <returns>Null when <paramref name="storageProfile"/> is not an object.</returns>
        public static AzureVmStorage? Parse(JsonElement storageProfile, string? encryptionExtension, JsonElement? encryptionSettings)
        {
            if (storageProfile.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var profile = (JsonElement?)storageProfile;
            var extension = string.IsNullOrWhiteSpace(encryptionExtension) ? null : encryptionExtension;
            string? volumeType = null;
            var extensionVaults = new List<string>();
            if (extension != null && encryptionSettings is { } settings && settings.ValueKind == JsonValueKind.Object)
            {
                volumeType = JsonText.String(settings, "VolumeType");
                extensionVaults.AddRange(new[] { JsonText.String(settings, "KeyVaultResourceId"), JsonText.String(settings, "KekVaultResourceId") }
                    .Where(v => !string.IsNullOrWhiteSpace(v))!);
            }

            var disks = new List<AzureVmDisk>();
            var os = JsonText.Property(profile.Value, "osDisk");
            if (os.HasValue && os.Value.ValueKind == JsonValueKind.Object)
            {
                disks.Add(Disk(os.Value, true, extension, volumeType, extensionVaults));
            }

            var data = JsonText.Property(profile.Value, "dataDisks");
            if (data.HasValue && data.Value.ValueKind == JsonValueKind.Array)
            {
                disks.AddRange(data.Value.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object).Select(d => Disk(d, false, extension, volumeType, extensionVaults)));
            }

            return new AzureVmStorage(disks, extension);
        }

        private static AzureVmDisk Disk(JsonElement disk, bool isOs, string? extension, string? volumeType, IReadOnlyList<string> extensionVaults)
        {
            var vaults = new List<string>();
            var settings = JsonText.Property(disk, "encryptionSettings");
            var enabled = false;
            if (settings.HasValue && settings.Value.ValueKind == JsonValueKind.Object)
            {
                var flag = JsonText.Property(settings.Value, "enabled");
                enabled = flag.HasValue && flag.Value.ValueKind == JsonValueKind.True;
                foreach (var key in new[] { "diskEncryptionKey", "keyEncryptionKey" })
                {
                    var vault = JsonText.PathString(settings.Value, key, "sourceVault", "id");
                    if (!string.IsNullOrWhiteSpace(vault))
                    {
                        vaults.Add(vault!);
                        enabled = true;
                    }
                }
            }

            // VolumeType All (the default), OS or Data says which disks the extension encrypts.
            var byExtension = extension != null && (string.IsNullOrEmpty(volumeType)
                || string.Equals(volumeType, "All", StringComparison.OrdinalIgnoreCase)
                || string.Equals(volumeType, isOs ? "OS" : "Data", StringComparison.OrdinalIgnoreCase));
            if (byExtension)
            {
                vaults.AddRange(extensionVaults);
            }

            return new AzureVmDisk(JsonText.String(disk, "name") ?? (isOs ? "osDisk" : "dataDisk"), isOs, JsonText.Int(disk, "diskSizeGB"), enabled || byExtension,
                vaults.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        }
    }
}
