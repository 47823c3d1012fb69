using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>Where a fact set came from.</summary>
    public enum WindowsFactsSource
    {
        /// <summary>The machine this code runs on.</summary>
        Local,

        /// <summary>Another machine, over a CimSession.</summary>
        Remote,

        /// <summary>A saved capture.</summary>
        Capture,
    }

    /// <summary>A part of the facts that is read in one go; a part that could not be read is listed in <see cref="WindowsFacts.ReadErrors"/>.</summary>
    public enum WindowsFactSection
    {
        /// <summary>Win32_Service.</summary>
        Services,

        /// <summary>Win32_OperatingSystem (memory, system drive).</summary>
        OperatingSystem,

        /// <summary>Win32_Processor (load).</summary>
        Processor,

        /// <summary>Win32_SystemEnclosure (asset tag).</summary>
        SystemEnclosure,

        /// <summary>Win32_NetworkAdapterConfiguration.</summary>
        NetworkAdapters,

        /// <summary>The .NET Framework 4 registry key.</summary>
        DotNet,

        /// <summary>The BCDRAGENT and BcdrAgentPersistentKeys registry keys.</summary>
        BcdrAgent,

        /// <summary>LocalSystem's Internet Settings.</summary>
        Proxy,

        /// <summary>The VMSnapshot folders and handler state.</summary>
        SnapshotExtension,

        /// <summary>Win32_NTLogEvent (Application log).</summary>
        EventLog,
    }

    /// <summary>One Win32_Service instance, the properties the checks read.</summary>
    public sealed class WindowsServiceInfo
    {
        /// <summary>Name (the key), for example <c>WindowsAzureGuestAgent</c>.</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>DisplayName.</summary>
        public string? DisplayName { get; init; }

        /// <summary>State: Running, Stopped, Start Pending ...</summary>
        public string? State { get; init; }

        /// <summary>StartMode as Win32_Service reports it: Auto, Manual, Disabled, Boot, System.</summary>
        public string? StartMode { get; init; }

        /// <summary>StartName: the account, for example <c>LocalSystem</c> or <c>NT AUTHORITY\NetworkService</c>.</summary>
        public string? StartName { get; init; }

        /// <summary>PathName: the image path and arguments.</summary>
        public string? PathName { get; init; }

        /// <summary>True when State is Running.</summary>
        public bool IsRunning => string.Equals(State, "Running", StringComparison.OrdinalIgnoreCase);

        /// <summary>True when StartMode is Auto.</summary>
        public bool IsAutomatic => string.Equals(StartMode, "Auto", StringComparison.OrdinalIgnoreCase) || string.Equals(StartMode, "Automatic", StringComparison.OrdinalIgnoreCase);

        /// <summary>True when StartMode is Disabled.</summary>
        public bool IsDisabled => string.Equals(StartMode, "Disabled", StringComparison.OrdinalIgnoreCase);

        /// <summary>An evidence line: <c>Win32_Service WindowsAzureGuestAgent: State=Running StartMode=Auto StartName=LocalSystem</c>.</summary>
        public string Describe() => $"Win32_Service {Name}: State={State ?? "?"} StartMode={StartMode ?? "?"} StartName={StartName ?? "?"}";
    }

    /// <summary>One IP-enabled Win32_NetworkAdapterConfiguration instance.</summary>
    public sealed class NetworkAdapterInfo
    {
        /// <summary>Index (the key).</summary>
        public long Index { get; init; }

        /// <summary>Description, for example <c>Microsoft Hyper-V Network Adapter</c>.</summary>
        public string? Description { get; init; }

        /// <summary>DHCPEnabled.</summary>
        public bool DhcpEnabled { get; init; }

        /// <summary>IPAddress.</summary>
        public IReadOnlyList<string> IPAddresses { get; init; } = Array.Empty<string>();

        /// <summary>DHCPServer (168.63.129.16 on Azure), or null.</summary>
        public string? DhcpServer { get; init; }
    }

    /// <summary>One VMSnapshot handler state key (<c>...\HandlerState\Microsoft.Azure.RecoveryServices.VMSnapshot_&lt;version&gt;</c>).</summary>
    public sealed class HandlerStateInfo
    {
        /// <summary>The key path below HKLM.</summary>
        public string Key { get; init; } = string.Empty;

        /// <summary>The version after the underscore.</summary>
        public string Version { get; init; } = string.Empty;

        /// <summary>InstallState (REG_SZ), for example <c>Enabled</c>, or null.</summary>
        public string? InstallState { get; init; }

        /// <summary>SequenceNumber (REG_DWORD), or null.</summary>
        public long? SequenceNumber { get; init; }

        /// <summary>StatusFolder (REG_SZ), or null.</summary>
        public string? StatusFolder { get; init; }
    }

    /// <summary>The VMSnapshot extension as seen in the file system and the registry.</summary>
    public sealed class SnapshotExtensionInfo
    {
        /// <summary>The handler folder, for example <c>C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot</c>.</summary>
        public string Folder { get; init; } = string.Empty;

        /// <summary>True when the handler folder exists.</summary>
        public bool FolderExists { get; init; }

        /// <summary>The version folders found in it, lowest first.</summary>
        public IReadOnlyList<string> Versions { get; init; } = Array.Empty<string>();

        /// <summary>The file names in the highest version folder.</summary>
        public IReadOnlyList<string> LatestVersionFiles { get; init; } = Array.Empty<string>();

        /// <summary>The handler state keys found.</summary>
        public IReadOnlyList<HandlerStateInfo> HandlerStates { get; init; } = Array.Empty<HandlerStateInfo>();
    }

    /// <summary>One Win32_NTLogEvent record.</summary>
    public sealed class LogEventInfo
    {
        /// <summary>TimeGenerated, UTC.</summary>
        public DateTimeOffset TimeGenerated { get; init; }

        /// <summary>SourceName, for example <c>Application Error</c>.</summary>
        public string? SourceName { get; init; }

        /// <summary>EventCode (1000 for an application crash).</summary>
        public long EventCode { get; init; }

        /// <summary>The first line of Message.</summary>
        public string FirstLine { get; init; } = string.Empty;
    }

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

        /// <summary>The services of interest (agent, provider, VSS, COM+, MSDTC, SQL Server), or null when unreadable.</summary>
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
