using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class CapturingCimGatewayTests
    {
        private static async Task<string[]> Results(ICimGateway gateway, CimCapture source)
        {
            var facts = new WindowsFactsReader(gateway).Read(source.CapturedUtc, CancellationToken.None);
            var results = await new CheckEngine().RunAsync(facts, WindowsCheckList.Create(), new CheckContext(facts.ComputerName));
            return results.Select(r => $"{r.CheckId} {r.Status} {r.Message} | {string.Join(" / ", r.Evidence)}").ToArray();
        }

        [Fact]
        public async Task A_capture_taken_while_reading_the_facts_gives_the_same_results_again()
        {
            foreach (var name in WindowsExamples.Names)
            {
                var source = WindowsExamples.Load(name);
                var capturing = new CapturingCimGateway(new RecordingCimGateway(source), source.CapturedUtc);
                var live = await Results(capturing, source);
                var taken = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capturing.ToCapture("taken in a test")), name);
                var replayed = await Results(new ReplayCimGateway(taken), taken);
                // Only the probes' reason differs: a remote session against a capture.
                Assert.Equal(live.Where(r => !r.StartsWith("Network.")), replayed.Where(r => !r.StartsWith("Network.")));
                Assert.Equal(live.Length, replayed.Length);
                Assert.Equal("taken in a test", taken.Description);
            }
        }

        [Fact]
        public void It_keeps_only_what_was_read_with_its_type()
        {
            var source = WindowsExamples.Load("healthy");
            var capturing = new CapturingCimGateway(new RecordingCimGateway(source), source.CapturedUtc);
            new WindowsFactsReader(capturing).Read(source.CapturedUtc, CancellationToken.None);
            var taken = capturing.ToCapture();
            Assert.DoesNotContain(taken.Registry!, k => k.Key.Contains("Uninstall"));
            var release = taken.Registry!.Single(k => k.Key.EndsWith(@"v4\Full")).Values.Single(v => v.Name == "Release");
            Assert.Equal(AzBackupTroubleshoot.Core.Facts.Windows.Registry.RegistryValueType.DWord, release.Type);
            Assert.Contains(taken.Files!, f => f.Path.EndsWith("IaaSBcdrExtension.exe") && f.Version == "1.0.75.0");
            Assert.False(taken.Instances!.ContainsKey("root/cimv2:Win32_Directory"));
            Assert.Equal(2, taken.Instances!["root/cimv2:Win32_Processor"].Count);
        }

        [Fact]
        public void Writes_are_refused()
        {
            var source = WindowsExamples.Load("healthy");
            var capturing = new CapturingCimGateway(new RecordingCimGateway(source), source.CapturedUtc);
            var ex = Assert.Throws<CimGatewayException>(() => capturing.InvokeMethod("root/cimv2", "StdRegProv", "CreateKey", new Dictionary<string, object?>(), CancellationToken.None));
            Assert.Equal(CimGatewayException.CaptureReadOnly, ex.ErrorId);
        }
    }
}
