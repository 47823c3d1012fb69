namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One BitLocker volume (Win32_EncryptableVolume in root/cimv2/Security/MicrosoftVolumeEncryption).</summary>
    public sealed class EncryptableVolumeInfo
    {
        /// <summary>DriveLetter (<c>F:</c>), or null for a volume without one.</summary>
        public string? DriveLetter { get; init; }

        /// <summary>DeviceID (<c>\\?\Volume{...}\</c>).</summary>
        public string DeviceId { get; init; } = string.Empty;

        /// <summary>ProtectionStatus: 0 off, 1 on, 2 unknown (how Windows reports a locked volume); null when not reported.</summary>
        public long? ProtectionStatus { get; init; }

        /// <summary>True for ProtectionStatus 2: the status cannot be determined, which a locked volume causes.</summary>
        public bool MayBeLocked => ProtectionStatus == WindowsNames.ProtectionUnknown;

        /// <summary>An evidence line.</summary>
        public string Describe() =>
            $"Win32_EncryptableVolume {DriveLetter ?? DeviceId}: ProtectionStatus {(ProtectionStatus.HasValue ? ProtectionStatus.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} ({Name(ProtectionStatus)})";

        private static string Name(long? status)
        {
            switch (status)
            {
                case 0:
                    return "protection off";
                case 1:
                    return "protection on";
                case 2:
                    return "unknown: locked";
                default:
                    return "not reported";
            }
        }
    }
}
