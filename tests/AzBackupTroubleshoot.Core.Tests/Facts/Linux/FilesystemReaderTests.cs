using System.IO.Compression;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class FilesystemReaderTests
    {
        private const string Mounts =
            "proc /proc proc rw,nosuid 0 0\n/dev/sda1 / ext4 rw,relatime 0 0\n/dev/sdb1 /mnt ext4 rw 0 0\nsrv:/export /nfs nfs4 rw,hard 0 0\n";

        /// <summary>A stand-in for statvfs: fixed figures per mount point, a failure for the others; records what it was asked.</summary>
        private sealed class FakeStats : IFilesystemStats
        {
            private readonly Dictionary<string, FilesystemUsage> _figures;

            public FakeStats(params FilesystemUsage[] figures) => _figures = figures.ToDictionary(f => f.MountPoint);

            public List<string> Asked { get; } = new List<string>();

            public FilesystemUsage Query(string mountPoint, TimeSpan timeout)
            {
                lock (Asked)
                {
                    Asked.Add(mountPoint);
                }

                return _figures.TryGetValue(mountPoint, out var usage) ? usage : FilesystemUsage.Failed(mountPoint, $"statvfs did not answer within {timeout.TotalSeconds} s (a hung or stale mount)");
            }
        }

        private static LinuxFactsOptions Live(IFilesystemStats stats) => new LinuxFactsOptions
        {
            IsLive = true,
            CpuSampleInterval = null,
            FilesystemStats = stats,
            FilesystemTimeout = TimeSpan.FromSeconds(2),
            Connectivity = new ConnectivityOptions { Enabled = false },
        };

        [Fact]
        public async Task Live_MeasuresDiskAndNetworkMounts_OnlyThroughTheStandIn_AndFlagsFullAndHungMounts()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy")).Write("proc/self/mounts", Mounts).Write("etc/fstab", "UUID=1 / ext4 defaults 0 1\n");
            var stats = new FakeStats(FilesystemUsage.Measured("/", 100_000, 6_000, 4_000), FilesystemUsage.Measured("/mnt", 100_000, 90_000, 80_000));
            var results = await LinuxRun.CheckAsync(temp.Path, Live(stats));

            Assert.Equal(new[] { "/", "/mnt", "/nfs" }, stats.Asked.OrderBy(a => a, StringComparer.Ordinal));
            var space = results.Single(CheckCatalog.LinuxFilesystemSpace);
            Assert.Equal(CheckStatus.Failed, space.Status);
            Assert.StartsWith("/ is 96 % full", space.Message);
            var freeze = results.Single(CheckCatalog.LinuxFreezableMounts);
            Assert.Equal(CheckStatus.Failed, freeze.Status);
            Assert.Contains("/nfs does not answer", freeze.Message);
            Assert.Contains(freeze.Evidence, e => e.StartsWith("/nfs: statvfs did not answer within 2 s", StringComparison.Ordinal));
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxAgentFolderExec).Status);
        }

        [Fact]
        public async Task Offline_PlainRoot_UsesFstabForNoexec_AndSaysTheLiveFactsAreMissing()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy")).Delete("proc/self").Delete(CapturedFacts.EntryName)
                .Write("etc/fstab", "UUID=1 / ext4 defaults 0 1\nUUID=2 /var/lib/waagent xfs defaults,noexec 0 2\n");
            var results = await LinuxRun.CheckAsync(temp.Path);

            var exec = results.Single(CheckCatalog.LinuxAgentFolderExec);
            Assert.Equal(CheckStatus.Failed, exec.Status);
            Assert.Contains(exec.Evidence, e => e.Contains("/etc/fstab line 2: UUID=2 on /var/lib/waagent type xfs (defaults,noexec)"));
            foreach (var id in new[] { CheckCatalog.LinuxFilesystemSpace, CheckCatalog.LinuxFreezableMounts })
            {
                var result = results.Single(id);
                Assert.Equal(CheckStatus.NotApplicable, result.Status);
                Assert.StartsWith("An offline root does not hold the live mount table (/proc/self/mounts)", result.Message);
            }
        }

        [Fact]
        public async Task AnOlderBundle_WithoutTheCapturedFacts_SaysCapturedByAnOlderVersion()
        {
            using var temp = new TempRoot();
            var zip = temp.Full("old.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                foreach (var file in Directory.GetFiles(TempRoot.Example("agent-stopped"), "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null))
                {
                    archive.CreateEntryFromFile(file, Path.GetRelativePath(TempRoot.Example("agent-stopped"), file).Replace('\\', '/'));
                }

                using var writer = new StreamWriter(archive.CreateEntry(CapturedFacts.ResultsEntryName).Open());
                writer.Write("{\"results\":[]}");
            }

            var results = await LinuxRun.CheckAsync(zip);
            foreach (var id in new[] { CheckCatalog.LinuxFilesystemSpace, CheckCatalog.LinuxFreezableMounts })
            {
                var result = results.Single(id);
                Assert.Equal(CheckStatus.NotApplicable, result.Status);
                Assert.Contains("captured by an older version of Save-AzBackupAgentLog (bundle format 1)", result.Message);
            }
        }

        [Fact]
        public void Statvfs_OnThisMachinesRoot_IsAReadOnlyQueryWithConsistentFigures()
        {
            // statvfs("/") changes nothing; the figures only have to be consistent (no value is asserted about this machine).
            var usage = new StatvfsFilesystemStats().Query("/", TimeSpan.FromSeconds(30));
            Assert.Null(usage.Problem);
            Assert.True(usage.SizeBytes > 0 && usage.AvailableBytes <= usage.FreeBytes && usage.FreeBytes <= usage.SizeBytes);
            Assert.InRange(usage.UsedPercent, 0, 100);
        }

        [Fact]
        public void Statvfs_OnAPathThatIsNotThere_IsAFailedUsage_NotAnException()
        {
            var missing = Path.Combine(Path.GetTempPath(), "azbt-missing-" + Guid.NewGuid().ToString("N"));
            var usage = new StatvfsFilesystemStats().Query(missing, TimeSpan.FromSeconds(30));
            Assert.NotNull(usage.Problem);
        }
    }
}
