using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Azure
{
    public class OnDemandBackupStarterTests
    {
        private static async Task<(ArmSimulatorServer Sim, OnDemandBackupResult Result)> Start(SimVm vm)
        {
            // Midday, so the simulated on-demand jobs of "today" (up to 45 minutes back) never fall before midnight UTC.
            var now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
            var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Now = now, Vms = { vm } });
            using var client = SimulatorClients.Create(sim);
            var result = await new OnDemandBackupStarter(client, () => now).StartAsync(AzureVm.FromName(sim.Options.SubscriptionId, vm.ResourceGroup, vm.Name), null, CancellationToken.None);
            return (sim, result);
        }

        [Fact]
        public async Task StartsABackupThroughTheProtectedItem()
        {
            var (sim, result) = await Start(new SimVm("vm1") { OnDemandBackupsToday = 2 });
            await using (sim)
            {
                Assert.True(result.Started, result.Message);
                Assert.Equal(2, result.OnDemandToday);
                Assert.Contains("attempt 3 of 9", result.Message, StringComparison.Ordinal);
                var post = Assert.Single(sim.Requests, r => r.Method == "POST");
                Assert.EndsWith("/protectedItems/VM;iaasvmcontainerv2;rg-fleet;vm1/backup", post.Path, StringComparison.Ordinal);
                Assert.Equal(202, post.Status);
                Assert.Equal(3, sim.Options.Vms[0].OnDemandBackupsToday);
            }
        }

        [Fact]
        public async Task KeepsTheNineADayLimit()
        {
            var (sim, result) = await Start(new SimVm("vm1") { OnDemandBackupsToday = 9 });
            await using (sim)
            {
                Assert.False(result.Started);
                Assert.Equal(9, result.OnDemandToday);
                Assert.Contains("9 a day", result.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(sim.Requests, r => r.Method == "POST");
            }
        }

        [Fact]
        public async Task AnUnprotectedVmGetsNoBackup()
        {
            var (sim, result) = await Start(new SimVm("vm1") { Protected = false });
            await using (sim)
            {
                Assert.False(result.Started);
                Assert.Null(result.ProtectedItemId);
                Assert.Contains("not protected", result.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(sim.Requests, r => r.Method == "POST");
            }
        }
    }
}
