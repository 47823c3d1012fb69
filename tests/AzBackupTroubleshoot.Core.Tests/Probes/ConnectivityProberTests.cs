using System.Diagnostics;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Tests.Probes
{
    public class ConnectivityProberTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        // For probes that must succeed: a loaded machine may take more than a second to answer on loopback.
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task OpenPort_Passes_ClosedPort_FailsAtOnce()
        {
            using var listeners = new LoopbackListeners();
            var prober = new ConnectivityProber();
            var open = await prober.ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkWireServer, "127.0.0.1", listeners.Open()), Generous, CancellationToken.None);
            Assert.True(open.Succeeded, open.Detail);
            Assert.Equal("connected", open.Detail);

            var closed = await prober.ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkWireServer, "127.0.0.1", LoopbackListeners.Closed()), Generous, CancellationToken.None);
            Assert.False(closed.Succeeded);
            Assert.Contains("refused", closed.Detail);
            Assert.DoesNotContain("no answer", closed.Detail);
        }

        [Fact]
        public async Task ListenerThatNeverAccepts_FailsAfterTheTimeout()
        {
            using var listeners = new LoopbackListeners();
            var port = listeners.Blocked();
            var outcome = await new ConnectivityProber().ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkImds, "127.0.0.1", port), Timeout, CancellationToken.None);
            Assert.False(outcome.Succeeded);
            Assert.Contains("no answer within 1 s", outcome.Detail);
            // A lower bound only: the time-out cannot fire early; how late it fires depends on the machine's load.
            Assert.True(outcome.Elapsed >= TimeSpan.FromSeconds(0.9), $"ended after {outcome.Elapsed.TotalMilliseconds} ms");
        }

        [Fact]
        public async Task HttpProbe_SendsGetWithoutProxy_AndNeedsA200()
        {
            using var listeners = new LoopbackListeners();
            var prober = new ConnectivityProber();
            var ok = await prober.ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkWireServerHttp, "127.0.0.1", listeners.Http("HTTP/1.1 200 OK"), ProbeKind.HttpGet, "/?comp=versions"), Generous, CancellationToken.None);
            Assert.True(ok.Succeeded, ok.Detail);
            Assert.StartsWith("GET /?comp=versions HTTP/1.1\r\nHost: 127.0.0.1\r\n", listeners.LastRequest);

            var bad = await prober.ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkWireServerHttp, "127.0.0.1", listeners.Http("HTTP/1.1 503 Service Unavailable"), ProbeKind.HttpGet, "/?comp=versions"), Generous, CancellationToken.None);
            Assert.False(bad.Succeeded);
            Assert.Contains("503", bad.Detail);

            var silent = await prober.ProbeOneAsync(new ProbeTarget(CheckCatalog.NetworkWireServerHttp, "127.0.0.1", listeners.Open(), ProbeKind.HttpGet, "/"), Timeout, CancellationToken.None);
            Assert.False(silent.Succeeded);
            Assert.Contains("no answer", silent.Detail);
        }

        [Fact]
        public async Task AllBlocked_TheProbesOverlap_SoTheSetTakesAboutOneTimeoutNotTheSum()
        {
            using var listeners = new LoopbackListeners();
            var port = listeners.Blocked();
            var options = new ConnectivityOptions { WireServerHost = "127.0.0.1", WireServerPorts = new[] { port, port, port }, InformationalWireServerPorts = new[] { port }, WireServerHttpPort = port, ImdsHost = "127.0.0.1", ImdsPort = port,
                StorageEndpoints = new[] { new StorageEndpoint("127.0.0.1", port), new StorageEndpoint("127.0.0.1", port) } };
            var targets = options.Targets("ignored");
            Assert.Equal(7, targets.Count);
            var watch = Stopwatch.StartNew();
            var outcomes = await new ConnectivityProber().ProbeAsync(targets, Timeout);
            watch.Stop();
            Assert.All(outcomes, o => Assert.False(o.Succeeded));
            Assert.All(outcomes, o => Assert.Contains("no answer within", o.Detail));

            // Measured against this run's own baseline, not a clock budget: one after the other, the set would take the sum
            // of the seven probes' times; run together it takes about the longest. Load stretches both alike.
            var sum = TimeSpan.FromTicks(outcomes.Sum(o => o.Elapsed.Ticks));
            // Half the sum, not a seventh: one after the other would take at least the whole sum, so half still tells the two
            // apart, with room for a loaded machine to start the seven late.
            Assert.True(watch.Elapsed.Ticks * 2 < sum.Ticks, $"the set took {watch.Elapsed.TotalMilliseconds} ms; its probes {sum.TotalMilliseconds} ms together");
            Assert.Equal(targets.Select(t => t.CheckId), outcomes.Select(o => o.Target.CheckId));
        }

        [Fact]
        public async Task Cancellation_StopsBlockedProbes()
        {
            using var listeners = new LoopbackListeners();
            var port = listeners.Blocked();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new ConnectivityProber().ProbeAsync(new[] { new ProbeTarget(CheckCatalog.NetworkImds, "127.0.0.1", port) }, TimeSpan.FromSeconds(60), cancellationToken: cancel.Token));

            // Not a speed budget: the probe's own time-out is 60 s, so ending in under half of it shows the cancellation,
            // not the time-out, ended it.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        }

        [Fact]
        public void DefaultTargets_AreTheArticlesEndpoints()
        {
            var targets = new ConnectivityOptions().Targets("168.63.129.16");
            Assert.Equal(new[] { "168.63.129.16:80", "168.63.129.16:32526", "168.63.129.16:443", "http://168.63.129.16:80/?comp=versions", "169.254.169.254:80" },
                targets.Select(t => t.Display));

            // "What is IP address 168.63.129.16?": the agent needs 80 and 32526; 443 is probed for information only.
            Assert.Equal(new[] { 80, 32526 }, targets.Where(t => t.CheckId == CheckCatalog.NetworkWireServer && t.Required).Select(t => t.Port));
            Assert.Equal(new[] { 443 }, targets.Where(t => !t.Required).Select(t => t.Port));
            Assert.Equal(TimeSpan.FromSeconds(3), new ConnectivityOptions().Timeout);
        }
    }
}
