using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Tests.Probes
{
    public class ProbeVerdictsTests
    {
        private static ProbeOutcome Outcome(int port, bool ok, bool required = true) =>
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkWireServer, "127.0.0.1", port, required: required), ok, ok ? "connected" : "refused", TimeSpan.FromMilliseconds(1));

        [Fact]
        public void Required_ports_decide_and_a_closed_informational_port_never_fails()
        {
            var verdicts = ProbeVerdicts.Judge(new[] { Outcome(80, true), Outcome(32526, true), Outcome(443, false, required: false) });
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Passed }, verdicts.Select(v => v.Status));
            Assert.Contains(verdicts[0].Evidence, e => e.Contains("127.0.0.1:443: refused", StringComparison.Ordinal) && e.Contains("80 and 32526", StringComparison.Ordinal));
        }

        [Fact]
        public void A_closed_required_port_fails_even_when_the_informational_one_answers()
        {
            var verdicts = ProbeVerdicts.Judge(new[] { Outcome(80, true), Outcome(32526, false), Outcome(443, true, required: false) });
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Failed }, verdicts.Select(v => v.Status));
        }

        [Fact]
        public async Task A_loopback_stand_in_answering_only_the_required_ports_passes_NetworkWireServer()
        {
            // The two listeners stand in for WireServer ports 80 and 32526 (the port seam of ConnectivityOptions); the
            // informational port is closed. The Pester test binds the real 80 and 32526 inside a network namespace.
            using var listeners = new LoopbackListeners();
            var options = new ConnectivityOptions
            {
                WireServerHost = "127.0.0.1",
                WireServerPorts = new[] { listeners.Open(), listeners.Open() },
                InformationalWireServerPorts = new[] { LoopbackListeners.Closed() },
                Timeout = TimeSpan.FromSeconds(2),
            };
            var targets = options.Targets("ignored").Where(t => t.CheckId == CheckCatalog.NetworkWireServer).ToArray();
            Assert.Equal(3, targets.Length);
            var outcomes = await new ConnectivityProber().ProbeAsync(targets, options.Timeout);
            Assert.False(outcomes.Single(o => !o.Target.Required).Succeeded);
            Assert.All(ProbeVerdicts.Judge(outcomes), v => Assert.Equal(CheckStatus.Passed, v.Status));
        }
    }
}
