using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>The guest operating system family Azure records for a VM (storageProfile.osDisk.osType).</summary>
    public enum AzureOsType
    {
        /// <summary>Not known (not read yet, or not reported).</summary>
        Unknown,

        /// <summary>Windows.</summary>
        Windows,

        /// <summary>Linux.</summary>
        Linux,
    }

    /// <summary>One virtual machine as Resource Manager lists it: its id, where it lives and its OS family.</summary>
    public sealed class AzureVm
    {
        /// <summary>Creates a VM reference from its resource id.</summary>
        /// <exception cref="ArgumentException">The id is not a virtual machine id.</exception>
        public AzureVm(string resourceId, AzureOsType osType = AzureOsType.Unknown, string? location = null, AzureVmStorage? storage = null)
        {
            var id = ArmResourceId.Parse(resourceId);
            if (!id.IsVirtualMachine)
            {
                throw new ArgumentException($"'{ArmResourceId.Printable(resourceId)}' is not a virtual machine resource id (…/providers/Microsoft.Compute/virtualMachines/<name>).", nameof(resourceId));
            }

            ResourceId = id;
            Id = id.Value;
            SubscriptionId = id.SubscriptionId;
            ResourceGroupName = id.ResourceGroupName!;
            Name = id.Name!;
            OsType = osType;
            Location = location;
            Storage = storage;
        }

        /// <summary>The resource id (rebuilt from validated segments).</summary>
        public string Id { get; }

        /// <summary>The parsed resource id.</summary>
        public ArmResourceId ResourceId { get; }

        /// <summary>The subscription id.</summary>
        public string SubscriptionId { get; }

        /// <summary>The resource group.</summary>
        public string ResourceGroupName { get; }

        /// <summary>The VM name.</summary>
        public string Name { get; }

        /// <summary>The OS family, or <see cref="AzureOsType.Unknown"/>.</summary>
        public AzureOsType OsType { get; }

        /// <summary>The region, when known.</summary>
        public string? Location { get; }

        /// <summary>The disks and disk encryption of the VM's model, when the model was read (list or GET).</summary>
        public AzureVmStorage? Storage { get; }

        /// <summary>Builds the id of a VM from its parts, each checked by its naming rule.</summary>
        /// <exception cref="ArgumentException">A part is not valid; the message names it.</exception>
        public static AzureVm FromName(string subscriptionId, string resourceGroupName, string name, AzureOsType osType = AzureOsType.Unknown) =>
            new AzureVm(ArmResourceId.ForVirtualMachine(subscriptionId, resourceGroupName, name).Value, osType);

        /// <summary>
        /// The VM of a resource id that must name the same VM as a resource group and name given with it (as a Get-AzVM
        /// object carries all three).
        /// </summary>
        /// <exception cref="ArgumentException">The id is not a VM id, or names another VM.</exception>
        public static AzureVm FromId(string resourceId, string resourceGroupName, string name)
        {
            var vm = new AzureVm(resourceId);
            if (!string.Equals(vm.ResourceGroupName, resourceGroupName, StringComparison.OrdinalIgnoreCase) || !string.Equals(vm.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The resource id '{vm.Id}' names another VM than resource group '{ArmResourceId.Printable(resourceGroupName)}' and name '{ArmResourceId.Printable(name)}'.", nameof(resourceId));
            }

            return vm;
        }

        /// <summary>A copy with the OS family set.</summary>
        public AzureVm WithOsType(AzureOsType osType) => new AzureVm(Id, osType, Location, Storage);

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
