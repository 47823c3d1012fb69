using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>The installed snapshot extension of a VM, found by <see cref="SnapshotExtensionRemover.FindAsync"/>.</summary>
    public sealed class InstalledSnapshotExtension
    {
        /// <exception cref="ArgumentException">The name is not a valid extension name (it would change which resource is addressed).</exception>
        internal InstalledSnapshotExtension(AzureVm vm, string name)
        {
            Vm = vm;
            Name = name;
            Id = vm.ResourceId.Child("extensions", name);
        }

        /// <summary>The VM (with its OS type).</summary>
        public AzureVm Vm { get; }

        /// <summary>The extension instance name.</summary>
        public string Name { get; }

        /// <summary>The extension's resource path, rebuilt from validated segments.</summary>
        public string ResourcePath => Id.Value;

        /// <summary>The extension's parsed resource id.</summary>
        public ArmResourceId Id { get; }
    }
}
