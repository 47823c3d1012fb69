using System.Collections.Generic;
using System.Globalization;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of the platform and of resource pressure.</summary>
    internal static class HostChecks
    {
        public static IEnumerable<HealthCheckResult> AzurePlatform(LinuxFacts facts, ResultBuilder verdict)
        {
            var platform = facts.Platform;
            switch (platform.Platform)
            {
                case Core.Facts.Linux.AzurePlatform.Azure:
                    yield return verdict.Passed("This is an Azure VM (DMI chassis asset tag).", new[] { $"{platform.AssetTag.Path}: {platform.AssetTag.Value}" });
                    break;
                case Core.Facts.Linux.AzurePlatform.NotAzure:
                    yield return verdict.Warning(
                        facts.AzureForced
                            ? "This machine is not detected as an Azure VM; the Azure-only checks ran anyway (-Force)."
                            : "This machine is not detected as an Azure VM, so the Azure-only checks (DHCP option 245, static network, connectivity) are NotApplicable.",
                        new[] { platform.AssetTag.IsPresent ? $"{platform.AssetTag.Path}: {platform.AssetTag.Value}" : platform.AssetTag.Describe(), $"Azure's tag is {AzurePlatformReader.AzureChassisAssetTag}" },
                        "Run this on the Azure VM itself, or use -Force to run the Azure-only checks here.");
                    break;
                default:
                    if (platform.AssetTag.Status == FactStatus.Malformed)
                    {
                        yield return verdict.Error(platform.AssetTag.Path, platform.AssetTag.Problem!);
                    }
                    else
                    {
                        yield return verdict.NotApplicable("This root has no DMI data (an offline disk has no sys/), so the platform cannot be told; it is assumed to be an Azure VM.", new[] { platform.AssetTag.Describe() });
                    }

                    break;
            }
        }

        /// <summary>The one verdict of <see cref="ResourcePressure"/>, as Windows gives it too.</summary>
        private static HealthCheckResult Pressure(ResultBuilder verdict, string what, double percent, IEnumerable<string> evidence) =>
            ResourcePressure.StatusOf(percent) == CheckStatus.Warning
                ? verdict.Warning(ResourcePressure.Message(what, percent), evidence, ResourcePressure.Remediation)
                : verdict.Passed(ResourcePressure.Message(what, percent), evidence);

        public static IEnumerable<HealthCheckResult> Cpu(LinuxFacts facts, ResultBuilder verdict)
        {
            var cpu = facts.Cpu;
            if (cpu.Status == FactStatus.Absent)
            {
                yield return verdict.NotApplicable("This root has no proc/loadavg or proc/stat (an offline disk), so CPU use cannot be measured.");
                yield break;
            }

            if (cpu.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(cpu.Path, cpu.Problem!);
                yield break;
            }

            var value = cpu.Value!;
            if (value.SampledPercent is double busy)
            {
                yield return Pressure(verdict, "CPU use", busy, value.Evidence);
            }
            else if (value.LoadPercent is double load)
            {
                yield return Pressure(verdict, "The one-minute load (it counts I/O waits too) as a share of the CPUs", load, value.Evidence);
            }
            else
            {
                yield return verdict.NotApplicable("There is not enough data to measure CPU use (no load average or CPU count).", value.Evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> Memory(LinuxFacts facts, ResultBuilder verdict)
        {
            var memory = facts.Memory;
            if (memory.Status == FactStatus.Absent)
            {
                yield return verdict.NotApplicable("This root has no proc/meminfo (an offline disk), so memory use cannot be measured.");
                yield break;
            }

            if (memory.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(memory.Path, memory.Problem!);
                yield break;
            }

            yield return Pressure(verdict, "Memory use", memory.Value!.UsedPercent, new[] { memory.Value.Evidence });
        }
    }
}
