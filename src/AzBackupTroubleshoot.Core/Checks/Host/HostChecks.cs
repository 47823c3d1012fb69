using AzBackupTroubleshoot.Core.Facts.Host;

namespace AzBackupTroubleshoot.Core.Checks.Host
{
    /// <summary>
    /// Host.AzurePlatform, Host.CpuPressure and Host.MemoryPressure, defined once over <see cref="HostFacts"/>: the Linux and
    /// Windows check lists both use these, so a figure gives the same status on both.
    /// </summary>
    public static class HostChecks
    {
        /// <summary>Host.AzurePlatform.</summary>
        public static IEnumerable<HealthCheckResult> AzurePlatform(HostFacts host, ResultBuilder result)
        {
            var platform = host.Platform;
            if (platform.Problem != null)
            {
                yield return result.Unreadable(platform.Problem);
                yield break;
            }

            switch (platform.Platform)
            {
                case HostPlatform.Azure:
                    yield return result.Passed("This is an Azure VM (chassis asset tag).", platform.Evidence);
                    break;
                case HostPlatform.NotAzure:
                    yield return result.Warning(
                        $"This machine is not detected as an Azure VM (its chassis asset tag is not Azure's){(platform.Consequence is null ? "." : ", so " + platform.Consequence + ".")}",
                        platform.Evidence,
                        "Run this on the Azure VM itself (or against its CimSession), or use -Force to run the Azure-only checks and probes here.");
                    break;
                default:
                    yield return result.NotApplicable("There is no chassis asset tag to read (an offline disk has no sys/), so the platform cannot be told; it is assumed to be an Azure VM.", platform.Evidence);
                    break;
            }
        }

        /// <summary>Host.CpuPressure.</summary>
        public static IEnumerable<HealthCheckResult> Cpu(HostFacts host, ResultBuilder result)
        {
            yield return Pressure(host.Cpu, result);
        }

        /// <summary>Host.MemoryPressure.</summary>
        public static IEnumerable<HealthCheckResult> Memory(HostFacts host, ResultBuilder result)
        {
            yield return Pressure(host.Memory, result);
        }

        /// <summary>The one verdict of <see cref="ResourcePressure"/>.</summary>
        private static HealthCheckResult Pressure(HostReading reading, ResultBuilder result)
        {
            if (reading.Problem != null)
            {
                return result.Unreadable(reading.Problem);
            }

            if (reading.Percent is not double percent)
            {
                return result.NotApplicable(reading.NotMeasuredReason ?? $"{reading.What} was not measured.", reading.Evidence);
            }

            return result.Result(ResourcePressure.StatusOf(percent), ResourcePressure.Message(reading.What, percent), reading.Evidence, ResourcePressure.RemediationFor(percent));
        }
    }
}
