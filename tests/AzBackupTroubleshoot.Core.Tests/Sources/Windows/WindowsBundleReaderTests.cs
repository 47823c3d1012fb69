using System.IO.Compression;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class WindowsBundleReaderTests
    {
        private static string Zip(TempRoot folder, string name, params (string Entry, string Text)[] entries)
        {
            var path = folder.Full(name);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (entry, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            return path;
        }

        [Fact]
        public void A_zip_is_a_Windows_bundle_only_when_it_holds_a_capture_at_its_top()
        {
            using var folder = new TempRoot().Write("capture.json", "{}").Write("not-a-zip.zip", "PK but not really");
            Assert.True(WindowsBundleReader.IsWindowsBundle(Zip(folder, "w.zip", (WindowsLogBundleWriter.CaptureEntry, "{}"))));
            Assert.False(WindowsBundleReader.IsWindowsBundle(Zip(folder, "linux.zip", ("etc/waagent.conf", "Extensions.Enabled=y"), (BundleZipWriter.ResultsEntry, "{}"))));
            Assert.False(WindowsBundleReader.IsWindowsBundle(Zip(folder, "nested.zip", ("x/" + WindowsLogBundleWriter.CaptureEntry, "{}"))));
            Assert.False(WindowsBundleReader.IsWindowsBundle(folder.Full("capture.json")));
            Assert.False(WindowsBundleReader.IsWindowsBundle(folder.Full("not-a-zip.zip")));
            Assert.False(WindowsBundleReader.IsWindowsBundle(folder.Full("missing.zip")));
            Assert.False(WindowsBundleReader.IsWindowsBundle(folder.Path));
        }

        [Fact]
        public void A_bad_capture_inside_a_bundle_names_the_bundle_and_the_entry()
        {
            using var folder = new TempRoot();
            var broken = Zip(folder, "broken.zip", (WindowsLogBundleWriter.CaptureEntry, "{\"formatVersion\":1,"));
            var error = Assert.Throws<CaptureFormatException>(() => WindowsBundleReader.Load(broken));
            Assert.Equal(CaptureFormatException.CaptureInvalidJson, error.ErrorId);
            Assert.Equal(broken + "!" + WindowsLogBundleWriter.CaptureEntry, error.Source);

            var wrongField = Zip(folder, "field.zip", (WindowsLogBundleWriter.CaptureEntry, "{\"formatVersion\":1,\"computerName\":\"x\",\"capturedUtc\":\"2025-11-20T09:30:00Z\",\"files\":[{\"path\":\"C:\\\\P\",\"type\":\"Folder\"}]}"));
            var field = Assert.Throws<CaptureFormatException>(() => WindowsBundleReader.Load(wrongField));
            Assert.Equal(CaptureFormatException.CaptureFieldInvalid, field.ErrorId);
            Assert.Equal("files[0].type", field.Field);

            var linux = Zip(folder, "linux.zip", ("etc/waagent.conf", "x"));
            Assert.Equal(CaptureFormatException.CaptureUnreadable, Assert.Throws<CaptureFormatException>(() => WindowsBundleReader.ReadCapture(linux)).ErrorId);
        }

        [Fact]
        public async Task Load_reads_a_capture_file_and_a_bundle_alike()
        {
            using var folder = new TempRoot();
            var json = Path.Combine(WindowsExamples.Folder, "no-dotnet45.json");
            var capture = WindowsBundleReader.Load(json);
            var report = await new WindowsLogBundleWriter(new LibcFileMetadata()).WriteAsync(capture, System.Array.Empty<AzBackupTroubleshoot.Core.Checks.HealthCheckResult>(), null, folder.Full("b.zip"), CancellationToken.None);
            Assert.Equal(CimCaptureSerializer.Serialize(capture), CimCaptureSerializer.Serialize(WindowsBundleReader.Load(report.Path)));
            Assert.Equal(CaptureFormatException.CaptureUnreadable, Assert.Throws<CaptureFormatException>(() => WindowsBundleReader.Load(folder.Full("missing.json"))).ErrorId);
        }
    }
}
