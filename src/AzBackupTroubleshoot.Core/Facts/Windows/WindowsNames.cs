
namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// The names, keys, paths and thresholds the Windows checks and repairs use, with their sources
    /// (see /work/shared/reference/azure-backup-facts.md sections 1, 2 and 4).
    /// </summary>
    public static class WindowsNames
    {
        /// <summary>The guest agent service (Support: windows-azure-guest-agent.md).</summary>
        public const string GuestAgentService = "WindowsAzureGuestAgent";

        /// <summary>The RdAgent service, which installs and updates the guest agent and sends heartbeats.</summary>
        public const string RdAgentService = "RdAgent";

        /// <summary>The telemetry service; folded into the guest agent from 2.7.41491.971, so it may be absent.</summary>
        public const string TelemetryService = "WindowsAzureTelemetryService";

        /// <summary>The service Azure Backup adds; it must start automatically (troubleshooting article, 2018).</summary>
        public const string IaaSVmProviderService = "IaaSVmProvider";

        /// <summary>Volume Shadow Copy.</summary>
        public const string VssService = "VSS";

        /// <summary>COM+ System Application.</summary>
        public const string ComSysAppService = "COMSysApp";

        /// <summary>Distributed Transaction Coordinator.</summary>
        public const string MsdtcService = "MSDTC";

        /// <summary>The account MSDTC must run as (backup-azure-vms-troubleshoot.md, ExtensionInstallationFailedMDTC).</summary>
        public const string MsdtcAccount = @"NT AUTHORITY\NetworkService";

        /// <summary>The default SQL Server instance's service.</summary>
        public const string SqlDefaultInstanceService = "MSSQLSERVER";

        /// <summary>The prefix of named SQL Server instances' services (<c>MSSQL$NAME</c>).</summary>
        public const string SqlNamedInstancePrefix = "MSSQL$";

        /// <summary>The lowest supported Windows guest agent (KB 4049215, support-extensions-agent-version.md).</summary>
        public const string MinimumAgentVersionText = "2.7.41491.1010";

        /// <summary>The .NET Framework 4.x key (dotnet/docs how-to-determine-which-versions-are-installed.md).</summary>
        public const string DotNetFullKey = @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full";

        /// <summary>The lowest <c>Release</c> value of .NET Framework 4.5.</summary>
        public const uint DotNet45Release = 378389;

        /// <summary>The BCDR agent key that holds USEVSSCOPYBACKUP.</summary>
        public const string BcdrAgentKey = @"SOFTWARE\Microsoft\BCDRAGENT";

        /// <summary>The value that makes the backup take VSS copy backups (REG_SZ <c>TRUE</c>).</summary>
        public const string UseVssCopyBackupValue = "USEVSSCOPYBACKUP";

        /// <summary>The data that turns VSS copy backups on.</summary>
        public const string UseVssCopyBackupData = "TRUE";

        /// <summary>The key of SnapshotWithoutThreads, SnapshotMethod, CalculateSnapshotTimeFromHost, IsCommonProviderInstalled.</summary>
        public const string BcdrAgentPersistentKeysKey = @"SOFTWARE\Microsoft\BcdrAgentPersistentKeys";

        /// <summary>LocalSystem's WinINET settings, under HKEY_USERS (backup-azure-arm-vms-prepare.md, HTTP proxy).</summary>
        public const string LocalSystemInternetSettingsKey = @"S-1-5-18\Software\Microsoft\Windows\CurrentVersion\Internet Settings";

        /// <summary>The Windows backup extension's handler name.</summary>
        public const string SnapshotHandlerName = "Microsoft.Azure.RecoveryServices.VMSnapshot";

        /// <summary>The extensions folder below the system drive.</summary>
        public const string PluginsFolder = @"\Packages\Plugins";

        /// <summary>
        /// The handler state keys: the extension platform writes <c>Windows Azure\HandlerState</c>; Microsoft's backup
        /// article names <c>WindowsAzure\HandlerState</c>. Both are read.
        /// </summary>
        public static readonly string[] HandlerStateKeys =
        {
            @"SOFTWARE\Microsoft\Windows Azure\HandlerState",
            @"SOFTWARE\Microsoft\WindowsAzure\HandlerState",
        };

        /// <summary>The backup extension's process, named in Application Error events when it crashes.</summary>
        public const string ExtensionProcessName = "IaaSBcdrExtension.exe";

        /// <summary>How far back crash events count.</summary>
        public static readonly TimeSpan CrashWindow = TimeSpan.FromDays(7);

        /// <summary>The Hyper-V chassis asset tag of an Azure VM (cloud-init identity.py; Win32_SystemEnclosure.SMBIOSAssetTag).</summary>
        public const string AzureAssetTag = "7783-7084-3265-9085-8269-3286-77";

        /// <summary>Installed products.</summary>
        public const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";

        /// <summary>The DisplayName prefix of the agent MSI ("Windows Azure VM Agent - 2.7.41491.1102").</summary>
        public const string AgentProductNamePrefix = "Windows Azure VM Agent";

        /// <summary>The lowest supported Windows guest agent.</summary>
        public static ComponentVersion MinimumAgentVersion => ComponentVersion.Parse(MinimumAgentVersionText);

        /// <summary>The Windows Installer service; the extension installs the VC++ runtime with it (companion article, ExtensionVCRedistInstallationFailure: Msiserver Start=3).</summary>
        public const string InstallerService = "msiserver";

        /// <summary>The guest agent's display name, as Service Control Manager events name it.</summary>
        public const string GuestAgentDisplayName = "Windows Azure Guest Agent";

        /// <summary>The agent processes whose Application Error 1000 events count as agent crashes (VM assist's Get-ApplicationErrors).</summary>
        public static readonly string[] AgentProcessNames = { "WaAppAgent.exe", "WindowsAzureGuestAgent.exe" };

        /// <summary>Crashes newer than this are Failed, older ones within <see cref="CrashWindow"/> a Warning (VM assist looks back 1 day for service crashes).</summary>
        public static readonly TimeSpan RecentCrashWindow = TimeSpan.FromDays(1);

        /// <summary>Free space under this is Failed (VM assist: "Disk space check (&lt;1GB Warn, &lt;100MB Critical)").</summary>
        public const ulong DiskSpaceFailedBytes = 100UL * 1024 * 1024;

        /// <summary>Free space under this is a Warning (VM assist, as above).</summary>
        public const ulong DiskSpaceWarningBytes = 1024UL * 1024 * 1024;

        /// <summary>The label of Azure's temporary disk, which is not backed up.</summary>
        public const string AzureTemporaryDiskLabel = "Temporary Storage";

        /// <summary>The key of the machine's WinHTTP proxy (netsh winhttp).</summary>
        public const string WinHttpConnectionsKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections";

        /// <summary>The REG_BINARY value that holds it.</summary>
        public const string WinHttpSettingsValue = "WinHttpSettings";

        /// <summary>The .NET Framework keys that take SchUseStrongCrypto (companion article: "under every .NET Framework key"; 64- and 32-bit views).</summary>
        public static readonly string[] StrongCryptoKeys =
        {
            @"SOFTWARE\Microsoft\.NETFramework\v4.0.30319",
            @"SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319",
            @"SOFTWARE\Microsoft\.NETFramework\v2.0.50727",
            @"SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727",
        };

        /// <summary>The value the article sets to dword:1.</summary>
        public const string StrongCryptoValue = "SchUseStrongCrypto";

        /// <summary>Present while servicing waits for a restart.</summary>
        public const string CbsRebootPendingKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending";

        /// <summary>Present while Windows Update waits for a restart.</summary>
        public const string WindowsUpdateRebootRequiredKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired";

        /// <summary>The key of PendingFileRenameOperations.</summary>
        public const string SessionManagerKey = @"SYSTEM\CurrentControlSet\Control\Session Manager";

        /// <summary>BitLocker's WMI namespace; it exists only where BitLocker is installed.</summary>
        public const string BitLockerNamespace = "root/cimv2/Security/MicrosoftVolumeEncryption";

        /// <summary>BitLocker's volume class.</summary>
        public const string EncryptableVolumeClass = "Win32_EncryptableVolume";

        /// <summary>
        /// ProtectionStatus 2, "PROTECTION UNKNOWN": "The volume protection status cannot be determined. This can be caused by the
        /// volume being in a locked state." (learn.microsoft.com, GetProtectionStatus method of the Win32_EncryptableVolume class).
        /// </summary>
        public const long ProtectionUnknown = 2;

        /// <summary>Files to replace at the next restart.</summary>
        public const string PendingFileRenameValue = "PendingFileRenameOperations";
    }
}
