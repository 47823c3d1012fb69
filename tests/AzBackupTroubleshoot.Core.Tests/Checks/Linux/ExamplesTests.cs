using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Linux
{
    public class ExamplesTests
    {
        [Fact]
        public async Task Healthy_HasNoFailedOrErrorResult()
        {
            var results = await LinuxRun.CheckAsync(TempRoot.Example("healthy"));
            Assert.True(results.All(r => r.Status != CheckStatus.Failed && r.Status != CheckStatus.Error), results.Dump());
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxAgentProcess).Status);
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxSnapshotExtensionStatus).Status);
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxDhcpWireServer).Status);
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.HostAzurePlatform).Status);
        }

        [Theory]
        [InlineData("agent-stopped", CheckCatalog.LinuxAgentProcess, Cause.AgentNotResponsive)]
        [InlineData("agent-stopped", CheckCatalog.LinuxAgentAutoRestart, Cause.AgentNotResponsive)]
        [InlineData("agent-too-old", CheckCatalog.LinuxAgentVersion, Cause.AgentOutOfDate)]
        [InlineData("agent-too-old", CheckCatalog.LinuxAutoUpdate, Cause.AgentOutOfDate)]
        [InlineData("extensions-disabled", CheckCatalog.LinuxExtensionsEnabled, Cause.AgentMisconfigured)]
        [InlineData("extension-failing", CheckCatalog.LinuxSnapshotExtensionStatus, Cause.NoNetworkAccess)]
        [InlineData("no-dhcp-245", CheckCatalog.LinuxDhcpWireServer, Cause.SnapshotNotTaken)]
        [InlineData("no-dhcp-245", CheckCatalog.LinuxStaticNetwork, Cause.SnapshotNotTaken)]
        public async Task Example_FailsTheExpectedCheckWithItsCause(string example, string checkId, Cause cause)
        {
            var results = await LinuxRun.CheckAsync(TempRoot.Example(example));
            var result = results.Single(checkId);
            Assert.True(result.Status == CheckStatus.Failed, results.Dump());
            Assert.Equal(cause, result.Cause);
            Assert.NotEmpty(result.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(result.Remediation));
        }

        [Theory]
        [InlineData("agent-stopped", new[] { CheckCatalog.LinuxAgentAutoRestart, CheckCatalog.LinuxAgentProcess })]
        [InlineData("agent-too-old", new[] { CheckCatalog.LinuxAgentVersion, CheckCatalog.LinuxAutoUpdate })]
        [InlineData("extensions-disabled", new[] { CheckCatalog.LinuxExtensionsEnabled })]
        [InlineData("extension-failing", new[] { CheckCatalog.LinuxSnapshotExtensionStatus })]
        [InlineData("no-dhcp-245", new[] { CheckCatalog.LinuxDhcpWireServer, CheckCatalog.LinuxStaticNetwork })]
        public async Task Example_FailsOnlyTheExpectedChecks(string example, string[] failing)
        {
            var results = await LinuxRun.CheckAsync(TempRoot.Example(example));
            Assert.Equal(failing.OrderBy(f => f), results.Where(r => r.Status == CheckStatus.Failed).Select(r => r.CheckId).OrderBy(f => f));
            Assert.DoesNotContain(results, r => r.Status == CheckStatus.Error);
        }

        [Theory]
        [InlineData("healthy")]
        [InlineData("agent-stopped")]
        [InlineData("agent-too-old")]
        [InlineData("extensions-disabled")]
        [InlineData("extension-failing")]
        [InlineData("no-dhcp-245")]
        public async Task Example_ReportsEveryLinuxCheckOnceOrMore_AndConnectivityIsNotApplicableOffline(string example)
        {
            var results = await LinuxRun.CheckAsync(TempRoot.Example(example));
            foreach (var check in AzBackupTroubleshoot.Core.Checks.Linux.LinuxCheckList.All)
            {
                Assert.Contains(results, r => r.CheckId == check.Id);
            }

            Assert.All(results.Where(r => r.CheckId.StartsWith("Network.")), r => Assert.Equal(CheckStatus.NotApplicable, r.Status));
            Assert.All(results, r => Assert.Equal(TempRoot.Example(example), r.Target));
        }
    }
}
