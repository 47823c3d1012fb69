using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// Everything the Windows checks read about one machine, read once through an ICimGateway. Immutable. A section
    /// that could not be read is null and named in <see cref="ReadErrors"/>; its checks then report Error.
    /// </summary>
    public sealed class WindowsFacts
    {
        /// <summary>The machine (results are reported for this target).</summary>
        public string ComputerName { get; init; } = string.Empty;

        /// <summary>Where the facts came from.</summary>
        public WindowsFactsSource Source { get; init; }

        /// <summary>The connectivity probes from inside the VM (the local machine only), or why there are none; read by the runner.</summary>
        public ConnectivityFacts Connectivity { get; internal set; } = ConnectivityFacts.NotRun("Connectivity probes were not requested.");

        /// <summary>The time windows are measured from: now for a live machine, the capture time for a capture.</summary>
        public DateTimeOffset ReferenceTimeUtc { get; init; }

        /// <summary>The services of interest (agent, provider, VSS, COM+, MSDTC, Windows Installer, SQL Server), or null when unreadable.</summary>
        public IReadOnlyList<WindowsServiceInfo>? Services { get; init; }

        /// <summary>The guest agent version from its image path or file version, or null.</summary>
        public ComponentVersion? AgentVersion { get; init; }

        /// <summary>Where <see cref="AgentVersion"/> came from (the image path or the file), or null.</summary>
        public string? AgentVersionSource { get; init; }

        /// <summary>True when the .NET Framework 4 Full key exists.</summary>
        public bool DotNetFullKeyExists { get; init; }

        /// <summary>The Release value (REG_DWORD), or null.</summary>
        public RegistryValue? DotNetRelease { get; init; }

        /// <summary>The values of HKLM\SOFTWARE\Microsoft\BCDRAGENT, or null when the key does not exist.</summary>
        public IReadOnlyList<RegistryValue>? BcdrAgentValues { get; init; }

        /// <summary>The values of HKLM\SOFTWARE\Microsoft\BcdrAgentPersistentKeys, or null when the key does not exist.</summary>
        public IReadOnlyList<RegistryValue>? BcdrAgentPersistentValues { get; init; }

        /// <summary>The IP-enabled network adapters, or null when unreadable.</summary>
        public IReadOnlyList<NetworkAdapterInfo>? NetworkAdapters { get; init; }

        /// <summary>LoadPercentage of each processor, or null when unreadable.</summary>
        public IReadOnlyList<int>? ProcessorLoads { get; init; }

        /// <summary>TotalVisibleMemorySize in KB, or null.</summary>
        public ulong? TotalMemoryKb { get; init; }

        /// <summary>FreePhysicalMemory in KB, or null.</summary>
        public ulong? FreeMemoryKb { get; init; }

        /// <summary>Win32_OperatingSystem Caption and Version, or null.</summary>
        public string? OperatingSystem { get; init; }

        /// <summary>Win32_SystemEnclosure.SMBIOSAssetTag, or null.</summary>
        public string? AssetTag { get; init; }

        /// <summary>The values of LocalSystem's Internet Settings key, or null when the key does not exist.</summary>
        public IReadOnlyList<RegistryValue>? LocalSystemInternetSettings { get; init; }

        /// <summary>The VMSnapshot extension, or null when unreadable.</summary>
        public SnapshotExtensionInfo? SnapshotExtension { get; init; }

        /// <summary>"Faulting application name: IaaSBcdrExtension.exe" events within 7 days before the reference time, or null.</summary>
        public IReadOnlyList<LogEventInfo>? ExtensionCrashEvents { get; init; }

        /// <summary>The system drive (<c>C:</c>) from Win32_OperatingSystem.</summary>
        public string SystemDrive { get; init; } = "C:";

        /// <summary>The VSS writers from <c>vssadmin list writers</c>, or null when unreadable or not available here.</summary>
        public IReadOnlyList<VssWriterInfo>? VssWriters { get; init; }

        /// <summary>The fixed volumes (Win32_LogicalDisk DriveType 3), or null.</summary>
        public IReadOnlyList<VolumeInfo>? Volumes { get; init; }

        /// <summary>
        /// Agent crashes within <see cref="WindowsNames.CrashWindow"/> before the reference time, newest first: Application Error 1000
        /// for WaAppAgent.exe / WindowsAzureGuestAgent.exe and Service Control Manager 7031/7034 for the agent services; or null.
        /// </summary>
        public IReadOnlyList<LogEventInfo>? AgentCrashEvents { get; init; }

        /// <summary>The machine's WinHTTP proxy (the WinHttpSettings value; direct access when the value is absent), or null.</summary>
        public WinHttpProxySettings? WinHttpProxy { get; init; }

        /// <summary>SchUseStrongCrypto under each .NET Framework key, or null.</summary>
        public IReadOnlyList<StrongCryptoSetting>? StrongCrypto { get; init; }

        /// <summary>What says a restart is pending (empty when nothing does), or null.</summary>
        public IReadOnlyList<string>? PendingRebootReasons { get; init; }

        /// <summary>BitLocker's volumes (empty where BitLocker is not installed), or null.</summary>
        public IReadOnlyList<EncryptableVolumeInfo>? EncryptableVolumes { get; init; }

        /// <summary>The permissions of MachineKeys, C:\WindowsAzure and C:\Packages (<see cref="FolderPermissionReader.Folders"/>), or null.</summary>
        public IReadOnlyList<FolderSecurityInfo>? FolderPermissions { get; init; }

        /// <summary>The capture's format version, or null when the facts come from a live machine.</summary>
        public int? CaptureFormatVersion { get; init; }

        /// <summary>
        /// Sections this source cannot show at all, with the reason (a capture by an older version, a remote session for
        /// vssadmin): their checks report NotApplicable with that reason.
        /// </summary>
        public IReadOnlyDictionary<WindowsFactSection, string> NotAvailable { get; init; } = new Dictionary<WindowsFactSection, string>();

        /// <summary>Why a section could not be read, by section.</summary>
        public IReadOnlyDictionary<WindowsFactSection, string> ReadErrors { get; init; } = new Dictionary<WindowsFactSection, string>();

        /// <summary>True when the asset tag says this is an Azure VM.</summary>
        public bool IsAzureVm => string.Equals(AssetTag?.Trim(), WindowsNames.AzureAssetTag, StringComparison.OrdinalIgnoreCase);

        /// <summary>A service by name, or null.</summary>
        public WindowsServiceInfo? Service(string name) =>
            Services?.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The SQL Server database engine services (MSSQLSERVER, MSSQL$*).</summary>
        public IReadOnlyList<WindowsServiceInfo> SqlServerInstances =>
            Services?.Where(s => IsSqlServerService(s.Name)).ToArray() ?? Array.Empty<WindowsServiceInfo>();

        /// <summary>A value of the BCDRAGENT key, or null.</summary>
        public RegistryValue? BcdrAgentValue(string name) =>
            BcdrAgentValues?.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>True when <paramref name="name"/> is a SQL Server engine service name.</summary>
        public static bool IsSqlServerService(string name) =>
            string.Equals(name, WindowsNames.SqlDefaultInstanceService, StringComparison.OrdinalIgnoreCase) ||
            (name.StartsWith(WindowsNames.SqlNamedInstancePrefix, StringComparison.OrdinalIgnoreCase) && name.Length > WindowsNames.SqlNamedInstancePrefix.Length);
    }
}
