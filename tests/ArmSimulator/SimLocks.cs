namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>A resource group the simulator lists besides those of the VMs and the vault.</summary>
    public sealed class SimResourceGroup
    {
        public SimResourceGroup(string name, string location)
        {
            Name = name;
            Location = location;
        }

        public string Name { get; }

        public string Location { get; }
    }

    /// <summary>A management lock on the simulator's subscription (ResourceGroup null) or on one of its resource groups.</summary>
    public sealed class SimLock
    {
        public SimLock(string name, string level, string? resourceGroup = null, string? notes = null)
        {
            Name = name;
            Level = level;
            ResourceGroup = resourceGroup;
            Notes = notes;
        }

        public string Name { get; }

        /// <summary>CanNotDelete or ReadOnly.</summary>
        public string Level { get; }

        /// <summary>The locked resource group; null for a lock on the subscription.</summary>
        public string? ResourceGroup { get; }

        public string? Notes { get; }
    }
}
