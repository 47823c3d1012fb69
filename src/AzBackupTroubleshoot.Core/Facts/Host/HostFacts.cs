namespace AzBackupTroubleshoot.Core.Facts.Host
{
    /// <summary>
    /// The host facts every guest platform gives in the same shape, so Host.AzurePlatform, Host.CpuPressure and
    /// Host.MemoryPressure are defined once (<see cref="Checks.Host.HostChecks"/>) and mean the same on Linux and Windows.
    /// </summary>
    public sealed class HostFacts
    {
        /// <summary>Creates the facts.</summary>
        public HostFacts(PlatformReading platform, HostReading cpu, HostReading memory)
        {
            Platform = platform ?? throw new ArgumentNullException(nameof(platform));
            Cpu = cpu ?? throw new ArgumentNullException(nameof(cpu));
            Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        }

        /// <summary>Whether the host is an Azure VM.</summary>
        public PlatformReading Platform { get; }

        /// <summary>CPU use.</summary>
        public HostReading Cpu { get; }

        /// <summary>Memory use.</summary>
        public HostReading Memory { get; }
    }
}
