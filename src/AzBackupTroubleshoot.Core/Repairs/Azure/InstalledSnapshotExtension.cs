using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>The installed snapshot extension of a VM, found by <see cref="SnapshotExtensionRemover.FindAsync"/>.</summary>
    public sealed class InstalledSnapshotExtension
    {
        internal InstalledSnapshotExtension(AzureVm vm, string name)
        {
            Vm = vm;
            Name = name;
        }

        /// <summary>The VM (with its OS type).</summary>
        public AzureVm Vm { get; }

        /// <summary>The extension instance name.</summary>
        public string Name { get; }

        /// <summary>The extension's resource path.</summary>
        public string ResourcePath => Vm.Id + "/extensions/" + Name;
    }
}
