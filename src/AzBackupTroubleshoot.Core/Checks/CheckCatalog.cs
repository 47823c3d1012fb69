namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// Every check id the module knows, with its cause. The knowledge base links solution steps to these ids; each
    /// implementation of a check uses the constant from here. Tests keep the three in step.
    /// </summary>
    public static class CheckCatalog
    {
#pragma warning disable CS1591 // the ids are described by the catalog entries below
        public const string LinuxAgentService = "Linux.AgentService";
        public const string LinuxAgentAutoRestart = "Linux.AgentAutoRestart";
        public const string LinuxAgentProcess = "Linux.AgentProcess";
        public const string LinuxAgentVersion = "Linux.AgentVersion";
        public const string LinuxAutoUpdate = "Linux.AutoUpdate";
        public const string LinuxExtensionsEnabled = "Linux.ExtensionsEnabled";
        public const string LinuxProvisioningAgent = "Linux.ProvisioningAgent";
        public const string LinuxExtensionPolicy = "Linux.ExtensionPolicy";
        public const string LinuxSnapshotExtension = "Linux.SnapshotExtension";
        public const string LinuxSnapshotExtensionStatus = "Linux.SnapshotExtensionStatus";
        public const string LinuxDhcpWireServer = "Linux.DhcpWireServer";
        public const string LinuxStaticNetwork = "Linux.StaticNetwork";
        public const string LinuxProxy = "Linux.Proxy";
        public const string LinuxAgentLog = "Linux.AgentLog";
        public const string LinuxExtensionLog = "Linux.ExtensionLog";
        public const string LinuxFilesystemSpace = "Linux.FilesystemSpace";
        public const string LinuxAgentFolderExec = "Linux.AgentFolderExec";
        public const string LinuxFreezableMounts = "Linux.FreezableMounts";
        public const string LinuxExtensionPython = "Linux.ExtensionPython";
        public const string LinuxAgentPackage = "Linux.AgentPackage";
        public const string LinuxSelinux = "Linux.Selinux";
        public const string LinuxGoalStateAgent = "Linux.GoalStateAgent";
        public const string LinuxAgentPythonImport = "Linux.AgentPythonImport";
        public const string WindowsGuestAgentService = "Windows.GuestAgentService";
        public const string WindowsRdAgentService = "Windows.RdAgentService";
        public const string WindowsAgentVersion = "Windows.AgentVersion";
        public const string WindowsDotNet45 = "Windows.DotNet45";
        public const string WindowsIaaSVmProvider = "Windows.IaaSVmProvider";
        public const string WindowsVssService = "Windows.VssService";
        public const string WindowsComSysApp = "Windows.ComSysApp";
        public const string WindowsMsdtc = "Windows.Msdtc";
        public const string WindowsVssCopyMode = "Windows.VssCopyMode";
        public const string WindowsDhcp = "Windows.Dhcp";
        public const string WindowsSnapshotExtension = "Windows.SnapshotExtension";
        public const string WindowsExtensionCrashes = "Windows.ExtensionCrashes";
        public const string WindowsProxy = "Windows.Proxy";
        public const string WindowsVssWriters = "Windows.VssWriters";
        public const string WindowsDiskSpace = "Windows.DiskSpace";
        public const string WindowsAgentCrashes = "Windows.AgentCrashes";
        public const string WindowsPendingReboot = "Windows.PendingReboot";
        public const string WindowsWinHttpProxy = "Windows.WinHttpProxy";
        public const string WindowsStrongCrypto = "Windows.StrongCrypto";
        public const string WindowsInstallerService = "Windows.InstallerService";
        public const string WindowsBitLocker = "Windows.BitLocker";
        public const string WindowsFolderPermissions = "Windows.FolderPermissions";
        public const string HostAzurePlatform = "Host.AzurePlatform";
        public const string HostCpuPressure = "Host.CpuPressure";
        public const string HostMemoryPressure = "Host.MemoryPressure";
        public const string NetworkWireServer = "Network.WireServer";
        public const string NetworkWireServerHttp = "Network.WireServerHttp";
        public const string NetworkImds = "Network.Imds";
        public const string NetworkStorage = "Network.Storage";
        public const string AzurePowerState = "Azure.PowerState";
        public const string AzureAgentStatus = "Azure.AgentStatus";
        public const string AzureAgentVersion = "Azure.AgentVersion";
        public const string AzureSnapshotExtension = "Azure.SnapshotExtension";
        public const string AzureExtensionProvisioning = "Azure.ExtensionProvisioning";
        public const string AzureBackupJob = "Azure.BackupJob";
        public const string AzureResourceGroupLock = "Azure.ResourceGroupLock";
        public const string AzureBackupJobInProgress = "Azure.BackupJobInProgress";
        public const string AzureProtectionState = "Azure.ProtectionState";
        public const string AzureRestorePointLimit = "Azure.RestorePointLimit";
        public const string AzureKeyVaultAccess = "Azure.KeyVaultAccess";
        public const string AzureDiskSize = "Azure.DiskSize";
        public const string AzureProvisioningState = "Azure.ProvisioningState";
        public const string AzurePolicyDenial = "Azure.PolicyDenial";
#pragma warning restore CS1591

        private static readonly CheckInfo[] Entries =
        {
            new CheckInfo(LinuxAgentService, Cause.AgentNotResponsive, CheckPlatform.Linux, "The agent's service unit (walinuxagent or waagent) exists and is enabled"),
            new CheckInfo(LinuxAgentAutoRestart, Cause.AgentNotResponsive, CheckPlatform.Linux, "The init system restarts the agent when it dies (Restart= or respawn)"),
            new CheckInfo(LinuxAgentProcess, Cause.AgentNotResponsive, CheckPlatform.Linux, "The agent's -daemon and -run-exthandlers processes are running"),
            new CheckInfo(LinuxAgentVersion, Cause.AgentOutOfDate, CheckPlatform.Linux, "The agent is at least the minimum supported version (2.2.53.1)"),
            new CheckInfo(LinuxAutoUpdate, Cause.AgentOutOfDate, CheckPlatform.Linux, "Agent auto-update is on (AutoUpdate.Enabled)"),
            new CheckInfo(LinuxExtensionsEnabled, Cause.AgentMisconfigured, CheckPlatform.Linux, "Extension processing is on (Extensions.Enabled=y)"),
            new CheckInfo(LinuxProvisioningAgent, Cause.AgentMisconfigured, CheckPlatform.Linux, "Provisioning.Agent has a supported value"),
            new CheckInfo(LinuxExtensionPolicy, Cause.AgentMisconfigured, CheckPlatform.Linux, "No agent extension policy blocks VMSnapshotLinux"),
            new CheckInfo(LinuxSnapshotExtension, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "VMSnapshotLinux is installed at version 1.0.91.0 or later"),
            new CheckInfo(LinuxSnapshotExtensionStatus, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "VMSnapshotLinux's last status is not an error"),
            new CheckInfo(LinuxDhcpWireServer, Cause.SnapshotNotTaken, CheckPlatform.Linux, "DHCP gives the WireServer address (option 245)"),
            new CheckInfo(LinuxStaticNetwork, Cause.SnapshotNotTaken, CheckPlatform.Linux, "The network is not configured with static addresses only"),
            new CheckInfo(LinuxProxy, Cause.NoNetworkAccess, CheckPlatform.Linux, "Proxy settings the agent and extension use"),
            new CheckInfo(LinuxAgentLog, Cause.AgentNotResponsive, CheckPlatform.Linux, "Recent errors in /var/log/waagent.log"),
            new CheckInfo(LinuxExtensionLog, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "Recent errors in the VMSnapshotLinux extension log"),
            new CheckInfo(LinuxFilesystemSpace, Cause.SnapshotNotTaken, CheckPlatform.Linux, "No mounted ext2/3/4, btrfs, xfs or vfat file system is 90 % full or more (VM assist)"),
            new CheckInfo(LinuxAgentFolderExec, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "/var/lib/waagent is not on a noexec mount"),
            new CheckInfo(LinuxFreezableMounts, Cause.SnapshotNotTaken, CheckPlatform.Linux, "fsfreeze can freeze every mount: no duplicate or hung mounts, no /etc/fstab entry left unmounted"),
            new CheckInfo(LinuxExtensionPython, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "No known breakage of VMSnapshotLinux applies (Ubuntu 24.04 with 1.0.9217-9219; python3 3.13+ without crypt)"),
            new CheckInfo(LinuxAgentPackage, Cause.AgentOutOfDate, CheckPlatform.Linux, "The agent comes from the distribution's package (dpkg: walinuxagent)"),
            new CheckInfo(LinuxSelinux, Cause.ExtensionNotLoaded, CheckPlatform.Linux, "SELinux is not enforcing without a local policy for /var/lib/waagent"),
            new CheckInfo(LinuxGoalStateAgent, Cause.AgentOutOfDate, CheckPlatform.Linux, "The goal-state agent is the newest the WireServer offers (GAFamily Version)"),
            new CheckInfo(LinuxAgentPythonImport, Cause.AgentNotResponsive, CheckPlatform.Linux, "The agent's python imports the agent's modules (live, -RunAgentPython only)"),
            new CheckInfo(WindowsGuestAgentService, Cause.AgentNotResponsive, CheckPlatform.Windows, "WindowsAzureGuestAgent is Automatic and Running"),
            new CheckInfo(WindowsRdAgentService, Cause.AgentNotResponsive, CheckPlatform.Windows, "RdAgent is Automatic and Running"),
            new CheckInfo(WindowsAgentVersion, Cause.AgentOutOfDate, CheckPlatform.Windows, "The guest agent is at least 2.7.41491.1010"),
            new CheckInfo(WindowsDotNet45, Cause.AgentNotResponsive, CheckPlatform.Windows, ".NET Framework 4.5 or later is installed"),
            new CheckInfo(WindowsIaaSVmProvider, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "IaaSVmProvider starts automatically"),
            new CheckInfo(WindowsVssService, Cause.SnapshotNotTaken, CheckPlatform.Windows, "The Volume Shadow Copy service can start"),
            new CheckInfo(WindowsComSysApp, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "COM+ System Application is running"),
            new CheckInfo(WindowsMsdtc, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "MSDTC runs as NT AUTHORITY\\NetworkService"),
            new CheckInfo(WindowsVssCopyMode, Cause.SnapshotNotTaken, CheckPlatform.Windows, "With SQL Server present, backups take VSS copy backups (USEVSSCOPYBACKUP)"),
            new CheckInfo(WindowsDhcp, Cause.SnapshotNotTaken, CheckPlatform.Windows, "DHCP is on for every IP-enabled adapter"),
            new CheckInfo(WindowsSnapshotExtension, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "The VMSnapshot extension is installed and its handler is healthy"),
            new CheckInfo(WindowsExtensionCrashes, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "No 'Faulting application name: IaaSBcdrExtension.exe' events in 7 days"),
            new CheckInfo(WindowsProxy, Cause.NoNetworkAccess, CheckPlatform.Windows, "The LocalSystem proxy settings"),
            new CheckInfo(WindowsVssWriters, Cause.SnapshotNotTaken, CheckPlatform.Windows, "Every VSS writer is [1] Stable with no last error (vssadmin list writers)"),
            new CheckInfo(WindowsDiskSpace, Cause.SnapshotNotTaken, CheckPlatform.Windows, "Every fixed volume has 1 GB free (Warning under 1 GB, Failed under 100 MB)"),
            new CheckInfo(WindowsAgentCrashes, Cause.AgentNotResponsive, CheckPlatform.Windows, "No agent crashes in 7 days (SCM 7031/7034, Application Error 1000)"),
            new CheckInfo(WindowsPendingReboot, Cause.VmStateNotSupported, CheckPlatform.Windows, "No restart is pending (servicing, Windows Update, file renames)"),
            new CheckInfo(WindowsWinHttpProxy, Cause.NoNetworkAccess, CheckPlatform.Windows, "The WinHTTP proxy (netsh winhttp) bypasses 168.63.129.16"),
            new CheckInfo(WindowsStrongCrypto, Cause.NoNetworkAccess, CheckPlatform.Windows, ".NET strong cryptography (SchUseStrongCrypto) is not turned off"),
            new CheckInfo(WindowsInstallerService, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "The Windows Installer service (msiserver) is not Disabled"),
            new CheckInfo(WindowsBitLocker, Cause.SnapshotNotTaken, CheckPlatform.Windows, "No BitLocker volume is locked (Win32_EncryptableVolume ProtectionStatus)"),
            new CheckInfo(WindowsFolderPermissions, Cause.ExtensionNotLoaded, CheckPlatform.Windows, "MachineKeys keeps its default ACL (Everyone R,W; Administrators F); SYSTEM has full control of C:\\WindowsAzure and C:\\Packages"),
            new CheckInfo(HostAzurePlatform, Cause.NoNetworkAccess, CheckPlatform.Guest, "The machine is an Azure VM (DMI chassis asset tag)"),
            new CheckInfo(HostCpuPressure, Cause.SnapshotNotTaken, CheckPlatform.Guest, "CPU use is under 90 %"),
            new CheckInfo(HostMemoryPressure, Cause.SnapshotNotTaken, CheckPlatform.Guest, "Memory use is under 90 %"),
            new CheckInfo(NetworkWireServer, Cause.NoNetworkAccess, CheckPlatform.Guest, "TCP to the WireServer on 80 and 32526 (required); 443 informational"),
            new CheckInfo(NetworkWireServerHttp, Cause.NoNetworkAccess, CheckPlatform.Guest, "HTTP GET /?comp=versions on the WireServer"),
            new CheckInfo(NetworkImds, Cause.NoNetworkAccess, CheckPlatform.Guest, "TCP to the Instance Metadata Service 169.254.169.254:80"),
            new CheckInfo(NetworkStorage, Cause.NoNetworkAccess, CheckPlatform.Guest, "TCP to the given storage endpoints (443; 8443 for managed disks)"),
            new CheckInfo(AzurePowerState, Cause.SnapshotNotTaken, CheckPlatform.Azure, "The VM is running"),
            new CheckInfo(AzureAgentStatus, Cause.AgentNotResponsive, CheckPlatform.Azure, "The VM agent reports Ready"),
            new CheckInfo(AzureAgentVersion, Cause.AgentOutOfDate, CheckPlatform.Azure, "The VM agent version is at least the minimum for its OS"),
            new CheckInfo(AzureSnapshotExtension, Cause.ExtensionNotLoaded, CheckPlatform.Azure, "The VMSnapshot/VMSnapshotLinux extension status is not failed"),
            new CheckInfo(AzureExtensionProvisioning, Cause.ExtensionNotLoaded, CheckPlatform.Azure, "Every extension's provisioning succeeded"),
            new CheckInfo(AzureBackupJob, Cause.SnapshotNotTaken, CheckPlatform.Azure, "The last backup jobs did not fail (error codes mapped to causes)"),
            new CheckInfo(AzureResourceGroupLock, Cause.ResourceGroupLocked, CheckPlatform.Azure, "No lock blocks the restore point collection's resource group"),
            new CheckInfo(AzureBackupJobInProgress, Cause.OperationInProgress, CheckPlatform.Azure, "No backup or restore job of the VM is in progress"),
            new CheckInfo(AzureProtectionState, Cause.ProtectionNotActive, CheckPlatform.Azure, "The VM's backup item is actively protected (not stopped or paused)"),
            new CheckInfo(AzureRestorePointLimit, Cause.RestorePointLimit, CheckPlatform.Azure, "The VM has fewer than 18 instant restore points in its AzureBackupRG_* collections"),
            new CheckInfo(AzureKeyVaultAccess, Cause.KeyVaultAccess, CheckPlatform.Azure, "An encrypted VM's Key Vault grants key and secret Get, List and Backup"),
            new CheckInfo(AzureDiskSize, Cause.UnsupportedDiskSize, CheckPlatform.Azure, "No disk is over 32 TB (4 TB when encrypted)"),
            new CheckInfo(AzureProvisioningState, Cause.VmStateNotSupported, CheckPlatform.Azure, "The VM's provisioning state is not failed or updating"),
            new CheckInfo(AzurePolicyDenial, Cause.PolicyDenied, CheckPlatform.Azure, "No failed backup job was denied by Azure Policy"),
        };

        private static readonly Dictionary<string, CheckInfo> ById = Entries.ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);

        /// <summary>Every known check, in catalog order.</summary>
        public static IReadOnlyList<CheckInfo> All => Entries;

        /// <summary>Looks up a check id (case-insensitive).</summary>
        public static CheckInfo? Find(string id) => id != null && ById.TryGetValue(id, out var info) ? info : null;
    }
}
