using System.Net;
using System.Net.Sockets;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Runners
{
    public class WindowsHealthRunnerProbeTests
    {
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [Fact]
        public async Task Probes_run_for_a_local_Azure_VM_against_the_given_loopback_endpoints()
        {
            var open = new TcpListener(IPAddress.Loopback, 0);
            open.Start();
            try
            {
                var openPort = ((IPEndPoint)open.LocalEndpoint).Port;
                var closedPort = ClosedPort();
                var options = new ConnectivityOptions
                {
                    Enabled = true,
                    WireServerHost = "127.0.0.1",
                    WireServerPorts = new[] { openPort, closedPort },
                    InformationalWireServerPorts = new[] { ClosedPort() },
                    WireServerHttpPort = closedPort,
                    ImdsHost = "127.0.0.1",
                    ImdsPort = openPort,
                    Timeout = TimeSpan.FromSeconds(2),
                };
                var checks = new WindowsCheckOptions { Connectivity = options };
                var gateway = new RecordingCimGateway(WindowsExamples.Load("healthy"), isLocal: true);
                var results = await new WindowsHealthRunner(options: checks).RunAsync(gateway, new[] { "Network.*" }, CancellationToken.None);

                var wire = results.Where(r => r.CheckId == CheckCatalog.NetworkWireServer).ToArray();
                Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Failed }, wire.Select(r => r.Status));
                Assert.Contains(wire[0].Evidence, e => e.StartsWith("informational, not required", StringComparison.Ordinal));
                Assert.Contains($"127.0.0.1:{closedPort}", wire[1].Message);
                Assert.Contains("Windows Firewall", wire[1].Remediation);
                Assert.Equal(CheckStatus.Failed, results.Single(r => r.CheckId == CheckCatalog.NetworkWireServerHttp).Status);
                Assert.Equal(CheckStatus.Passed, results.Single(r => r.CheckId == CheckCatalog.NetworkImds).Status);
                Assert.Equal(CheckStatus.NotApplicable, results.Single(r => r.CheckId == CheckCatalog.NetworkStorage).Status);
            }
            finally
            {
                open.Stop();
            }
        }

        [Fact]
        public async Task A_capture_or_remote_session_never_probes()
        {
            // Aimed at a closed loopback port: a probe that ran would fail, not be NotApplicable.
            var port = ClosedPort();
            var options = new ConnectivityOptions { WireServerHost = "127.0.0.1", WireServerPorts = new[] { port }, InformationalWireServerPorts = new[] { port }, ImdsHost = "127.0.0.1", ImdsPort = port };
            var checks = new WindowsCheckOptions { Connectivity = options };
            foreach (var gateway in new AzBackupTroubleshoot.Core.Cim.ICimGateway[] { new ReplayCimGateway(WindowsExamples.Load("healthy")), new RecordingCimGateway(WindowsExamples.Load("healthy")) })
            {
                var results = await new WindowsHealthRunner(options: checks).RunAsync(gateway, new[] { "Network.*" }, CancellationToken.None);
                Assert.All(results, r => Assert.Equal(CheckStatus.NotApplicable, r.Status));
            }
        }

        [Fact]
        public void Selection_takes_wildcards_and_causes()
        {
            Assert.Equal(new[] { "Host.AzurePlatform", "Host.CpuPressure", "Host.MemoryPressure" }, WindowsCheckList.Create().Select(new[] { "host.*" }, null).Select(c => c.Id));
            Assert.Equal(new[] { CheckCatalog.WindowsAgentVersion }, WindowsCheckList.Create().Select(null, new[] { Cause.AgentOutOfDate }).Select(c => c.Id));
            Assert.Empty(WindowsCheckList.Create().Select(new[] { "Linux.*" }, null));
        }
    }
}
