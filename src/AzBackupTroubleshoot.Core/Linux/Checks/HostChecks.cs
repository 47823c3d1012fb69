using System.Collections.Generic;
using System.Globalization;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;

namespace AzBackupTroubleshoot.Core.Linux.Checks
{
    /// <summary>Checks of the platform and of resource pressure.</summary>
    internal static class HostChecks
    {
        /// <summary>The article's threshold: above 90 % CPU or memory, snapshots time out.</summary>
        public const double PressureThreshold = 90.0;

        private const string Busy = "Run the backup when the VM is less busy (an on-demand backup at a quiet time), or resize the VM; above 90 % CPU or memory the snapshot can time out.";

        public static IEnumerable<HealthCheckResult> AzurePlatform(LinuxFacts facts, Verdict verdict, string id)
        {
            var platform = facts.Platform;
            switch (platform.Platform)
            {
                case Facts.AzurePlatform.Azure:
                    yield return verdict.Passed("This is an Azure VM (DMI chassis asset tag).", new[] { $"{platform.AssetTag.Path}: {platform.AssetTag.Value}" });
                    break;
                case Facts.AzurePlatform.NotAzure:
                    yield return verdict.Warning(
                        facts.AzureForced
                            ? "This machine is not detected as an Azure VM; the Azure-only checks ran anyway (-Force)."
                            : "This machine is not detected as an Azure VM, so the Azure-only checks (DHCP option 245, static network, connectivity) are NotApplicable.",
                        new[] { platform.AssetTag.IsPresent ? $"{platform.AssetTag.Path}: {platform.AssetTag.Value}" : platform.AssetTag.Describe(), $"Azure's tag is {PlatformReader.AzureChassisAssetTag}" },
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

        public static IEnumerable<HealthCheckResult> Cpu(LinuxFacts facts, Verdict verdict, string id)
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
                var text = busy.ToString("0.0", CultureInfo.InvariantCulture);
                yield return busy >= PressureThreshold
                    ? verdict.Failed($"CPU use is {text} %, over {PressureThreshold} %.", value.Evidence, Busy)
                    : verdict.Passed($"CPU use is {text} %.", value.Evidence);
            }
            else if (value.LoadPercent is double load)
            {
                var text = load.ToString("0", CultureInfo.InvariantCulture);
                yield return load >= PressureThreshold
                    ? verdict.Warning($"The one-minute load is {text} % of the CPUs at the time of the copy (load counts I/O waits too).", value.Evidence, Busy)
                    : verdict.Passed($"The one-minute load is {text} % of the CPUs at the time of the copy.", value.Evidence);
            }
            else
            {
                yield return verdict.NotApplicable("There is not enough data to measure CPU use (no load average or CPU count).", value.Evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> Memory(LinuxFacts facts, Verdict verdict, string id)
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

            var used = memory.Value!.UsedPercent;
            var text = used.ToString("0.0", CultureInfo.InvariantCulture);
            yield return used >= PressureThreshold
                ? verdict.Failed($"Memory use is {text} %, over {PressureThreshold} %.", new[] { memory.Value.Evidence }, Busy)
                : verdict.Passed($"Memory use is {text} %.", new[] { memory.Value.Evidence });
        }
    }
}
