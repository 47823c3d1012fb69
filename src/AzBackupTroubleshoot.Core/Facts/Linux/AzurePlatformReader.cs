using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Whether the machine is an Azure VM.</summary>
    public enum AzurePlatform
    {
        /// <summary>The DMI chassis asset tag is Azure's.</summary>
        Azure,

        /// <summary>The tag is another value, or a live machine has none.</summary>
        NotAzure,

        /// <summary>An offline root without the tag (a mounted disk has no <c>sys/</c>): nothing can be said.</summary>
        Unknown,
    }

    /// <summary>The platform facts.</summary>
    public sealed class PlatformFacts
    {
        internal PlatformFacts(AzurePlatform platform, FileFact<string> assetTag)
        {
            Platform = platform;
            AssetTag = assetTag;
        }

        /// <summary>The verdict.</summary>
        public AzurePlatform Platform { get; }

        /// <summary><c>sys/class/dmi/id/chassis_asset_tag</c> (value: the tag).</summary>
        public FileFact<string> AssetTag { get; }
    }

    /// <summary>
    /// Detects Azure without network calls, as cloud-init does: <c>sys/class/dmi/id/chassis_asset_tag</c> equal to
    /// <c>7783-7084-3265-9085-8269-3286-77</c>.
    /// </summary>
    public sealed class AzurePlatformReader
    {
        /// <summary>Azure's chassis asset tag.</summary>
        public const string AzureChassisAssetTag = "7783-7084-3265-9085-8269-3286-77";

        /// <summary>The sysfs file.</summary>
        public const string AssetTagPath = "sys/class/dmi/id/chassis_asset_tag";

        /// <summary>Reads the tag; <paramref name="isLive"/> decides what a missing tag means.</summary>
        public PlatformFacts Read(ILinuxRoot root, bool isLive)
        {
            var text = TextFileDecoder.Decode((root ?? throw new ArgumentNullException(nameof(root))).Read(AssetTagPath, 4096));
            if (text.Status == FactStatus.Malformed)
            {
                return new PlatformFacts(AzurePlatform.Unknown, text);
            }

            if (!text.IsPresent)
            {
                return new PlatformFacts(isLive ? AzurePlatform.NotAzure : AzurePlatform.Unknown, text);
            }

            var tag = text.Value!.Trim();
            var fact = FileFact<string>.Present(text.Path, tag);
            return new PlatformFacts(tag == AzureChassisAssetTag ? AzurePlatform.Azure : AzurePlatform.NotAzure, fact);
        }
    }
}
