using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Azure
{
    public class SnapshotExtensionRemoverTests
    {
        private static SimulatorOptions Options(bool asyncOperation = false) => new SimulatorOptions
        {
            Vms =
            {
                new SimVm("win1") { SnapshotExtension = SimExtensionState.Failed },
                new SimVm("lin1") { OsType = "Linux", SnapshotExtension = SimExtensionState.Succeeded },
                new SimVm("bare") { SnapshotExtension = SimExtensionState.None },
            },
            OperationPolls = 2,
            OperationRetryAfterSeconds = 1,
            UseAsyncOperationHeader = asyncOperation,
        };

        private static AzureVm Vm(ArmSimulatorServer sim, string name, AzureOsType os = AzureOsType.Unknown) =>
            AzureVm.FromName(sim.Options.SubscriptionId, "rg-fleet", name, os);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task SendsOneDeleteAndPollsToSucceeded(bool asyncOperation)
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Options(asyncOperation));
            using var client = SimulatorClients.Create(sim);
            var remover = new SnapshotExtensionRemover(client);
            var result = await remover.FindAndRemoveAsync(Vm(sim, "win1", AzureOsType.Windows), waitForCompletion: true, CancellationToken.None);

            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal("win1", result.VMName);
            Assert.Equal("rg-fleet", result.ResourceGroupName);
            Assert.Equal(("VMSnapshot", (string?)null), (result.Before, result.After));
            Assert.Contains("next backup", result.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.True(result.Duration >= TimeSpan.FromSeconds(2), $"{result.Duration}: three polls one second apart");

            var requests = sim.Requests;
            var delete = Assert.Single(requests, r => r.Method == "DELETE");
            Assert.EndsWith("/virtualMachines/win1/extensions/VMSnapshot", delete.Path, StringComparison.Ordinal);
            Assert.Equal(202, delete.Status);
            var polls = requests.Where(r => r.Path.Contains("/operations/", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, polls.Count);
            Assert.Equal(asyncOperation ? 200 : 200, polls[^1].Status);
            Assert.Empty(RequestLogChecks.EarlyRetries(requests));
            Assert.Equal(SimExtensionState.None, sim.Options.Vms[0].SnapshotExtension);
        }

        [Fact]
        public async Task NoWaitSendsTheDeleteAndDoesNotPoll()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Options());
            using var client = SimulatorClients.Create(sim);
            var result = await new SnapshotExtensionRemover(client).FindAndRemoveAsync(Vm(sim, "win1", AzureOsType.Windows), waitForCompletion: false, CancellationToken.None);

            Assert.Equal(RepairStatus.Started, result.Status);
            Assert.Single(sim.Requests, r => r.Method == "DELETE");
            Assert.DoesNotContain(sim.Requests, r => r.Path.Contains("/operations/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AVmWithoutTheExtensionIsNotInstalledAndNothingIsDeleted()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Options());
            using var client = SimulatorClients.Create(sim);
            var result = await new SnapshotExtensionRemover(client).FindAndRemoveAsync(Vm(sim, "bare"), true, CancellationToken.None);

            Assert.Equal(RepairStatus.AlreadyHealthy, result.Status);
            Assert.Contains("(VMSnapshot) is not installed", result.Detail);
            Assert.DoesNotContain(sim.Requests, r => r.Method == "DELETE");
        }

        [Fact]
        public async Task TheOsTypeIsReadToPickVmSnapshotLinux()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Options());
            using var client = SimulatorClients.Create(sim);
            var remover = new SnapshotExtensionRemover(client);
            var (vm, extension) = await remover.FindAsync(Vm(sim, "lin1"), CancellationToken.None);

            Assert.Equal(AzureOsType.Linux, vm.OsType);
            Assert.Equal("VMSnapshotLinux", extension!.Name);
            Assert.DoesNotContain(sim.Requests, r => r.Method == "DELETE");
            var result = await remover.RemoveAsync(extension, true, CancellationToken.None);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.EndsWith("/extensions/VMSnapshotLinux", sim.Requests.Single(r => r.Method == "DELETE").Path, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AMissingVmIsAnArmError()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Options());
            using var client = SimulatorClients.Create(sim);
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => new SnapshotExtensionRemover(client).FindAndRemoveAsync(Vm(sim, "ghost"), true, CancellationToken.None));
            Assert.True(ex.IsNotFound);
            Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
        }
    }
}
