using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Host;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The <see cref="HostFacts"/> of a Windows machine: Win32_SystemEnclosure, Win32_Processor, Win32_OperatingSystem.</summary>
    public static class WindowsHostFacts
    {
        /// <summary>Maps the Windows facts to the shared host facts.</summary>
        public static HostFacts From(WindowsFacts facts) => new HostFacts(Platform(facts), Cpu(facts), Memory(facts));

        private static FactProblem? Unread(WindowsFacts facts, WindowsFactSection section, string what) =>
            facts.ReadErrors.TryGetValue(section, out var reason) ? new FactProblem($"{what} from {facts.ComputerName}", $"{reason} ({section})", WindowsFactsAdvice.For(facts)) : null;

        private static PlatformReading Platform(WindowsFacts facts)
        {
            var evidence = new[] { $"Win32_SystemEnclosure.SMBIOSAssetTag = {facts.AssetTag ?? "(none)"}", $"Azure VMs carry {WindowsNames.AzureAssetTag}." };
            var problem = Unread(facts, WindowsFactSection.SystemEnclosure, "the system enclosure (Win32_SystemEnclosure)");
            return problem != null ? new PlatformReading(HostPlatform.Unknown, evidence, problem: problem)
                : facts.IsAzureVm ? new PlatformReading(HostPlatform.Azure, evidence)
                : new PlatformReading(HostPlatform.NotAzure, evidence, "Azure Backup's agent checks may not apply, and connectivity probes run here only with -Force");
        }

        private static HostReading Cpu(WindowsFacts facts)
        {
            const string What = "CPU use";
            var problem = Unread(facts, WindowsFactSection.Processor, "the processors (Win32_Processor)");
            if (problem != null)
            {
                return HostReading.Unreadable(What, problem);
            }

            var loads = facts.ProcessorLoads;
            if (loads is null || loads.Count == 0)
            {
                return HostReading.NotMeasured(What, "No processor reported LoadPercentage.");
            }

            var average = loads.Average();
            return HostReading.Measured(What, average, new[] { $"Win32_Processor.LoadPercentage: {string.Join(", ", loads)} (average {average.ToString("0.#", CultureInfo.InvariantCulture)} %)" });
        }

        private static HostReading Memory(WindowsFacts facts)
        {
            const string What = "Memory use";
            var problem = Unread(facts, WindowsFactSection.OperatingSystem, "the operating system (Win32_OperatingSystem)");
            if (problem != null)
            {
                return HostReading.Unreadable(What, problem);
            }

            if (!facts.TotalMemoryKb.HasValue || !facts.FreeMemoryKb.HasValue || facts.TotalMemoryKb.Value == 0)
            {
                return HostReading.NotMeasured(What, "Win32_OperatingSystem did not report TotalVisibleMemorySize and FreePhysicalMemory.");
            }

            var total = facts.TotalMemoryKb.Value;
            var free = Math.Min(facts.FreeMemoryKb.Value, total);
            var used = 100.0 * (total - free) / total;
            return HostReading.Measured(What, used, new[] { $"Win32_OperatingSystem: TotalVisibleMemorySize={total} KB FreePhysicalMemory={free} KB ({used.ToString("0.#", CultureInfo.InvariantCulture)} % used)" });
        }
    }
}
