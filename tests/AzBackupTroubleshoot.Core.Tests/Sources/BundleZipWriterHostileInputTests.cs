using System.IO.Compression;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources
{
    /// <summary>
    /// Hostile-input cases (issue 11) for what a bundle takes: compressed rotated logs other than gzip, gzip under any name,
    /// a gzip bomb, UTF-16 logs and secrets that reach the results file through a result's message.
    /// </summary>
    public class BundleZipWriterHostileInputTests
    {
        private const string Secret = "HOSTILESIGNATUREVALUE";
        private const string Line = "upload https://a.blob.core.windows.net/c/b?sv=1&sig=" + Secret + "&se=2\n";

        private static byte[] Gzip(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gz.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }

        private static byte[] Concat(byte[] magic, string text) => magic.Concat(Encoding.ASCII.GetBytes(text)).ToArray();

        private static byte[] Entry(string zipPath, string name)
        {
            using var archive = ZipFile.OpenRead(zipPath);
            using var data = new MemoryStream();
            archive.GetEntry(name)!.Open().CopyTo(data);
            return data.ToArray();
        }

        public static TheoryData<string, byte[]> OtherCompressedLogs => new TheoryData<string, byte[]>
        {
            // zstd with a raw block holds the text as it is: byte-wise redaction would corrupt the frame; it must be left out.
            { "var/log/azure/vmbackup.log.1.zst", Concat(new byte[] { 0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x00 }, Line) },
            { "var/log/waagent.log.2.xz", Concat(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04 }, Line) },
            { "var/log/waagent.log.3.bz2", Concat(Encoding.ASCII.GetBytes("BZh91AY&SY"), Line) },
            { "var/log/waagent.log.4.lz4", Concat(new byte[] { 0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7 }, Line) },
            // The name says nothing: the first bytes do.
            { "var/log/waagent.log.5", Concat(new byte[] { 0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x00 }, Line) },
        };

        [Theory]
        [MemberData(nameof(OtherCompressedLogs))]
        public void Compressed_logs_that_cannot_be_redacted_are_left_out_with_the_reason_never_copied(string entry, byte[] content)
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            Assert.False(zip.AddFile(entry, "/" + entry, content));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());
            var line = Assert.Single(report.LeftOut);
            Assert.StartsWith("/" + entry + ": ", line, StringComparison.Ordinal);
            Assert.Contains("compressed", line, StringComparison.Ordinal);
            using var archive = ZipFile.OpenRead(report.Path);
            Assert.Null(archive.GetEntry(entry));
        }

        [Fact]
        public void Gzip_under_a_name_without_gz_is_redacted_inside_and_stays_valid_gzip()
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            Assert.True(zip.AddFile("var/log/waagent.log.1", "/var/log/waagent.log.1", Gzip(Encoding.ASCII.GetBytes(Line))));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());
            using var gz = new GZipStream(new MemoryStream(Entry(report.Path, "var/log/waagent.log.1")), CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            Assert.Equal(Line.Replace(Secret, "REDACTED"), reader.ReadToEnd());
        }

        [Fact]
        public void A_gzip_bomb_is_left_out_at_the_ratio_limit_with_the_reason()
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            var bomb = Gzip(new byte[32 * 1024 * 1024]);
            Assert.True(bomb.Length < 64 * 1024);
            Assert.False(zip.AddFile("var/log/waagent.log.9.gz", "/var/log/waagent.log.9.gz", bomb));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());
            Assert.Contains("decompression limit", Assert.Single(report.LeftOut), StringComparison.Ordinal);
        }

        [Fact]
        public void A_utf16_log_is_redacted_and_stays_utf16()
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Line)).ToArray();
            Assert.True(zip.AddFile("C/WindowsAzure/Logs/Plugins/x/CommandExecution.log", @"C:\WindowsAzure\Logs\Plugins\x\CommandExecution.log", content));
            var report = zip.Complete("test", Array.Empty<HealthCheckResult>());
            var text = Encoding.Unicode.GetString(Entry(report.Path, "C/WindowsAzure/Logs/Plugins/x/CommandExecution.log"));
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.Contains("sig=REDACTED", text, StringComparison.Ordinal);
        }

        [Fact]
        public void A_signature_in_a_results_message_evidence_or_remediation_does_not_reach_the_results_file()
        {
            using var folder = new TempRoot();
            using var zip = BundleZipWriter.Create(folder.Full("b.zip"), new LibcFileMetadata());
            var result = new HealthCheckResult("vm1", "Linux.ExtensionStatus", Cause.ExtensionNotLoaded, CheckStatus.Failed,
                "The extension reports: " + Line, new[] { "status: " + Line }, "Retry " + Line);
            var report = zip.Complete("test", new[] { result });
            var results = Encoding.UTF8.GetString(Entry(report.Path, BundleZipWriter.ResultsEntry));
            Assert.DoesNotContain(Secret, results, StringComparison.Ordinal);
            Assert.DoesNotContain("HOSTILE", results, StringComparison.Ordinal);
        }
    }
}
