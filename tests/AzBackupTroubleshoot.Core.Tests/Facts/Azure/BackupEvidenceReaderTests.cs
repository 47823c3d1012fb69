using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    public class BackupEvidenceReaderTests
    {
        [Fact]
        public async Task ReadsItemsAndFailedJobsWithTheirErrorDetails()
        {
            var now = DateTimeOffset.UtcNow;
            var failing = new SimVm("vm-fail");
            failing.FailedJobs.Add(new List<SimJobError> { new SimJobError(400038, "first error", "Backup") });
            failing.FailedJobs.Add(new List<SimJobError> { new SimJobError(400039, "second error") });
            var options = new SimulatorOptions { Now = now, Vms = { failing, new SimVm("vm-ok"), new SimVm("vm-none") { Protected = false } } };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var reader = new BackupEvidenceReader(client, new BackupEvidenceOptions { Clock = () => now });

            var vaults = await reader.ListVaultsAsync(sim.Options.SubscriptionId, CancellationToken.None);
            var index = await reader.ReadAsync(vaults, CancellationToken.None);

            Assert.Equal($"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault1", Assert.Single(vaults));
            Assert.Equal(2, index.ProtectedCount);
            var evidence = index.For(AzureVm.FromName(sim.Options.SubscriptionId, "rg-fleet", "VM-FAIL"));
            Assert.Equal("Failed", evidence.Item!.LastBackupStatus);
            Assert.Equal("iaasvmcontainerv2;rg-fleet;vm-fail", evidence.Item.ContainerName);
            Assert.Equal(2, evidence.FailedJobs.Count);
            Assert.True(evidence.FailedJobs[0].StartTime > evidence.FailedJobs[1].StartTime, "newest first");
            var error = Assert.Single(evidence.FailedJobs[0].Errors);
            Assert.Equal(400038, error.ErrorCode);
            Assert.Equal("first error", error.Message);
            Assert.Equal("Backup", error.Title);

            Assert.Empty(index.For(AzureVm.FromName(sim.Options.SubscriptionId, "rg-fleet", "vm-ok")).FailedJobs);
            Assert.Null(index.For(AzureVm.FromName(sim.Options.SubscriptionId, "rg-fleet", "vm-none")).Item);

            // The list has no errorDetails (as in the official example): only the newest failure's details were read.
            Assert.Empty(evidence.FailedJobs[1].Errors);
            Assert.Equal("Failed", evidence.FailedJobs[1].Status);
            Assert.Equal(1, sim.Requests.Count(r => r.Path.Contains("/backupJobs/", StringComparison.Ordinal)));
            var jobsQuery = sim.Requests.Single(r => r.Path.EndsWith("/backupJobs", StringComparison.Ordinal)).Query;
            Assert.Contains("status%20eq%20%27Failed%27", jobsQuery, StringComparison.Ordinal);
        }

        [Fact]
        public void TheJobFilterTimeFollowsTheOfficialExample() =>
            Assert.Equal("2016-01-01 12:00:00 AM", BackupEvidenceReader.FilterTime(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        [Fact]
        public async Task JobsOutsideTheWindowAreLeftOut()
        {
            var now = DateTimeOffset.UtcNow;
            var vm = new SimVm("vm1");
            for (var i = 0; i < 6; i++)
            {
                vm.FailedJobs.Add(new List<SimJobError> { new SimJobError(1, "e" + i) });
            }

            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Now = now, Vms = { vm } });
            using var client = SimulatorClients.Create(sim);

            // Jobs start 1, 7, 13, 19, 25, 31 hours ago; a 20-hour window keeps four, and at most three are kept per VM.
            var reader = new BackupEvidenceReader(client, new BackupEvidenceOptions { Clock = () => now, Lookback = TimeSpan.FromHours(20), MaxFailedJobsPerVm = 3, MaxJobDetailsPerVm = 3 });
            var index = await reader.ReadAsync(new[] { $"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault1" }, CancellationToken.None);
            var failures = index.For(AzureVm.FromName(sim.Options.SubscriptionId, "rg-fleet", "vm1")).FailedJobs;
            Assert.Equal(new[] { "e0", "e1", "e2" }, failures.Select(f => f.Errors[0].Message));
        }
    }
}
