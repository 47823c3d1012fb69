namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One fixed volume (Win32_LogicalDisk with DriveType 3).</summary>
    public sealed class VolumeInfo
    {
        /// <summary>DeviceID, for example <c>C:</c>.</summary>
        public string DeviceId { get; init; } = string.Empty;

        /// <summary>VolumeName (the label), or null.</summary>
        public string? Label { get; init; }

        /// <summary>FreeSpace in bytes, or null when Windows does not report it.</summary>
        public ulong? FreeBytes { get; init; }

        /// <summary>Size in bytes, or null.</summary>
        public ulong? SizeBytes { get; init; }

        /// <summary>True for the system drive.</summary>
        public bool IsSystem { get; init; }

        /// <summary>True for Azure's temporary disk (label <c>Temporary Storage</c>), which Azure Backup does not back up.</summary>
        public bool IsAzureTemporaryDisk => string.Equals(Label?.Trim(), WindowsNames.AzureTemporaryDiskLabel, System.StringComparison.OrdinalIgnoreCase);

        /// <summary>An evidence line: <c>Win32_LogicalDisk C: (system) 'Windows': 12.3 GB free of 127.0 GB</c>.</summary>
        public string Describe() =>
            $"Win32_LogicalDisk {DeviceId}{(IsSystem ? " (system)" : string.Empty)}{(string.IsNullOrEmpty(Label) ? string.Empty : $" '{Label}'")}: " +
            (FreeBytes.HasValue ? $"{Size(FreeBytes.Value)} free" : "free space not reported") + (SizeBytes.HasValue ? $" of {Size(SizeBytes.Value)}" : string.Empty);

        /// <summary>Bytes in MB below 1 GB, else in GB, one decimal.</summary>
        public static string Size(ulong bytes) => bytes < 1024UL * 1024 * 1024
            ? (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB"
            : (bytes / 1073741824.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB";
    }
}
