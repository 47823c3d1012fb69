namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>
    /// A resource group where Azure Backup keeps instant restore points: <c>AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;</c>
    /// (an item of ResourceGroups_List).
    /// </summary>
    public sealed class BackupResourceGroup
    {
        /// <summary>Creates the group.</summary>
        public BackupResourceGroup(string id, string name, string? location)
        {
            Id = id ?? string.Empty;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Location = location;
        }

        /// <summary>The resource group's id.</summary>
        public string Id { get; }

        /// <summary>The name (AzureBackupRG_westus_1, ...).</summary>
        public string Name { get; }

        /// <summary>The region, as Resource Manager reports it.</summary>
        public string? Location { get; }
    }

    /// <summary>
    /// The locks that can stop Azure Backup cleaning up a VM's restore point collection: those on the
    /// <c>AzureBackupRG_*</c> resource groups of the VM's region (or on resources in them) and those on the subscription.
    /// </summary>
    public sealed class RestorePointLockEvidence
    {
        /// <summary>Creates evidence.</summary>
        public RestorePointLockEvidence(string? region, IReadOnlyList<BackupResourceGroup> resourceGroups, IReadOnlyList<ManagementLock> locks)
        {
            Region = region;
            ResourceGroups = resourceGroups ?? Array.Empty<BackupResourceGroup>();
            Locks = locks ?? Array.Empty<ManagementLock>();
        }

        /// <summary>The VM's region; null when it was not known (then every AzureBackupRG_* group of the subscription counts).</summary>
        public string? Region { get; }

        /// <summary>The restore point resource groups of the region; empty before the VM's first backup made one.</summary>
        public IReadOnlyList<BackupResourceGroup> ResourceGroups { get; }

        /// <summary>The locks on those groups, on resources in them, and on the subscription.</summary>
        public IReadOnlyList<ManagementLock> Locks { get; }
    }
}
