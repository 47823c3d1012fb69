using System;
using AzBackupTroubleshoot.Core.Facts.Linux;

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
    }
}
