namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>What Repair-AzBackupAgent (or a sibling cmdlet) can do about a failed check.</summary>
    public enum RepairAction
    {
        /// <summary>Nothing can be repaired automatically; follow the remediation text.</summary>
        None,

        /// <summary>Restart the guest agent service (walinuxagent/waagent, WindowsAzureGuestAgent/RdAgent).</summary>
        RestartAgent,

        /// <summary>Make the init system restart the agent when it dies.</summary>
        EnableAutoRestart,

        /// <summary>Set Logs.Verbose=y in waagent.conf.</summary>
        EnableVerboseLogging,

        /// <summary>Set Extensions.Enabled=y in waagent.conf.</summary>
        EnableExtensions,

        /// <summary>Set AutoUpdate.Enabled=y in waagent.conf.</summary>
        EnableAutoUpdate,

        /// <summary>Update the agent through the distribution's package manager.</summary>
        UpdateAgent,

        /// <summary>Set a Windows service to start automatically and start it (IaaSVmProvider, COMSysApp, VSS).</summary>
        StartService,

        /// <summary>Reinstall the Windows guest agent from its MSI.</summary>
        ReinstallAgent,

        /// <summary>Set USEVSSCOPYBACKUP so the backup takes VSS copy backups (Set-AzBackupVssCopyMode).</summary>
        SetVssCopyMode,

        /// <summary>Add routes to the Azure datacenter ranges (Add-AzDatacenterRoute).</summary>
        AddDatacenterRoute,

        /// <summary>Remove the VMSnapshot extension so the next backup reinstalls it (Uninstall-AzVmSnapshotExtension).</summary>
        UninstallSnapshotExtension,
    }
}
