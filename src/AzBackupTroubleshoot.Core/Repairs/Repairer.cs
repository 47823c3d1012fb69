namespace AzBackupTroubleshoot.Core.Repairs
{
    /// <summary>The owners of the repairs: each <see cref="Checks.RepairAction"/> is carried out by exactly one of them.</summary>
    public enum Repairer
    {
        /// <summary>Nobody: the action is <see cref="Checks.RepairAction.None"/>.</summary>
        None,

        /// <summary>Repair-AzBackupAgent: the guest agent's configuration, services, update and reinstall.</summary>
        GuestAgent,

        /// <summary>Set-AzBackupVssCopyMode: the Windows VSS copy-backup setting.</summary>
        VssCopyMode,

        /// <summary>Add-AzDatacenterRoute: routes to the Azure datacenter ranges.</summary>
        DatacenterRoute,

        /// <summary>Uninstall-AzVmSnapshotExtension: removes the backup extension through Azure Resource Manager.</summary>
        SnapshotExtension,
    }
}
