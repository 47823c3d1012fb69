using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class ResourceUsageReaderTests
    {
        [Fact]
        public void Meminfo_UsesMemAvailable_ElseFreeBuffersCached()
        {
            using var temp = new TempRoot().Write("proc/meminfo", "MemTotal:  1000 kB\nMemFree: 10 kB\nMemAvailable: 50 kB\n");
            using var root = new FolderLinuxRoot(temp.Path);
            var reader = new ResourceUsageReader();
            Assert.Equal(95.0, reader.ReadMemory(root).Value!.UsedPercent, 3);

            temp.Write("proc/meminfo", "MemTotal:  1000 kB\nMemFree: 100 kB\nBuffers: 100 kB\nCached: 300 kB\n");
            Assert.Equal(50.0, reader.ReadMemory(root).Value!.UsedPercent, 3);

            temp.Write("proc/meminfo", "MemFree: 100 kB\n");
            Assert.Contains("MemTotal", reader.ReadMemory(root).Problem);
        }

        [Fact]
        public async Task LoadAverage_PerCpu_Offline()
        {
            using var temp = new TempRoot()
                .Write("proc/loadavg", "3.80 2.10 1.00 3/200 999\n")
                .Write("proc/stat", "cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 5 0 5 50 0 0 0 0 0 0\ncpu1 5 0 5 50 0 0 0 0 0 0\n");
            using var root = new FolderLinuxRoot(temp.Path);
            var cpu = (await new ResourceUsageReader().ReadCpuAsync(root, null, CancellationToken.None)).Value!;
            Assert.Equal(2, cpu.CpuCount);
            Assert.Equal(190.0, cpu.LoadPercent!.Value, 3);
            Assert.Null(cpu.SampledPercent);
        }

        [Fact]
        public async Task TwoSamplesOfTheLiveProcStat()
        {
            using var root = FolderLinuxRoot.System();
            var cpu = (await new ResourceUsageReader().ReadCpuAsync(root, TimeSpan.FromMilliseconds(300), CancellationToken.None)).Value!;
            Assert.True(cpu.CpuCount >= 1);
            Assert.InRange(cpu.SampledPercent!.Value, 0, 100);
        }

        [Theory]
        [InlineData("proc/loadavg", "garbage\n", "does not start with a load average")]
        [InlineData("proc/stat", "intr 1 2 3\n", "no 'cpu' line")]
        public async Task MalformedCpuFiles(string path, string text, string problem)
        {
            using var temp = new TempRoot().Write("proc/loadavg", "0.1 0.1 0.1 1/1 1\n").Write("proc/stat", "cpu  1 2 3 4\n").Write(path, text);
            using var root = new FolderLinuxRoot(temp.Path);
            var cpu = await new ResourceUsageReader().ReadCpuAsync(root, null, CancellationToken.None);
            Assert.Equal(FactStatus.Malformed, cpu.Status);
            Assert.Equal("/" + path, cpu.Path);
            Assert.Contains(problem, cpu.Problem);
        }
    }
}
