using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows
{
    public class WindowsFactsReaderTests
    {
        [Fact]
        public void Reads_every_section_of_the_healthy_capture()
        {
            var facts = WindowsFactsReader.ReadCapture(WindowsExamples.Load("healthy"));
            Assert.Empty(facts.ReadErrors);
            Assert.Equal("vm-app01", facts.ComputerName);
            Assert.Equal(WindowsFactsSource.Capture, facts.Source);
            Assert.Equal(new DateTimeOffset(2025, 11, 20, 9, 30, 0, TimeSpan.Zero), facts.ReferenceTimeUtc);
            Assert.Equal(new[] { "WindowsAzureGuestAgent", "RdAgent", "IaaSVmProvider", "VSS", "COMSysApp", "MSDTC", "msiserver" }, facts.Services!.Select(s => s.Name));
            Assert.Equal(ComponentVersion.Parse("2.7.41491.1130"), facts.AgentVersion);
            Assert.StartsWith("image path ", facts.AgentVersionSource);
            Assert.Equal(528049u, facts.DotNetRelease!.AsDWord);
            Assert.Equal(new[] { "IsProviderInstalled" }, facts.BcdrAgentValues!.Select(v => v.Name));
            Assert.Single(facts.NetworkAdapters!);
            Assert.Equal(new[] { 14, 9 }, facts.ProcessorLoads);
            Assert.Equal(8388148UL, facts.TotalMemoryKb);
            Assert.True(facts.IsAzureVm);
            Assert.Equal(new[] { "1.0.75.0" }, facts.SnapshotExtension!.Versions);
            Assert.Contains("IaaSBcdrExtension.exe", facts.SnapshotExtension.LatestVersionFiles);
            var state = Assert.Single(facts.SnapshotExtension.HandlerStates);
            Assert.Equal("Enabled", state.InstallState);
            Assert.Equal(3, state.SequenceNumber);
            Assert.Empty(facts.ExtensionCrashEvents!);
            Assert.Empty(facts.SqlServerInstances);
        }

        [Fact]
        public void Sql_server_engine_services_are_found_and_other_sql_services_are_not()
        {
            var facts = WindowsFactsReader.ReadCapture(WindowsExamples.Load("sql-without-vss-copy"));
            Assert.Equal(new[] { "MSSQLSERVER", "MSSQL$REPORTS" }, facts.SqlServerInstances.Select(s => s.Name));
            Assert.Null(facts.Service("MSSQLFDLauncher"));
        }

        [Fact]
        public void Crash_events_count_only_within_7_days_before_the_capture_time()
        {
            var facts = WindowsFactsReader.ReadCapture(WindowsExamples.Load("extension-crashes"));
            Assert.Equal(
                new[] { "2025-11-19T02:31:20", "2025-11-17T02:30:58", "2025-11-14T02:30:12" },
                facts.ExtensionCrashEvents!.Select(e => e.TimeGenerated.UtcDateTime.ToString("s")));
            Assert.All(facts.ExtensionCrashEvents!, e => Assert.StartsWith("Faulting application name: IaaSBcdrExtension.exe", e.FirstLine));

            // The same events read a week later are all out of the window.
            var later = new WindowsFactsReader(new ReplayCimGateway(WindowsExamples.Load("extension-crashes"))).Read(new DateTimeOffset(2025, 11, 27, 9, 30, 0, TimeSpan.Zero), CancellationToken.None);
            Assert.Empty(later.ExtensionCrashEvents!);
        }

        [Fact]
        public void The_agent_version_falls_back_to_the_file_version()
        {
            var capture = WindowsExamples.Small(
                services: new[] { WindowsExamples.Service("WindowsAzureGuestAgent", "Running", "Auto", path: @"C:\WindowsAzure\Packages\GuestAgent\WindowsAzureGuestAgent.exe") },
                registry: Array.Empty<CapturedRegistryKey>(),
                files: new[] { new CapturedFile(@"C:\WindowsAzure\Packages\GuestAgent\WindowsAzureGuestAgent.exe", false, 1000, null, "2.7.41491.1010") });
            var facts = WindowsFactsReader.ReadCapture(capture);
            Assert.Equal(ComponentVersion.Parse("2.7.41491.1010"), facts.AgentVersion);
            Assert.StartsWith("file version of ", facts.AgentVersionSource);
        }

        [Fact]
        public void A_section_that_cannot_be_read_is_named_and_the_rest_is_still_read()
        {
            // Services and registry only: the other classes and the files are not in the capture.
            var capture = WindowsExamples.Small(
                services: new[] { WindowsExamples.Service("WindowsAzureGuestAgent", "Running", "Auto") },
                registry: new[] { WindowsExamples.Key(WindowsNames.DotNetFullKey, WindowsExamples.Dword("Release", 461814)) });
            var facts = WindowsFactsReader.ReadCapture(capture);
            Assert.NotNull(facts.Services);
            Assert.Equal(461814u, facts.DotNetRelease!.AsDWord);
            Assert.Null(facts.BcdrAgentValues);
            Assert.False(facts.ReadErrors.ContainsKey(WindowsFactSection.BcdrAgent));
            foreach (var section in new[] { WindowsFactSection.OperatingSystem, WindowsFactSection.Processor, WindowsFactSection.SystemEnclosure, WindowsFactSection.NetworkAdapters, WindowsFactSection.SnapshotExtension, WindowsFactSection.EventLog })
            {
                Assert.Contains("not in the capture", facts.ReadErrors[section]);
            }
        }

        [Fact]
        public void Cancellation_stops_the_read()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => new WindowsFactsReader(new ReplayCimGateway(WindowsExamples.Load("healthy"))).Read(DateTimeOffset.UtcNow, cts.Token));
        }

        [Fact]
        public void The_source_follows_the_gateway()
        {
            var capture = WindowsExamples.Load("healthy");
            Assert.Equal(WindowsFactsSource.Local, new WindowsFactsReader(new RecordingCimGateway(capture, isLocal: true)).Read(capture.CapturedUtc, CancellationToken.None).Source);
            Assert.Equal(WindowsFactsSource.Remote, new WindowsFactsReader(new RecordingCimGateway(capture)).Read(capture.CapturedUtc, CancellationToken.None).Source);
        }
    }
}
