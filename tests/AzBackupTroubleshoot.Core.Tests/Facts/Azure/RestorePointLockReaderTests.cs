using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    public class RestorePointLockReaderTests
    {
        private const string LockSuffix = "/providers/Microsoft.Authorization/locks";

        private static SimulatorOptions TwoRegions() => new SimulatorOptions
        {
            Vms =
            {
                new SimVm("vm-w1", "rg-app") { Location = "westus" },
                new SimVm("vm-w2", "rg-app") { Location = "westus" },
                new SimVm("vm-e1", "rg-app") { Location = "eastus" },
                new SimVm("vm-e2", "rg-app") { Location = "eastus" },
            },
            Locks =
            {
                new SimLock("no-delete", "CanNotDelete", "AzureBackupRG_westus_1", "Protected by the platform team"),
                new SimLock("app-lock", "ReadOnly", "rg-app"),
            },
        };

        private static AzureVm Vm(ArmSimulatorServer sim, SimVm vm) =>
            new AzureVm($"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/{vm.ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{vm.Name}", AzureOsType.Windows, vm.Location);

        [Fact]
        public async Task ReadsTwoListsOncePerSubscriptionWhateverTheNumberOfVmsAndRegions()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(TwoRegions());
            using var client = SimulatorClients.Create(sim);
            var reader = new RestorePointLockReader(client);

            // Twenty concurrent reads for four VMs: the answers are shared, not repeated.
            var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => reader.ReadAsync(Vm(sim, sim.Options.Vms[i % 4]), CancellationToken.None)));

            var requests = sim.Requests;
            Assert.Equal(1, requests.Count(r => r.Path.EndsWith("/resourcegroups", StringComparison.Ordinal)));
            Assert.Equal(1, requests.Count(r => r.Path == $"/subscriptions/{sim.Options.SubscriptionId}{LockSuffix}"));
            // No group's own lock list: the subscription's list already holds the groups' locks (see the reader's remarks).
            Assert.DoesNotContain(requests, r => r.Path.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(2, requests.Count);
            Assert.All(requests, r => Assert.Equal(200, r.Status));

            var west = reads[0];
            Assert.Equal("westus", west.Region);
            Assert.Equal("AzureBackupRG_westus_1", Assert.Single(west.ResourceGroups).Name);
            var found = Assert.Single(west.Locks);
            Assert.Equal($"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/AzureBackupRG_westus_1{LockSuffix}/no-delete", found.Id);
            Assert.Equal("CanNotDelete", found.Level);
            Assert.Equal("Protected by the platform team", found.Notes);

            // The lock on the VMs' own resource group does not cover the restore points; the east region has none.
            var east = reads[2];
            Assert.Equal("AzureBackupRG_eastus_1", Assert.Single(east.ResourceGroups).Name);
            Assert.Empty(east.Locks);
        }

        [Fact]
        public async Task ASubscriptionLockAppliesToEveryRegion()
        {
            var options = TwoRegions();
            options.Locks.Add(new SimLock("whole-subscription", "ReadOnly"));
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var reader = new RestorePointLockReader(client);

            var west = await reader.ReadAsync(Vm(sim, sim.Options.Vms[0]), CancellationToken.None);
            var east = await reader.ReadAsync(Vm(sim, sim.Options.Vms[2]), CancellationToken.None);

            Assert.Equal(new[] { ManagementLockScope.Subscription, ManagementLockScope.ResourceGroup }, west.Locks.Select(l => l.Scope));
            var inherited = Assert.Single(east.Locks);
            Assert.Equal(ManagementLockScope.Subscription, inherited.Scope);
            Assert.Equal($"/subscriptions/{sim.Options.SubscriptionId}{LockSuffix}/whole-subscription", inherited.Id);
        }

        [Fact]
        public async Task BeforeTheFirstBackupThereIsNoGroupAndNoGroupLockRequest()
        {
            var options = TwoRegions();
            options.CreateBackupResourceGroups = false;
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);

            var evidence = await new RestorePointLockReader(client).ReadAsync(Vm(sim, sim.Options.Vms[0]), CancellationToken.None);

            Assert.Empty(evidence.ResourceGroups);
            Assert.Empty(evidence.Locks);
            Assert.DoesNotContain(sim.Requests, r => r.Path.Contains("/resourceGroups/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task RegionNamesAreComparedWithoutCaseOrSpacesAndAnUnknownRegionTakesEveryGroup()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(TwoRegions());
            using var client = SimulatorClients.Create(sim);
            var reader = new RestorePointLockReader(client);
            var sub = sim.Options.SubscriptionId;

            var spelled = await reader.ReadAsync(new AzureVm($"/subscriptions/{sub}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-w1", AzureOsType.Windows, "West US"), CancellationToken.None);
            var unknown = await reader.ReadAsync(AzureVm.FromName(sub, "rg-app", "vm-w1"), CancellationToken.None);

            Assert.Equal("westus", spelled.Region);
            Assert.Equal("AzureBackupRG_westus_1", Assert.Single(spelled.ResourceGroups).Name);
            Assert.Null(unknown.Region);
            // By name, whichever source listed them (Resource Groups - List or Resource Graph).
            Assert.Equal(new[] { "AzureBackupRG_eastus_1", "AzureBackupRG_westus_1" }, unknown.ResourceGroups.Select(g => g.Name));
            Assert.Equal("no-delete", Assert.Single(unknown.Locks).Name);
        }

        [Fact]
        public async Task AnUnreadableLockListIsAnArmRequestException()
        {
            var options = TwoRegions();
            options.Faults = new FaultOptions { ServerErrorRate = 1.0, Applies = (method, path) => path.EndsWith(LockSuffix, StringComparison.Ordinal) };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var clientOptions = SimulatorClients.Options(sim);
            clientOptions.MaxRetries = 1;
            using var client = new ArmClient(clientOptions, new FixedTokenProvider(sim.Options.Token));

            var error = await Assert.ThrowsAsync<ArmRequestException>(() => new RestorePointLockReader(client).ReadAsync(Vm(sim, sim.Options.Vms[0]), CancellationToken.None));
            Assert.Equal("InternalServerError", error.ErrorCode);
        }
    }
}
