using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Checks.Network;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Network
{
    public class ConnectivityChecksTests
    {
        private static readonly ConnectivityFacts Probed = ConnectivityFacts.Ran(new[]
        {
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkWireServer, "168.63.129.16", 80), true, "connected", TimeSpan.FromMilliseconds(3)),
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkWireServer, "168.63.129.16", 32526), false, "connection refused", TimeSpan.FromMilliseconds(2)),
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkWireServer, "168.63.129.16", 443, required: false), false, "timed out", TimeSpan.FromSeconds(3)),
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkImds, "169.254.169.254", 80), true, "connected", TimeSpan.FromMilliseconds(1)),
            new ProbeOutcome(new ProbeTarget(CheckCatalog.NetworkStorage, "acct.blob.core.windows.net", 443), false, "timed out", TimeSpan.FromSeconds(3)),
        }, TimeSpan.FromSeconds(3));

        private static ResultBuilder Builder(string id) => new ResultBuilder(id, CheckCatalog.Find(id)!.Cause, new CheckContext("vm1"));

        [Theory]
        [InlineData(CheckCatalog.NetworkWireServer)]
        [InlineData(CheckCatalog.NetworkWireServerHttp)]
        [InlineData(CheckCatalog.NetworkImds)]
        [InlineData(CheckCatalog.NetworkStorage)]
        public void The_same_probe_outcomes_give_the_same_verdict_on_Linux_and_Windows(string id)
        {
            var linux = ConnectivityChecks.OnLinux(Probed, Builder(id)).ToArray();
            var windows = ConnectivityChecks.OnWindows(Probed, Builder(id)).ToArray();
            Assert.NotEmpty(linux);
            Assert.Equal(
                linux.Select(r => (r.CheckId, r.Cause, r.Status, r.Message, string.Join("|", r.Evidence), r.RepairAction)),
                windows.Select(r => (r.CheckId, r.Cause, r.Status, r.Message, string.Join("|", r.Evidence), r.RepairAction)));
        }

        [Fact]
        public void Judges_each_required_endpoint_and_only_remediation_differs_by_system()
        {
            var linux = ConnectivityChecks.OnLinux(Probed, Builder(CheckCatalog.NetworkWireServer)).ToArray();
            var windows = ConnectivityChecks.OnWindows(Probed, Builder(CheckCatalog.NetworkWireServer)).ToArray();
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Failed }, linux.Select(r => r.Status));
            Assert.Contains(linux[0].Evidence, e => e.StartsWith("informational, not required", StringComparison.Ordinal));
            Assert.Contains("iptables", linux[1].Remediation);
            Assert.Contains("Windows Firewall", windows[1].Remediation);

            var storage = ConnectivityChecks.OnWindows(Probed, Builder(CheckCatalog.NetworkStorage)).Single();
            Assert.Equal((CheckStatus.Failed, RepairAction.AddDatacenterRoute), (storage.Status, storage.RepairAction));
            Assert.Equal(CheckStatus.NotApplicable, ConnectivityChecks.OnLinux(Probed, Builder(CheckCatalog.NetworkWireServerHttp)).Single().Status);
        }

        [Fact]
        public void Probes_that_did_not_run_say_why_on_both_systems()
        {
            var notRun = ConnectivityFacts.NotRun("Connectivity is probed only inside the VM; a capture cannot show it.");
            foreach (var result in ConnectivityChecks.OnLinux(notRun, Builder(CheckCatalog.NetworkImds)).Concat(ConnectivityChecks.OnWindows(notRun, Builder(CheckCatalog.NetworkImds))))
            {
                Assert.Equal((CheckStatus.NotApplicable, "Connectivity is probed only inside the VM; a capture cannot show it."), (result.Status, result.Message));
            }
        }

        [Fact]
        public void Both_check_lists_define_every_Network_id_from_the_shared_definition()
        {
            Assert.Equal(ConnectivityChecks.Ids, LinuxCheckList.All.Select(new[] { "Network.*" }, null).Select(c => c.Id));
            Assert.Equal(ConnectivityChecks.Ids, WindowsCheckList.Create().Select(new[] { "Network.*" }, null).Select(c => c.Id));
        }
    }
}
