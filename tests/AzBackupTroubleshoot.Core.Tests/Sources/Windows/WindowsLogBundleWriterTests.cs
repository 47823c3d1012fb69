using System.IO.Compression;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class WindowsLogBundleWriterTests
    {
        internal const string Signature = "Zm9vYmFyV0lORE9XU1NJR05BVFVSRQ";
        internal const string Protected = "MIIB4gYJKoZIhvcNAQcDoIIB0zCCAc8CAQAxggFxWINDOWSPROTECTEDVALUE";
        internal const string PrivateKey = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjWINDOWSPRIVATEKEY";
        internal const string Certificate = "MIIDBTCCAe2gAwIBAgIQWINDOWSCERTIFICATEBODY";
        private const string Plugin = "Microsoft.Azure.RecoveryServices.VMSnapshot";
        private const string Sas = "sv=2018-03-28&sr=b&sk=system-1&sig=" + Signature + "%3D&se=2025-11-21T09%3A30%3A00Z&sp=rw";

        /// <summary>A system drive as the agent leaves it: its logs, the extension's logs, status and settings, and files not to take.</summary>
        internal static TempRoot SeededDrive()
        {
            var logs = $"WindowsAzure/Logs/Plugins/{Plugin}/1.0.75.0";
            var package = $"Packages/Plugins/{Plugin}/1.0.75.0";
            return new TempRoot()
                .Write("WindowsAzure/Logs/WaAppAgent.log",
                    "[00000006] [11/20/2025 09:12:03.45] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.1102\r\n" +
                    $"[00000011] [11/20/2025 09:14:40.10] [WARN]  Failed to upload the status blob https://md-hdd-x1.blob.core.windows.net/$system/vm-app01.status?{Sas}\r\n")
                .Write("WindowsAzure/Logs/TransparentInstaller.log", "[00000001] [11/20/2025 09:00:00.00] [INFO]  Transparent installer started.\r\n")
                .Write("WindowsAzure/Logs/Telemetry.log", "not one of the files the bundle takes\r\n")
                .Write($"{logs}/IaaSBcdrExtension1.log",
                    $"11/20/2025 09:30:12 Information [4] Uploading logs to https://md-hdd-x1.blob.core.windows.net/logs/backup.log?{Sas}\r\n")
                .Write($"{logs}/Rotated/IaaSBcdrExtension0.log", "11/19/2025 09:30:12 Information [4] Snapshot taken.\r\n")
                .Write($"{logs}/TransportCert.cer", $"-----BEGIN CERTIFICATE-----\r\n{Certificate}\r\n-----END CERTIFICATE-----\r\n")
                .Write($"{logs}/key-dump.log", $"-----BEGIN RSA PRIVATE KEY-----\r\n{PrivateKey}\r\n-----END RSA PRIVATE KEY-----\r\n")
                .Write($"{package}/HandlerManifest.json", "[{\"version\":1.0,\"handlerManifest\":{\"installCommand\":\"install.cmd\"}}]")
                .Write($"{package}/RuntimeSettings/12.settings",
                    "{\"runtimeSettings\":[{\"handlerSettings\":{\"protectedSettingsCertThumbprint\":\"1BE9A13AA1321C7C515EF109746998BAB6D86FD1\"," +
                    $"\"protectedSettings\":\"{Protected}\",\"publicSettings\":{{\"locale\":\"en-us\",\"taskId\":\"3c0e8b1e\",\"commandToExecute\":\"snapshot\"," +
                    $"\"logsBlobUri\":\"https://md-hdd-x1.blob.core.windows.net/logs/backup.log?{Sas}\",\"statusBlobUri\":\"https://md-hdd-x1.blob.core.windows.net/s/status?{Sas}\"," +
                    "\"vmType\":\"microsoft.compute/virtualmachines\"}}}]}")
                .Write($"{package}/RuntimeSettings/notes.txt", "not a settings file")
                .Write($"{package}/Status/12.status",
                    "[{\"version\":\"1.0\",\"timestampUTC\":\"2025-11-20T09:31:00Z\",\"status\":{\"name\":\"Microsoft.Azure.RecoveryServices.VMSnapshot\",\"operation\":\"Enable\",\"status\":\"success\",\"code\":0,\"formattedMessage\":{\"lang\":\"en-US\",\"message\":\"T:S\"}}}]");
        }

        internal static IReadOnlyList<(string Name, string Text)> Entries(string zipPath)
        {
            using var zip = ZipFile.OpenRead(zipPath);
            return zip.Entries.Where(e => !e.FullName.EndsWith("/")).Select(e =>
            {
                using var reader = new StreamReader(e.Open(), Encoding.Latin1);
                return (e.FullName, reader.ReadToEnd());
            }).ToArray();
        }

        private static string Key(HealthCheckResult r) => $"{r.Target}|{r.CheckId}|{r.Status}|{r.Cause}|{r.Message}|{string.Join(" ; ", r.Evidence)}|{r.Remediation}|{r.RepairAction}";

        private static Task<IReadOnlyList<HealthCheckResult>> Analyse(CimCapture capture) =>
            new WindowsHealthRunner().RunAsync(new ReplayCimGateway(capture), null, CancellationToken.None);

        [Fact]
        public async Task No_SAS_signature_protected_setting_key_or_certificate_reaches_the_zip_and_the_counts_say_what_was_removed()
        {
            using var drive = SeededDrive();
            using var output = new TempRoot();
            var capture = WindowsExamples.Load("healthy");
            var results = await Analyse(capture);
            var report = await new WindowsLogBundleWriter(new LibcFileMetadata()).WriteAsync(capture, results, new WindowsAgentLogFiles(drive.Path), output.Full("vm-app01.zip"));

            var entries = Entries(report.Path);
            foreach (var secret in new[] { Signature, Protected, PrivateKey, Certificate })
            {
                Assert.DoesNotContain(entries, e => e.Text.Contains(secret));
            }

            var logs = $"C/WindowsAzure/Logs/Plugins/{Plugin}/1.0.75.0/";
            var package = $"C/Packages/Plugins/{Plugin}/1.0.75.0/";
            Assert.Equal(
                new[]
                {
                    WindowsLogBundleWriter.CaptureEntry, "C/WindowsAzure/Logs/WaAppAgent.log", "C/WindowsAzure/Logs/TransparentInstaller.log",
                    logs + "IaaSBcdrExtension1.log", logs + "Rotated/IaaSBcdrExtension0.log",
                    package + "Status/12.status", package + "RuntimeSettings/12.settings", BundleZipWriter.ResultsEntry,
                }.OrderBy(n => n, StringComparer.Ordinal),
                entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));

            Assert.Equal(4, report.Redactions["SasSignature"]);
            Assert.Equal(1, report.Redactions["ProtectedSettings"]);
            Assert.Equal(2, report.Redactions[BundleZipWriter.KeyOrCertificateFile]);
            Assert.Equal(3, report.Redactions.Count);
            Assert.Equal(
                new[]
                {
                    $@"C:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\key-dump.log: key or certificate file: it holds a private key (left out)",
                    $@"C:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\TransportCert.cer: key or certificate file (left out)",
                },
                report.LeftOut);
            Assert.Equal(entries.Count, report.FileCount);

            // What is left still parses and keeps its shape: the settings file with REDACTED where the secrets were.
            var settings = entries.Single(e => e.Name.EndsWith("12.settings")).Text;
            using var json = JsonDocument.Parse(settings);
            var handler = json.RootElement.GetProperty("runtimeSettings")[0].GetProperty("handlerSettings");
            Assert.Equal("REDACTED", handler.GetProperty("protectedSettings").GetString());
            Assert.Contains("sig=REDACTED&se=", handler.GetProperty("publicSettings").GetProperty("logsBlobUri").GetString());
            Assert.Contains("Version 2.7.41491.1102", entries.Single(e => e.Name.EndsWith("WaAppAgent.log")).Text);

            // The results entry records the counts and what was left out.
            using var written = JsonDocument.Parse(entries.Single(e => e.Name == BundleZipWriter.ResultsEntry).Text);
            Assert.Equal("vm-app01", written.RootElement.GetProperty("source").GetString());
            Assert.Equal(4, written.RootElement.GetProperty("redactions").GetProperty("SasSignature").GetInt32());
            Assert.Equal(2, written.RootElement.GetProperty("leftOut").GetArrayLength());
            Assert.Equal(results.Count, written.RootElement.GetProperty("results").GetArrayLength());
        }

        [Fact]
        public async Task Every_example_bundle_analyses_exactly_as_its_capture()
        {
            using var output = new TempRoot();
            foreach (var name in WindowsExamples.Names)
            {
                var capture = WindowsExamples.Load(name);
                var fromCapture = await Analyse(capture);
                var report = await new WindowsLogBundleWriter(new LibcFileMetadata()).WriteAsync(capture, fromCapture, null, output.Full(name + ".zip"));

                Assert.True(WindowsBundleReader.IsWindowsBundle(report.Path), name);
                var inside = WindowsBundleReader.Load(report.Path);
                Assert.Equal(CimCaptureSerializer.Serialize(capture), CimCaptureSerializer.Serialize(inside));
                var fromBundle = await Analyse(inside);
                Assert.Equal(fromCapture.Select(Key), fromBundle.Select(Key));
                Assert.Equal(new[] { WindowsLogBundleWriter.CaptureEntry, BundleZipWriter.ResultsEntry }, Entries(report.Path).Select(e => e.Name));
                Assert.Empty(report.LeftOut);
            }
        }

        [Theory]
        [InlineData("extension-crashes")]
        [InlineData("sql-without-vss-copy")]
        [InlineData("healthy")]
        public async Task A_bundle_saved_from_a_live_machine_holds_its_capture_and_analyses_like_the_live_run(string example)
        {
            using var drive = SeededDrive();
            using var output = new TempRoot();
            var source = WindowsExamples.Load(example);
            var machine = new RecordingCimGateway(source, isLocal: true);
            var writer = new WindowsLogBundleWriter(new LibcFileMetadata(), () => source.CapturedUtc);
            var report = await writer.SaveAsync(machine, null, new WindowsAgentLogFiles(drive.Path), output.Full("live.zip"));

            Assert.Empty(machine.Calls);
            var capture = WindowsBundleReader.Load(report.Path);
            Assert.Equal(source.ComputerName, capture.ComputerName);
            Assert.Equal(source.CapturedUtc, capture.CapturedUtc);
            Assert.Equal("Taken by Save-AzBackupAgentLog.", capture.Description);

            var live = JsonDocument.Parse(Entries(report.Path).Single(e => e.Name == BundleZipWriter.ResultsEntry).Text).RootElement.GetProperty("results")
                .EnumerateArray().Select(r => $"{r.GetProperty("CheckId").GetString()}|{r.GetProperty("Status").GetString()}|{r.GetProperty("Message").GetString()}").ToArray();
            var fromBundle = (await Analyse(capture)).Select(r => $"{r.CheckId}|{r.Status}|{r.Message}").ToArray();
            var fromSource = (await Analyse(source)).Select(r => $"{r.CheckId}|{r.Status}|{r.Message}").ToArray();

            // The probes are the one difference: a live local run would probe (none are configured here), a capture never does.
            Assert.Equal(live.Where(r => !r.StartsWith("Network.")), fromBundle.Where(r => !r.StartsWith("Network.")));
            Assert.Equal(live.Length, fromBundle.Length);
            Assert.Equal(fromSource, fromBundle);
            Assert.Contains(Entries(report.Path), e => e.Name == "C/WindowsAzure/Logs/WaAppAgent.log");
        }

        [Fact]
        public async Task Cancellation_and_a_missing_folder_leave_nothing_behind()
        {
            using var drive = SeededDrive();
            using var output = new TempRoot();
            var capture = WindowsExamples.Load("healthy");
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            var writer = new WindowsLogBundleWriter(new LibcFileMetadata());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                writer.WriteAsync(capture, Array.Empty<HealthCheckResult>(), new WindowsAgentLogFiles(drive.Path), output.Full("b.zip"), cancel.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                writer.SaveAsync(new RecordingCimGateway(capture), null, null, output.Full("c.zip"), cancel.Token));
            Assert.Empty(Directory.GetFileSystemEntries(output.Path));
            await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
                writer.WriteAsync(capture, Array.Empty<HealthCheckResult>(), null, output.Full("missing/b.zip")));
            Assert.Empty(Directory.GetFileSystemEntries(output.Path));
        }

        [Fact]
        public async Task The_zip_replaces_an_older_file_whole_and_is_mode_0600_where_files_have_modes()
        {
            using var output = new TempRoot().Write("b.zip", "an older bundle");
            var capture = WindowsExamples.Load("dhcp-off");
            var report = await new WindowsLogBundleWriter(new LibcFileMetadata()).WriteAsync(capture, await Analyse(capture), null, output.Full("b.zip"));
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(report.Path));
            }

            Assert.Equal(new[] { "b.zip" }, Directory.GetFiles(output.Path).Select(Path.GetFileName));
            Assert.True(WindowsBundleReader.IsWindowsBundle(report.Path));
        }
    }
}
