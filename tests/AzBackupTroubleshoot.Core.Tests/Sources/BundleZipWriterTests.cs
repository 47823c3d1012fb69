using System.IO.Compression;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources
{
    public class BundleZipWriterTests
    {
        private static byte[] Gzip(string text)
        {
            using var output = new MemoryStream();
            using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                gz.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }

        [Theory]
        [InlineData("TransportCert.cer")]
        [InlineData("cert.PFX")]
        [InlineData("a.p12")]
        [InlineData("1BE9.prv")]
        [InlineData("1BE9.crt")]
        [InlineData("Certificates.p7m")]
        [InlineData("Certificates.xml")]
        [InlineData("server.key")]
        public void Key_and_certificate_names_are_left_out_unread(string name)
        {
            Assert.True(BundleZipWriter.IsKeyOrCertificateName(name));
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            Assert.True(zip.LeavesOutByName("dir/" + name, "/dir/" + name));
            Assert.False(zip.AddFile("other/" + name, "/other/" + name, Encoding.UTF8.GetBytes("anything")));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());
            Assert.Equal(2, report.Redactions[BundleZipWriter.KeyOrCertificateFile]);
            Assert.Equal(new[] { $"/dir/{name}: key or certificate file (left out)", $"/other/{name}: key or certificate file (left out)" }, report.LeftOut);
            Assert.Equal(1, report.FileCount);
        }

        [Fact]
        public void Gzip_is_redacted_inside_archives_are_left_out_and_other_bytes_come_back_unchanged()
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            var binary = new byte[] { 0xFF, 0xFE, 0x00, 0xC3, 0x28, (byte)'s', (byte)'i', (byte)'g' };
            Assert.True(zip.AddFile("var/log/old.log.gz", "/var/log/old.log.gz", Gzip("upload https://a/b?sv=1&sig=SECRETSIG&se=2\n")));
            Assert.True(zip.AddFile("bin/data", "/bin/data", binary));
            Assert.False(zip.AddFile("C/WindowsAzure/Logs/old.zip", @"C:\WindowsAzure\Logs\old.zip", new byte[] { 0x50, 0x4B, 3, 4 }));
            Assert.False(zip.AddFile("broken.gz", "/broken.gz", Encoding.UTF8.GetBytes("not gzip")));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());

            using var archive = ZipFile.OpenRead(report.Path);
            using (var gz = new GZipStream(archive.GetEntry("var/log/old.log.gz")!.Open(), CompressionMode.Decompress))
            using (var reader = new StreamReader(gz))
            {
                Assert.Equal("upload https://a/b?sv=1&sig=REDACTED&se=2\n", reader.ReadToEnd());
            }

            using var data = new MemoryStream();
            archive.GetEntry("bin/data")!.Open().CopyTo(data);
            Assert.Equal(binary, data.ToArray());
            Assert.Equal(1, report.Redactions["SasSignature"]);
            Assert.Equal(new[] { @"C:\WindowsAzure\Logs\old.zip: compressed archive that cannot be checked for secrets (left out)", "/broken.gz: not a valid gzip file (left out)" }, report.LeftOut);
            Assert.False(report.Redactions.ContainsKey(BundleZipWriter.KeyOrCertificateFile));
        }

        [Fact]
        public void A_bundle_that_is_not_completed_leaves_nothing_and_an_existing_file_stays()
        {
            using var folder = new TempRoot().Write("b.zip", "the older bundle");
            using (var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata()))
            {
                zip.AddFile("a.log", "/a.log", Encoding.UTF8.GetBytes("text"));
                Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
            }

            Assert.Equal(new[] { "b.zip" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
            Assert.Equal("the older bundle", folder.Read("b.zip"));
            Assert.Throws<DirectoryNotFoundException>(() => BundleZipWriter.Create(folder.Full("missing/b.zip"), new LibcFileMetadata()));
        }
    }
}
