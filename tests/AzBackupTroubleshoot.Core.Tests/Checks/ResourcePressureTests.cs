using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Checks
{
    /// <summary>Host.CpuPressure and Host.MemoryPressure: the same figures from a Linux root and a Windows capture give the same status.</summary>
    public class ResourcePressureTests
    {
        [Theory]
        [InlineData(50, CheckStatus.Passed)]
        [InlineData(89, CheckStatus.Passed)]
        [InlineData(90, CheckStatus.Warning)]
        [InlineData(97, CheckStatus.Warning)]
        public async Task Same_figures_give_the_same_status_on_Linux_and_Windows(int percent, CheckStatus expected)
        {
            var linux = await FromLinuxRoot(percent);
            var windows = await FromWindowsCapture(percent);
            foreach (var id in new[] { CheckCatalog.HostCpuPressure, CheckCatalog.HostMemoryPressure })
            {
                var l = linux.Single(r => r.CheckId == id);
                var w = windows.Single(r => r.CheckId == id);
                Assert.Equal(expected, l.Status);
                Assert.Equal(expected, w.Status);
                Assert.Equal(l.Cause, w.Cause);
                Assert.Contains(percent.ToString(CultureInfo.InvariantCulture) + " %", l.Message);
                Assert.Contains(percent.ToString(CultureInfo.InvariantCulture) + " %", w.Message);
                Assert.Equal(l.Remediation, w.Remediation);
            }
        }

        [Fact]
        public void The_threshold_is_inclusive_and_one_for_both()
        {
            Assert.Equal(CheckStatus.Passed, ResourcePressure.StatusOf(89.99));
            Assert.Equal(CheckStatus.Warning, ResourcePressure.StatusOf(90.0));
            Assert.Equal("Memory use is 95.5 %, at or over 90 %: the snapshot may time out.", ResourcePressure.Message("Memory use", 95.5));
        }

        /// <summary>A copy of the healthy example with 4 CPUs, a one-minute load of <paramref name="percent"/> % of them and that much memory used.</summary>
        private static async Task<IReadOnlyList<HealthCheckResult>> FromLinuxRoot(int percent)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            var stat = "cpu  100 0 100 1000 0 0 0 0 0 0\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"cpu{i} 25 0 25 250 0 0 0 0 0 0\n"));
            var load = (percent * 4 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            temp.Write("proc/stat", stat)
                .Write("proc/loadavg", $"{load} 1.00 1.00 1/100 1234\n")
                .Write("proc/meminfo", $"MemTotal: 1000000 kB\nMemAvailable: {(100 - percent) * 10000} kB\n");
            return await LinuxRun.CheckAsync(temp.Path);
        }

        /// <summary>The healthy Windows capture with two processors at <paramref name="percent"/> % and that much memory used.</summary>
        private static async Task<IReadOnlyList<HealthCheckResult>> FromWindowsCapture(int percent)
        {
            var capture = Load("healthy");
            var instances = capture.Instances!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            instances["root/cimv2:Win32_Processor"] = instances["root/cimv2:Win32_Processor"].Select(p => With(p, "LoadPercentage", (long)percent)).ToArray();
            instances["root/cimv2:Win32_OperatingSystem"] = new[]
            {
                With(With(instances["root/cimv2:Win32_OperatingSystem"][0], "TotalVisibleMemorySize", 1000000L), "FreePhysicalMemory", (long)(100 - percent) * 10000L),
            };
            var changed = new CimCapture(capture.ComputerName, capture.CapturedUtc, instances, capture.Registry, capture.Files);
            return await new WindowsHealthRunner().RunAsync(new ReplayCimGateway(changed), new[] { "Host.*" }, CancellationToken.None);
        }

        private static CimObject With(CimObject source, string name, object? value)
        {
            var properties = source.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            properties[name] = value;
            return new CimObject(source.Namespace, source.ClassName, properties);
        }
    }
}
