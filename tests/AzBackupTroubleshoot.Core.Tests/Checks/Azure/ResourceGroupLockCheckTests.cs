using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;
using AzBackupTroubleshoot.Core.Tests.Facts.Azure;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Azure
{
    /// <summary>Azure.ResourceGroupLock, through the fleet scanner against the simulator and on hand-made facts.</summary>
    public class ResourceGroupLockCheckTests
    {
        private const string BackupGroup = "AzureBackupRG_westus_1";

        private static async Task<List<FleetScanItem>> Scan(ArmSimulatorServer sim, FleetScanOptions? scan = null, int maxRetries = 5)
        {
            var clientOptions = SimulatorClients.Options(sim);
            clientOptions.MaxRetries = maxRetries;
            using var client = new ArmClient(clientOptions, new FixedTokenProvider(sim.Options.Token));
            var items = new List<FleetScanItem>();
            await new FleetScanner(client, new KnowledgeBaseErrorClassifier(), scan).ScanSubscriptionsAsync(new[] { sim.Options.SubscriptionId }, items.Add, null, CancellationToken.None);
            Assert.All(items, i => Assert.True(i.Succeeded, i.ErrorMessage));
            return items.OrderBy(i => i.Vm!.Name, StringComparer.Ordinal).ToList();
        }

        private static HealthCheckResult Lock(FleetScanItem item) => Assert.Single(item.Results, r => r.CheckId == CheckCatalog.AzureResourceGroupLock);

        private static SimulatorOptions Fleet(params SimLock[] locks)
        {
            var options = new SimulatorOptions { Vms = SimFleet.MixedFleet(10) };
            foreach (var l in locks)
            {
                options.Locks.Add(l);
            }

            return options;
        }

        [Fact]
        public async Task ALockOnTheBackupResourceGroupFailsEveryProtectedVm()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(new SimLock("keep", "CanNotDelete", BackupGroup, "Do not delete backups")));
            var items = await Scan(sim);
            var lockId = $"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/{BackupGroup}/providers/Microsoft.Authorization/locks/keep";

            for (var i = 0; i < items.Count; i++)
            {
                var result = Lock(items[i]);
                if (SimFleet.KindOf(i) == SimVmKind.NotProtected)
                {
                    Assert.Equal(CheckStatus.NotApplicable, result.Status);
                    Assert.Contains("not protected", result.Message, StringComparison.Ordinal);
                    continue;
                }

                // Deallocated VMs too: their restore points are still kept and cleaned up.
                Assert.Equal(CheckStatus.Failed, result.Status);
                Assert.Equal(Cause.ResourceGroupLocked, result.Cause);
                Assert.Equal(RepairAction.None, result.RepairAction);
                Assert.Contains("CanNotDelete lock 'keep' on resource group " + BackupGroup, result.Message, StringComparison.Ordinal);
                Assert.Contains("UserErrorRpCollectionLimitReached", result.Message, StringComparison.Ordinal);
                Assert.Contains($"lock {lockId}: level CanNotDelete, on the resource group /subscriptions/{sim.Options.SubscriptionId}/resourceGroups/{BackupGroup}, notes: Do not delete backups", result.Evidence);
                Assert.Contains($"Remove-AzResourceLock -LockId '{lockId}'", result.Remediation, StringComparison.Ordinal);
                Assert.Contains("on-demand backup", result.Remediation, StringComparison.Ordinal);
            }

            // Two lists for the whole subscription (the resource groups and the subscription's locks, which hold the
            // groups' locks), not two per VM, and no group's own lock list.
            Assert.Equal(0, sim.Requests.Count(r => r.Path.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase) && r.Path.EndsWith("/Microsoft.Authorization/locks", StringComparison.Ordinal)));
            Assert.Equal(2, sim.Requests.Count(r => r.Path.EndsWith("/resourcegroups", StringComparison.Ordinal) || r.Path.EndsWith("/Microsoft.Authorization/locks", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task WithoutALockTheCheckPassesAndNamesTheGroup()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(new SimLock("elsewhere", "ReadOnly", "rg-fleet-0")));
            var items = await Scan(sim);

            var result = Lock(items[0]);
            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Contains(BackupGroup, result.Message, StringComparison.Ordinal);
            Assert.Contains($"restore point resource group: /subscriptions/{sim.Options.SubscriptionId}/resourceGroups/{BackupGroup} (westus)", result.Evidence);
            Assert.DoesNotContain(result.Evidence, e => e.Contains("elsewhere", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ALockOnTheSubscriptionIsInheritedByTheBackupResourceGroup()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(new SimLock("tenant-policy", "ReadOnly", null, "Set by governance")));
            var items = await Scan(sim);

            var result = Lock(items[1]);
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("ReadOnly lock 'tenant-policy' on the subscription (inherited by every resource group)", result.Message, StringComparison.Ordinal);
            Assert.Contains($"lock /subscriptions/{sim.Options.SubscriptionId}/providers/Microsoft.Authorization/locks/tenant-policy: level ReadOnly, on the subscription (inherited) /subscriptions/{sim.Options.SubscriptionId}, notes: Set by governance", result.Evidence);
            Assert.Contains("move the subscription's lock down", result.Remediation, StringComparison.Ordinal);
        }

        [Fact]
        public async Task BeforeTheFirstBackupThereIsNoGroupAndTheCheckIsNotApplicable()
        {
            var options = Fleet(new SimLock("tenant-policy", "ReadOnly"));
            options.CreateBackupResourceGroups = false;
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var items = await Scan(sim);

            var result = Lock(items[0]);
            Assert.Equal(CheckStatus.NotApplicable, result.Status);
            Assert.Contains("no AzureBackupRG_westus_<number> resource group yet", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task UnreadableLocksAreAnErrorResultAndTheScanGoesOn()
        {
            var options = Fleet();
            options.Faults = new FaultOptions { ServerErrorRate = 1.0, Applies = (method, path) => path.EndsWith("/Microsoft.Authorization/locks", StringComparison.Ordinal) };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var items = await Scan(sim, maxRetries: 1);

            Assert.Equal(10, items.Count);
            var result = Lock(items[0]);
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("Could not read the locks", result.Message, StringComparison.Ordinal);
            Assert.Equal(CheckStatus.Passed, items[0].Results.Single(r => r.CheckId == CheckCatalog.AzureBackupJob).Status);
        }

        [Fact]
        public async Task WithoutBackupEvidenceNothingIsReadAndTheCheckIsNotApplicable()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(new SimLock("keep", "CanNotDelete", BackupGroup)));
            var items = await Scan(sim, new FleetScanOptions { IncludeBackupEvidence = false });

            Assert.All(items, i => Assert.Equal(CheckStatus.NotApplicable, Lock(i).Status));
            Assert.DoesNotContain(sim.Requests, r => r.Path.EndsWith("/Microsoft.Authorization/locks", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ALockWithoutADeleteBlockingLevelPasses()
        {
            var vm = AzureVm.FromName(InstanceViewParserTests.Subscription, "rg", "vm1", AzureOsType.Linux);
            var group = new BackupResourceGroup("/subscriptions/s1/resourceGroups/AzureBackupRG_westus_1", "AzureBackupRG_westus_1", "westus");
            var odd = new ManagementLock("/subscriptions/s1/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Authorization/locks/odd", "NotSpecified", null);
            var facts = new AzureVmFacts(vm, "running", "succeeded", null, null, Array.Empty<AzureExtensionView>())
                .WithRestorePointLocks(new RestorePointLockEvidence("westus", new[] { group }, new[] { odd }), null);

            var results = await new CheckEngine().RunAsync(facts, AzureCheckList.Create(AzureCheckListTests.Classifier), new CheckContext(vm.Id), CancellationToken.None);

            var result = Assert.Single(results, r => r.CheckId == CheckCatalog.AzureResourceGroupLock);
            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Contains("1 lock(s) without a delete-blocking level", result.Message, StringComparison.Ordinal);
            Assert.Contains(result.Evidence, e => e.StartsWith("lock " + odd.Id + ": level NotSpecified", StringComparison.Ordinal));
        }
    }
}
