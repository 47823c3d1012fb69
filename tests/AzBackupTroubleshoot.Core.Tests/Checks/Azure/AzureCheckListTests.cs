using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Azure
{
    public class AzureCheckListTests
    {
        private static readonly AzureVm Windows = AzureVm.FromName(InstanceViewParserTests.Subscription, "rg", "vm1", AzureOsType.Windows);
        private static readonly AzureVm Linux = AzureVm.FromName(InstanceViewParserTests.Subscription, "rg", "vm2", AzureOsType.Linux);

        internal static readonly IBackupErrorClassifier Classifier = new DelegateBackupErrorClassifier(error =>
            error.Message.IndexOf("VM Agent unable to communicate with Azure Backup", StringComparison.OrdinalIgnoreCase) >= 0
                ? new BackupErrorClassification("UserErrorGuestAgentStatusUnavailable", Cause.AgentNotResponsive, "Restart the agent.", RepairAction.RestartAgent)
                : null);

        private static async Task<IReadOnlyList<HealthCheckResult>> Run(AzureVmFacts facts) =>
            await new CheckEngine().RunAsync(facts, AzureCheckList.Create(Classifier), new CheckContext(facts.Vm.Id), CancellationToken.None);

        private static HealthCheckResult One(IReadOnlyList<HealthCheckResult> results, string id) => Assert.Single(results, r => r.CheckId == id);

        private static AzureVmFacts Facts(AzureVm vm, string power = "running", string provisioning = "succeeded", string? agentDisplay = "Ready", string? version = "2.7.41491.1130",
            IReadOnlyList<AzureExtensionView>? extensions = null, IReadOnlyList<AzureExtensionHandlerView>? handlers = null, BackupEvidence? backup = null)
        {
            var agent = agentDisplay is null ? null : new AzureAgentView(version,
                new[] { new InstanceViewStatus(agentDisplay == "Ready" ? "ProvisioningState/succeeded" : "ProvisioningState/Unavailable", "Info", agentDisplay, agentDisplay == "Ready" ? "ok" : "VM Agent is unresponsive.", null) },
                handlers ?? Array.Empty<AzureExtensionHandlerView>());
            return new AzureVmFacts(vm, power, provisioning, null, agent, extensions ?? Array.Empty<AzureExtensionView>(), backup);
        }

        [Fact]
        public void EveryCheckIdIsInTheCatalogWithItsCause()
        {
            foreach (var check in AzureCheckList.Create(Classifier))
            {
                var info = CheckCatalog.Find(check.Id);
                Assert.NotNull(info);
                Assert.Equal(CheckPlatform.Azure, info!.Platform);
                Assert.Equal(info.Cause, check.Cause);
            }
        }

        [Fact]
        public async Task TheOfficialExampleHasAnOutdatedWindowsAgent()
        {
            var facts = InstanceViewParser.Parse(Windows, InstanceViewParserTests.Example("VirtualMachine_Get_InstanceView.json"));
            var results = await Run(facts);

            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.AzurePowerState).Status);
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.AzureAgentStatus).Status);
            var version = One(results, CheckCatalog.AzureAgentVersion);
            Assert.Equal(CheckStatus.Failed, version.Status);
            Assert.Equal(Cause.AgentOutOfDate, version.Cause);
            Assert.Contains("2.7.41491.949", version.Message, StringComparison.Ordinal);
            Assert.Contains("2.7.41491.1010", version.Message, StringComparison.Ordinal);
            Assert.Equal(RepairAction.ReinstallAgent, version.RepairAction);
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.AzureSnapshotExtension).Status);
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.AzureExtensionProvisioning).Status);
            Assert.Equal(CheckStatus.NotApplicable, One(results, CheckCatalog.AzureBackupJob).Status);
            Assert.All(results, r => Assert.Equal(Windows.Id, r.Target));
        }

        [Fact]
        public async Task ADeallocatedVmIsNotApplicableNotAFailure()
        {
            var results = await Run(Facts(Linux, power: "deallocated", agentDisplay: null));
            foreach (var id in new[] { CheckCatalog.AzurePowerState, CheckCatalog.AzureAgentStatus, CheckCatalog.AzureAgentVersion, CheckCatalog.AzureSnapshotExtension, CheckCatalog.AzureExtensionProvisioning })
            {
                Assert.Equal(CheckStatus.NotApplicable, One(results, id).Status);
            }

            Assert.DoesNotContain(results, r => r.Status == CheckStatus.Failed);
        }

        [Fact]
        public async Task NotReadyAgentFailsWithItsMessage()
        {
            var results = await Run(Facts(Windows, agentDisplay: "Not Ready", version: "Unknown"));
            var status = One(results, CheckCatalog.AzureAgentStatus);
            Assert.Equal(CheckStatus.Failed, status.Status);
            Assert.Equal(Cause.AgentNotResponsive, status.Cause);
            Assert.Contains("VM Agent is unresponsive.", status.Message, StringComparison.Ordinal);
            Assert.Equal(CheckStatus.Warning, One(results, CheckCatalog.AzureAgentVersion).Status);
        }

        [Fact]
        public async Task MissingAgentFails()
        {
            var results = await Run(Facts(Windows, agentDisplay: null));
            Assert.Equal(CheckStatus.Failed, One(results, CheckCatalog.AzureAgentStatus).Status);
        }

        [Theory]
        [InlineData("2.2.53.1", CheckStatus.Passed)]
        [InlineData("2.9.1.1", CheckStatus.Passed)]
        [InlineData("2.2.49.2", CheckStatus.Failed)]
        [InlineData("2.2.53", CheckStatus.Failed)]
        [InlineData(" 2.2.53.1 ", CheckStatus.Passed)]
        public async Task LinuxAgentMinimum(string version, CheckStatus expected)
        {
            var result = One(await Run(Facts(Linux, version: version)), CheckCatalog.AzureAgentVersion);
            Assert.Equal(expected, result.Status);
            if (expected == CheckStatus.Failed)
            {
                Assert.Equal(RepairAction.UpdateAgent, result.RepairAction);
            }
        }

        [Fact]
        public async Task FailedSnapshotExtensionSuggestsUninstall()
        {
            var snapshot = new AzureExtensionView("VMSnapshot", "Microsoft.Azure.RecoveryServices.VMSnapshot", "1.0.90.0",
                new[] { new InstanceViewStatus("ProvisioningState/failed/-40", "Error", "Provisioning failed", "Snapshot failed", null) },
                new[] { new InstanceViewStatus("ComponentStatus/snapshot/failed", "Error", "x", "the detail", null) });
            var results = await Run(Facts(Windows, extensions: new[] { snapshot }));

            var check = One(results, CheckCatalog.AzureSnapshotExtension);
            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.Equal(Cause.ExtensionNotLoaded, check.Cause);
            Assert.Equal(RepairAction.UninstallSnapshotExtension, check.RepairAction);
            Assert.Contains("the detail", check.Message, StringComparison.Ordinal);
            Assert.Contains(check.Evidence, e => e.Contains("substatus", StringComparison.Ordinal));
            var provisioning = One(results, CheckCatalog.AzureExtensionProvisioning);
            Assert.Equal(CheckStatus.Failed, provisioning.Status);
            Assert.Equal(RepairAction.UninstallSnapshotExtension, provisioning.RepairAction);
        }

        [Fact]
        public async Task NotReadyHandlerAloneFailsTheSnapshotCheck()
        {
            var handler = new AzureExtensionHandlerView("Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "1.0.9225.0", new InstanceViewStatus("ProvisioningState/failed/1", "Error", "Not Ready", "handler down", null));
            var result = One(await Run(Facts(Linux, handlers: new[] { handler })), CheckCatalog.AzureSnapshotExtension);
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("handler down", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task OtherFailedExtensionsNeedManualRepair()
        {
            var other = new AzureExtensionView("CustomScript", "Microsoft.Compute.CustomScriptExtension", "1.10",
                new[] { new InstanceViewStatus("ProvisioningState/failed/1", "Error", "Provisioning failed", "exit 1", null) }, Array.Empty<InstanceViewStatus>());
            var result = One(await Run(Facts(Windows, extensions: new[] { other })), CheckCatalog.AzureExtensionProvisioning);
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Equal(RepairAction.None, result.RepairAction);
            Assert.Contains("CustomScript", result.Message, StringComparison.Ordinal);
            Assert.Contains("UserErrorVmProvisioningStateFailed", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task FailedVmProvisioningFailsTheProvisioningStateCheckOnly()
        {
            var results = await Run(Facts(Windows, provisioning: "failed"));
            Assert.Equal(CheckStatus.Failed, One(results, CheckCatalog.AzureProvisioningState).Status);
            Assert.Equal(Cause.VmStateNotSupported, One(results, CheckCatalog.AzureProvisioningState).Cause);
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.AzurePowerState).Status);
        }

        [Fact]
        public async Task AnUpdatingVmIsAWarningOfTheProvisioningStateCheck()
        {
            Assert.Equal(CheckStatus.Warning, One(await Run(Facts(Windows, provisioning: "updating")), CheckCatalog.AzureProvisioningState).Status);
        }

        private static BackupEvidence Evidence(string lastStatus, DateTimeOffset? lastTime, params BackupJobFailure[] failures) =>
            new BackupEvidence(new[] { "/v" }, "/v", new ProtectedItemInfo("/v/item", "c", "vm1", "Protected", "ActionRequired", lastStatus, lastTime), failures, DateTimeOffset.UtcNow.AddDays(-7));

        private static BackupJobFailure Failure(DateTimeOffset start, params string[] messages) =>
            new BackupJobFailure("/v/backupJobs/j1", "Backup", "Failed", start, messages.Select(m => new BackupJobError(400038, null, m, null)).ToList(), null);

        [Fact]
        public async Task KnownJobErrorsTakeTheKnowledgeBaseCause()
        {
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            var results = await Run(Facts(Windows, backup: Evidence("Failed", start, Failure(start, "VM Agent unable to communicate with Azure Backup"))));
            var job = One(results, CheckCatalog.AzureBackupJob);
            Assert.Equal(CheckStatus.Failed, job.Status);
            Assert.Equal(Cause.AgentNotResponsive, job.Cause);
            Assert.Equal(RepairAction.RestartAgent, job.RepairAction);
            Assert.Contains("UserErrorGuestAgentStatusUnavailable", job.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task UnknownJobErrorsStayUnclassifiedWithTheirTextAndOneResultPerDistinctError()
        {
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            var results = await Run(Facts(Windows, backup: Evidence("Failed", start, Failure(start, "odd error", "odd error", "VM Agent unable to communicate with Azure Backup"))));
            var jobs = results.Where(r => r.CheckId == CheckCatalog.AzureBackupJob).ToList();
            Assert.Equal(2, jobs.Count);
            Assert.Contains(jobs, r => r.Cause == Cause.Unclassified && r.Message.Contains("no article entry matches", StringComparison.Ordinal) && r.Message.EndsWith("odd error", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AFailureFollowedBySuccessIsAWarning()
        {
            var start = DateTimeOffset.UtcNow.AddHours(-10);
            var job = One(await Run(Facts(Windows, backup: Evidence("Completed", DateTimeOffset.UtcNow.AddHours(-1), Failure(start, "odd error")))), CheckCatalog.AzureBackupJob);
            Assert.Equal(CheckStatus.Warning, job.Status);
        }

        [Fact]
        public async Task BackupEvidenceStates()
        {
            Assert.Equal(CheckStatus.Passed, One(await Run(Facts(Windows, backup: Evidence("Completed", DateTimeOffset.UtcNow))), CheckCatalog.AzureBackupJob).Status);
            var unprotected = new BackupEvidence(new[] { "/v" }, null, null, Array.Empty<BackupJobFailure>(), DateTimeOffset.UtcNow);
            Assert.Equal(CheckStatus.NotApplicable, One(await Run(Facts(Windows, backup: unprotected)), CheckCatalog.AzureBackupJob).Status);
            var error = One(await Run(Facts(Windows).WithBackup(null, "403 AuthorizationFailed")), CheckCatalog.AzureBackupJob);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("AuthorizationFailed", error.Message, StringComparison.Ordinal);
        }
    }
}
