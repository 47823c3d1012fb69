using System.IO.Compression;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AgentLogBundleWriterTests
    {
        private const string Sas = "sv=2018-03-28&sr=b&sk=system-1&sig=Zm9vYmFyU0VDUkVUU0lHTkFUVVJF%3D&se=2024-05-03T02%3A30%3A41Z&sp=rw";
        private const string Signature = "Zm9vYmFyU0VDUkVUU0lHTkFUVVJF";
        private const string Protected = "MIIB4gYJKoZIhvcNAQcDoIIB0zCCAc8CAQAxggFxPROTECTEDSECRETVALUE";
        private const string PrivateKey = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDPRIVATEKEYBODY";
        private const string Password = "Sup3rS3cretP@ss";
        private const string CustomData = "I2Nsb3VkLWNvbmZpZwpwYXNzd29yZDogaHVudGVyMgo=";

        private static TempRoot SeededRoot()
        {
            var root = new TempRoot(TempRoot.Example("extension-failing"));
            var ext = "var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0";
            root.Write($"{ext}/config/13.settings", $"{{\"runtimeSettings\":[{{\"handlerSettings\":{{\"protectedSettingsCertThumbprint\":\"1BE9A13AA1321C7C515EF109746998BAB6D86FD1\",\"protectedSettings\":\"{Protected}\",\"publicSettings\":{{\"locale\":\"en-us\",\"taskId\":\"3c0e8b1e\",\"logsBlobUri\":\"https://md-abc.blob.core.windows.net/logs/log.txt?{Sas}\"}}}}}}]}}")
                .Write("var/lib/waagent/history/2024-05-02T02-30-00__13/ExtensionsConfig.xml",
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Extensions version=\"1.0.0.0\" goalStateIncarnation=\"13\"><GuestAgentExtension>\n" +
                    $"<StatusUploadBlob statusBlobType=\"BlockBlob\">https://md-abc.blob.core.windows.net/$system/vm.status?{Sas.Replace("&", "&amp;")}</StatusUploadBlob>\n" +
                    "<PluginSettings><Plugin name=\"Microsoft.Azure.RecoveryServices.VMSnapshotLinux\" version=\"1.0.9184.0\"><RuntimeSettings seqNo=\"13\">" +
                    $"{{&quot;runtimeSettings&quot;:[{{&quot;handlerSettings&quot;:{{&quot;protectedSettingsCertThumbprint&quot;:&quot;1BE9&quot;,&quot;protectedSettings&quot;:&quot;{Protected}&quot;}}}}]}}" +
                    "</RuntimeSettings></Plugin></PluginSettings></GuestAgentExtension></Extensions>\n")
                .Write("var/lib/waagent/TransportPrivate.pem", $"-----BEGIN PRIVATE KEY-----\n{PrivateKey}\n-----END PRIVATE KEY-----\n")
                .Write("var/lib/waagent/1BE9A13AA1321C7C515EF109746998BAB6D86FD1.prv", $"-----BEGIN RSA PRIVATE KEY-----\n{PrivateKey}\n-----END RSA PRIVATE KEY-----\n")
                .Write("var/lib/waagent/1BE9A13AA1321C7C515EF109746998BAB6D86FD1.crt", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n")
                .Write("var/lib/waagent/ovf-env.xml", $"<ns0:Environment xmlns:ns0=\"http://schemas.dmtf.org/ovf/environment/1\"><ns1:ProvisioningSection><ns1:LinuxProvisioningConfigurationSet><ns1:UserName>azureuser</ns1:UserName><ns1:UserPassword>{Password}</ns1:UserPassword><ns1:CustomData>{CustomData}</ns1:CustomData></ns1:LinuxProvisioningConfigurationSet></ns1:ProvisioningSection></ns0:Environment>\n")
                .Write("var/lib/waagent/GoalState.1.xml", "<xml>empty placeholder file</xml>")
                .Write("var/log/waagent.log", root.Read("var/log/waagent.log") + $"2024-05-02T02:31:20.000000Z ERROR ExtHandler ExtHandler Failed to upload status: https://md-abc.blob.core.windows.net/$system/vm.status?{Sas}\n");
            using (var gz = new GZipStream(File.Create(root.Full("var/log/waagent.log.1.gz")), CompressionLevel.Fastest))
            {
                var old = Encoding.UTF8.GetBytes($"2024-04-20T00:00:00.000000Z INFO ExtHandler ExtHandler upload to ...?{Sas}\n");
                gz.Write(old, 0, old.Length);
            }

            return root;
        }

        private static async Task<(BundleReport Report, IReadOnlyList<HealthCheckResult> Results)> SaveAsync(TempRoot root, string destination)
        {
            using var linux = new FolderLinuxRoot(root.Path);
            var facts = await new LinuxFactsReader().ReadAsync(linux);
            var results = await new CheckEngine().RunAsync(facts, LinuxCheckList.All, new CheckContext(root.Path));
            var report = await new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(linux, facts, results, destination);
            return (report, results);
        }

        private static IEnumerable<(string Name, string Text)> Entries(string zipPath)
        {
            using var zip = ZipFile.OpenRead(zipPath);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith("/")))
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                if (entry.FullName.EndsWith(".gz"))
                {
                    using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                    using var plain = new MemoryStream();
                    gz.CopyTo(plain);
                    bytes = plain.ToArray();
                }

                yield return (entry.FullName, Encoding.Latin1.GetString(bytes));
            }
        }

        [Fact]
        public async Task SecretsNeverReachTheZip_AndTheCountsSayWhatWasRedacted()
        {
            using var root = SeededRoot();
            using var output = new TempRoot();
            var (report, _) = await SaveAsync(root, output.Full("bundle.zip"));

            var entries = Entries(report.Path).ToList();
            foreach (var secret in new[] { Signature, Protected, PrivateKey, Password, CustomData })
            {
                Assert.DoesNotContain(entries, e => e.Text.Contains(secret));
            }

            var names = entries.Select(e => e.Name).ToList();
            Assert.DoesNotContain(names, n => n.EndsWith(".pem") || n.EndsWith(".prv") || n.EndsWith(".crt"));
            Assert.Contains("var/lib/waagent/history/2024-05-02T02-30-00__13/ExtensionsConfig.xml", names);
            Assert.Contains("var/lib/waagent/ovf-env.xml", names);
            Assert.Contains("var/log/waagent.log.1.gz", names);
            Assert.Contains(BundleZipWriter.ResultsEntry, names);
            Assert.Contains(entries, e => e.Text.Contains("<ns1:UserPassword>REDACTED</ns1:UserPassword>"));
            Assert.Contains(entries, e => e.Text.Contains("&quot;protectedSettings&quot;:&quot;REDACTED&quot;"));

            Assert.Equal(3, report.Redactions[BundleZipWriter.KeyOrCertificateFile]);
            Assert.Equal(2, report.Redactions["ProtectedSettings"]);
            Assert.Equal(1, report.Redactions["Password"]);
            Assert.Equal(1, report.Redactions["CustomData"]);
            Assert.True(report.Redactions["SasSignature"] >= 4, string.Join(", ", report.Redactions));
            Assert.Equal(3, report.LeftOut.Count);
            Assert.Equal(names.Count, report.FileCount);
        }

        [Fact]
        public async Task TheBundleAnalysesLikeTheRoot()
        {
            using var root = SeededRoot();
            using var output = new TempRoot();
            var (report, fromRoot) = await SaveAsync(root, output.Full("bundle.zip"));
            var fromBundle = await LinuxRun.CheckAsync(report.Path);

            static string Key(HealthCheckResult r) => $"{r.CheckId}|{r.Status}|{r.Cause}|{r.Message}|{string.Join(" ; ", r.Evidence)}|{r.Remediation}|{r.RepairAction}";
            Assert.Equal(fromRoot.Select(Key), fromBundle.Select(Key));
            Assert.Contains(fromRoot, r => r.Status == CheckStatus.Failed);
            Assert.All(fromBundle, r => Assert.Equal(report.Path, r.Target));
        }

        [Theory]
        [InlineData("agent-stopped")]
        [InlineData("healthy")]
        [InlineData("no-dhcp-245")]
        [InlineData("disk-full")]
        [InlineData("waagent-noexec")]
        [InlineData("duplicate-mount")]
        [InlineData("python-unsupported")]
        [InlineData("selinux-enforcing")]
        [InlineData("agent-not-packaged")]
        [InlineData("agent-not-updating")]
        public async Task EveryExampleRoundTrips(string example)
        {
            using var root = new TempRoot(TempRoot.Example(example));
            using var output = new TempRoot();
            var (report, fromRoot) = await SaveAsync(root, output.Full("b.zip"));
            var fromBundle = await LinuxRun.CheckAsync(report.Path);
            Assert.Equal(fromRoot.Select(r => (r.CheckId, r.Status, r.Message)), fromBundle.Select(r => (r.CheckId, r.Status, r.Message)));
        }

        [Fact]
        public async Task Format2_RecordsTheCapturedFacts_TheMountTableAndTheRuntimeFiles()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var output = new TempRoot();
            var (report, _) = await SaveAsync(root, output.Full("b.zip"));
            var entries = Entries(report.Path).ToDictionary(e => e.Name, e => e.Text);
            foreach (var name in new[] { "proc/self/mounts", "etc/fstab", "var/lib/dpkg/status", "etc/os-release", "var/lib/waagent/ExtensionsConfig.xml" })
            {
                Assert.True(entries.ContainsKey(name), name);
            }

            using var captured = JsonDocument.Parse(entries[CapturedFacts.EntryName]);
            Assert.Equal(CapturedFacts.CurrentFormatVersion, captured.RootElement.GetProperty("formatVersion").GetInt32());
            Assert.Equal("python3.10", captured.RootElement.GetProperty("python3Link").GetString());
            Assert.Equal(new[] { "/", "/boot/efi", "/mnt" }, captured.RootElement.GetProperty("filesystems").EnumerateArray().Select(f => f.GetProperty("mountPoint").GetString()));
        }

        [Fact]
        public async Task TheZipIsMode0600_ResultsAreJson_AndAnExistingFileIsReplacedWhole()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var output = new TempRoot().Write("bundle.zip", "an older bundle");
            var (report, results) = await SaveAsync(root, output.Full("bundle.zip"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(report.Path));
            Assert.Equal(new[] { "bundle.zip" }, Directory.GetFiles(output.Path).Select(Path.GetFileName));

            var json = Entries(report.Path).Single(e => e.Name == BundleZipWriter.ResultsEntry).Text;
            using var document = JsonDocument.Parse(json);
            var first = document.RootElement.GetProperty("results")[0];
            Assert.Equal(results.Count, document.RootElement.GetProperty("results").GetArrayLength());
            Assert.Equal("Linux.AgentService", first.GetProperty("CheckId").GetString());
            Assert.Equal("Passed", first.GetProperty("Status").GetString());
        }

        [Fact]
        public async Task AFolderThatCannotBeListed_IsNamedAmongTheFilesLeftOut_NotSilentlyEmpty()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var output = new TempRoot();
            using var linux = new UnlistableRoot(root, "var/lib/waagent");
            var facts = await new LinuxFactsReader().ReadAsync(linux);
            var report = await new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(linux, facts, Array.Empty<HealthCheckResult>(), output.Full("b.zip"));
            Assert.Contains("/var/lib/waagent: the folder cannot be listed (permission denied)", report.LeftOut);
            Assert.DoesNotContain(Entries(report.Path), e => e.Name.StartsWith("var/lib/waagent/"));
        }

        [Fact]
        public async Task AnExtensionLogDirWithMoreFilesThanTheLimit_StopsTheWalkThere_AndSaysWhere()
        {
            // Extension.LogDir pointing at a huge tree (as '/' would) is walked only up to the file limit.
            using var root = new TempRoot(TempRoot.Example("healthy"));
            root.Write("etc/waagent.conf", root.Read("etc/waagent.conf") + "Extension.LogDir=/big\n");
            for (var i = 0; i < 60; i++)
            {
                root.Write($"big/d{i / 10}/f{i % 10}.log", "x\n");
            }

            using var output = new TempRoot();
            using var linux = new FolderLinuxRoot(root.Path);
            var facts = await new LinuxFactsReader().ReadAsync(linux);
            var report = await new AgentLogBundleWriter(new LibcFileMetadata(), AgentLogBundleWriter.MaxTotalBytes, maxFiles: 30).WriteAsync(linux, facts, Array.Empty<HealthCheckResult>(), output.Full("b.zip"));

            var names = Entries(report.Path).Select(e => e.Name).Where(n => n != BundleZipWriter.ResultsEntry && n != CapturedFacts.EntryName).ToList();
            Assert.Equal(30, names.Count);
            Assert.Contains("etc/waagent.conf", names);
            Assert.Contains(report.LeftOut, l => l.StartsWith("/big/") && l.EndsWith("not taken: the bundle's limit of 30 files was reached here (the files listed after it were left out too)"));
        }

        [Fact]
        public async Task FilesPastTheTotalLimit_AreLeftOutUnread_EachNamed()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            for (var i = 0; i < 3; i++)
            {
                root.Write($"var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/big{i}.log", new string('x', 600 * 1024) + "\n");
            }

            using var output = new TempRoot();
            using var linux = new FolderLinuxRoot(root.Path);
            var facts = await new LinuxFactsReader().ReadAsync(linux);
            var report = await new AgentLogBundleWriter(new LibcFileMetadata(), maxTotalBytes: 1024 * 1024, BundleFileSelector.MaxFiles).WriteAsync(linux, facts, Array.Empty<HealthCheckResult>(), output.Full("b.zip"));

            var entries = Entries(report.Path).Where(e => e.Name != BundleZipWriter.ResultsEntry && e.Name != CapturedFacts.EntryName).ToList();
            Assert.True(entries.Sum(e => e.Text.Length) <= 1024 * 1024, string.Join(", ", entries.Select(e => $"{e.Name} {e.Text.Length}")));
            Assert.Equal(2, report.LeftOut.Count(l => l.Contains("/big") && l.EndsWith("not taken: the bundle's limit of 1 MiB of files was reached")));
        }

        [Fact]
        public async Task Cancellation_LeavesNothingBehind()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var output = new TempRoot();
            using var linux = new FolderLinuxRoot(root.Path);
            var facts = await new LinuxFactsReader().ReadAsync(linux);
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(linux, facts, Array.Empty<HealthCheckResult>(), output.Full("b.zip"), cancel.Token));
            Assert.Empty(Directory.GetFileSystemEntries(output.Path));
            await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
                new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(linux, facts, Array.Empty<HealthCheckResult>(), output.Full("missing/b.zip")));
        }
    }
}
