namespace AzBackupTroubleshoot.Core.Facts.Windows
{
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

        /// <summary><c>vssadmin list writers</c> (capture format 2).</summary>
        VssWriters,

        /// <summary>Win32_LogicalDisk, the fixed volumes (capture format 2).</summary>
        Volumes,

        /// <summary>Win32_NTLogEvent, the System log's Service Control Manager events (capture format 2).</summary>
        SystemEventLog,

        /// <summary>The WinHttpSettings registry value (capture format 2).</summary>
        WinHttpProxy,

        /// <summary>The .NET Framework SchUseStrongCrypto registry values (capture format 2).</summary>
        StrongCrypto,

        /// <summary>Win32_Service msiserver, the Windows Installer (capture format 2).</summary>
        WindowsInstaller,

        /// <summary>The registry keys and value that mark a pending restart (capture format 2).</summary>
        PendingReboot,

        /// <summary>Win32_EncryptableVolume, BitLocker's volumes (capture format 2).</summary>
        BitLocker,

        /// <summary>The security descriptors of MachineKeys, C:\WindowsAzure and C:\Packages (capture format 3).</summary>
        FolderPermissions,
    }
}
