using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Runners
{
    public class WindowsHealthRunnerTests
    {
        [Fact]
        public async Task A_capture_is_measured_from_its_capture_time_not_from_now()
        {
            var test = new WindowsHealthRunner(clock: () => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var results = await test.RunAsync(new ReplayCimGateway(WindowsExamples.Load("extension-crashes")), null, CancellationToken.None);
            var crash = Assert.Single(results, r => r.CheckId == CheckCatalog.WindowsExtensionCrashes);
            Assert.Equal(CheckStatus.Failed, crash.Status);
            Assert.All(results, r => Assert.Equal("vm-av-blocked", r.Target));
        }

        [Fact]
        public async Task A_live_machine_is_measured_from_now()
        {
            var test = new WindowsHealthRunner(clock: () => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var results = await test.RunAsync(new RecordingCimGateway(WindowsExamples.Load("extension-crashes")), null, CancellationToken.None);
            Assert.Equal(CheckStatus.Passed, Assert.Single(results, r => r.CheckId == CheckCatalog.WindowsExtensionCrashes).Status);
        }

        [Fact]
        public async Task Only_the_asked_checks_run()
        {
            var results = await new WindowsHealthRunner().RunAsync(new ReplayCimGateway(WindowsExamples.Load("dhcp-off")), new[] { "windows.dhcp", CheckCatalog.WindowsMsdtc }, CancellationToken.None);
            Assert.Equal(new[] { CheckCatalog.WindowsMsdtc, CheckCatalog.WindowsDhcp }, results.Select(r => r.CheckId));
        }

        [Fact]
        public async Task Cancellation_is_observed()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new WindowsHealthRunner().RunAsync(new ReplayCimGateway(WindowsExamples.Load("healthy")), null, cts.Token));
        }
    }
}
