using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>The names Azure Backup gives its snapshot extension: VMSnapshot (Windows) and VMSnapshotLinux (Linux).</summary>
    public static class SnapshotExtensionNames
    {
        /// <summary>The Windows extension.</summary>
        public const string Windows = "VMSnapshot";

        /// <summary>The Linux extension.</summary>
        public const string Linux = "VMSnapshotLinux";

        /// <summary>The publisher of both.</summary>
        public const string Publisher = "Microsoft.Azure.RecoveryServices";

        /// <summary>The extension name for an OS family, or null when the family is unknown.</summary>
        public static string? For(AzureOsType osType) =>
            osType == AzureOsType.Windows ? Windows : osType == AzureOsType.Linux ? Linux : null;

        /// <summary>True when a name or type (bare or publisher-qualified) is VMSnapshot or VMSnapshotLinux.</summary>
        public static bool IsSnapshotExtension(string? name, string? type) => Matches(name) || Matches(type);

        private static bool Matches(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return false;
            }

            var bare = value!;
            var dot = bare.LastIndexOf('.');
            if (dot >= 0)
            {
                bare = bare.Substring(dot + 1);
            }

            return string.Equals(bare, Windows, StringComparison.OrdinalIgnoreCase) || string.Equals(bare, Linux, StringComparison.OrdinalIgnoreCase);
        }
    }
}
