using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Probes
{
    public class ConnectivityFactsTests
    {
        [Fact]
        public async Task ForcedLiveRun_TurnsProbesIntoNetworkResults()
        {
            using var listeners = new LoopbackListeners();
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("sys");
            var options = new LinuxFactsOptions { IsLive = true, CpuSampleInterval = null };
            options.Connectivity = new ConnectivityOptions
            {
                // 3 s: the loopback listeners that answer must do so within it on a loaded machine too.
                Enabled = true, Force = true, Timeout = TimeSpan.FromSeconds(3),
                WireServerHost = "127.0.0.1", WireServerPorts = new[] { listeners.Open(), LoopbackListeners.Closed(), listeners.Blocked() },
                InformationalWireServerPorts = new[] { LoopbackListeners.Closed() },
                WireServerHttpPort = listeners.Http("HTTP/1.1 200 OK"), ImdsHost = "127.0.0.1", ImdsPort = LoopbackListeners.Closed(),
            };
            var results = await LinuxRun.CheckAsync(temp.Path, options);
            var wire = results.Where(r => r.CheckId == CheckCatalog.NetworkWireServer).ToArray();
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Failed, CheckStatus.Failed }, wire.Select(r => r.Status));
            Assert.Contains("no answer within 3 s", wire[2].Message);
            Assert.Contains(wire[0].Evidence, e => e.StartsWith("informational, not required", StringComparison.Ordinal) && e.Contains("refused", StringComparison.Ordinal));
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.NetworkWireServerHttp).Status);
            Assert.Equal(CheckStatus.Failed, results.Single(CheckCatalog.NetworkImds).Status);
            Assert.Equal(Cause.NoNetworkAccess, results.Single(CheckCatalog.NetworkImds).Cause);
            Assert.Equal(CheckStatus.NotApplicable, results.Single(CheckCatalog.NetworkStorage).Status);
            Assert.Equal(CheckStatus.Warning, results.Single(CheckCatalog.HostAzurePlatform).Status);
        }

        [Fact]
        public async Task NotAzure_WithoutForce_ProbesNothing()
        {
            using var listeners = new LoopbackListeners();
            var http = listeners.Http("HTTP/1.1 200 OK");
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("sys");
            var options = new LinuxFactsOptions { IsLive = true, CpuSampleInterval = null };
            options.Connectivity = new ConnectivityOptions { Enabled = true, WireServerHost = "127.0.0.1", WireServerPorts = new[] { http }, InformationalWireServerPorts = new[] { http }, WireServerHttpPort = http, ImdsHost = "127.0.0.1", ImdsPort = http };
            var facts = await LinuxRun.FactsAsync(temp.Path, options);
            Assert.Empty(facts.Connectivity.Outcomes);
            Assert.Contains("not an Azure VM", facts.Connectivity.NotRunReason);
            Assert.Contains("-Force", facts.Connectivity.NotRunReason);
            Assert.Null(listeners.LastRequest);
        }
    }
}
