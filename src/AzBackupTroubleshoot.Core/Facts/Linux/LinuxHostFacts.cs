using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Host;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The <see cref="HostFacts"/> of a Linux root: the DMI asset tag, proc/stat or proc/loadavg, proc/meminfo.</summary>
    public static class LinuxHostFacts
    {
        /// <summary>Maps the Linux facts to the shared host facts.</summary>
        public static HostFacts From(LinuxFacts facts) => new HostFacts(Platform(facts), Cpu(facts.Cpu), Memory(facts.Memory));

        private static PlatformReading Platform(LinuxFacts facts)
        {
            var tag = facts.Platform.AssetTag;
            switch (facts.Platform.Platform)
            {
                case AzurePlatform.Azure:
                    return new PlatformReading(HostPlatform.Azure, new[] { $"{tag.Path}: {tag.Value}" });
                case AzurePlatform.NotAzure:
                    return new PlatformReading(HostPlatform.NotAzure,
                        new[] { tag.IsPresent ? $"{tag.Path}: {tag.Value}" : tag.Describe(), $"Azure's tag is {AzurePlatformReader.AzureChassisAssetTag}" },
                        facts.AzureForced ? "the Azure-only checks ran anyway (-Force)" : "the Azure-only checks (DHCP option 245, static network, connectivity) are NotApplicable");
                default:
                    return tag.Status == FactStatus.Malformed
                        ? new PlatformReading(HostPlatform.Unknown, new[] { tag.Describe() }, problem: new FactProblem(tag.Path, tag.Problem!))
                        : new PlatformReading(HostPlatform.Unknown, new[] { tag.Describe() });
            }
        }

        private static HostReading Cpu(FileFact<CpuUsage> cpu)
        {
            const string What = "CPU use";
            if (cpu.Status == FactStatus.Absent)
            {
                return HostReading.NotMeasured(What, "This root has no proc/loadavg or proc/stat (an offline disk), so CPU use cannot be measured.");
            }

            if (cpu.Status == FactStatus.Malformed)
            {
                return HostReading.Unreadable(What, new FactProblem(cpu.Path, cpu.Problem!));
            }

            var value = cpu.Value!;
            return value.SampledPercent is double busy ? HostReading.Measured(What, busy, value.Evidence)
                : value.LoadPercent is double load ? HostReading.Measured("The one-minute load (it counts I/O waits too) as a share of the CPUs", load, value.Evidence)
                : HostReading.NotMeasured(What, "There is not enough data to measure CPU use (no load average or CPU count).", value.Evidence);
        }

        private static HostReading Memory(FileFact<MemoryUsage> memory)
        {
            const string What = "Memory use";
            if (memory.Status == FactStatus.Absent)
            {
                return HostReading.NotMeasured(What, "This root has no proc/meminfo (an offline disk), so memory use cannot be measured.");
            }

            return memory.Status == FactStatus.Malformed
                ? HostReading.Unreadable(What, new FactProblem(memory.Path, memory.Problem!))
                : HostReading.Measured(What, memory.Value!.UsedPercent, new[] { memory.Value.Evidence });
        }
    }
}
