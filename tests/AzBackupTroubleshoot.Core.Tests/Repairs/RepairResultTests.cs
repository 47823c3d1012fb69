using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Repairs
{
    public class RepairResultTests
    {
        [Fact]
        public void Keeps_what_it_is_given_and_defaults_the_detail_to_empty()
        {
            var r = new RepairResult("vm1", RepairAction.EnableExtensions, RepairStatus.Repaired, backupPath: "/etc/waagent.conf.bak");
            Assert.Equal("vm1", r.Target);
            Assert.Equal(RepairAction.EnableExtensions, r.Action);
            Assert.Equal(RepairStatus.Repaired, r.Status);
            Assert.Equal(string.Empty, r.Detail);
            Assert.Equal("/etc/waagent.conf.bak", r.BackupPath);
            Assert.Equal("[Repaired] vm1 EnableExtensions: ", r.ToString());
            Assert.True(r.Changed);
            Assert.Null(r.ResourceId);
            Assert.Equal((string?)null, r.Before);
            Assert.Equal(TimeSpan.Zero, r.Duration);
        }

        [Theory]
        [InlineData(RepairStatus.Repaired, true)]
        [InlineData(RepairStatus.Started, true)]
        [InlineData(RepairStatus.AlreadyHealthy, false)]
        [InlineData(RepairStatus.Skipped, false)]
        [InlineData(RepairStatus.Failed, false)]
        public void Changed_means_the_target_was_changed_or_the_change_is_under_way(RepairStatus status, bool changed)
        {
            Assert.Equal(changed, new RepairResult("vm1", RepairAction.SetVssCopyMode, status).Changed);
        }

        [Fact]
        public void An_Azure_VM_result_names_the_VM_for_binding_by_property_name_and_keeps_it_when_a_backup_is_added()
        {
            var vm = new AzureVm("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/win1");
            var r = RepairResult.ForAzureVm(vm, RepairAction.UninstallSnapshotExtension, RepairStatus.Repaired, "VMSnapshot was removed.", "VMSnapshot", null, TimeSpan.FromSeconds(3));
            Assert.Equal((vm.Id, vm.Id, "win1", "rg-fleet"), (r.Target, r.ResourceId, r.VMName, r.ResourceGroupName));
            Assert.False(r.BackupStarted);

            var withBackup = r.WithBackup(new OnDemandBackupResult(true, "A backup was started.", "item", 0));
            Assert.Equal((vm.Id, "win1", "rg-fleet", "VMSnapshot", TimeSpan.FromSeconds(3), RepairStatus.Repaired), (withBackup.ResourceId, withBackup.VMName, withBackup.ResourceGroupName, withBackup.Before, withBackup.Duration, withBackup.Status));
            Assert.True(withBackup.BackupStarted);
            Assert.Equal("VMSnapshot was removed. A backup was started.", withBackup.Detail);
        }

        [Fact]
        public void Before_and_after_pass_through_the_redactor()
        {
            var r = new RepairResult("vm1", RepairAction.SetVssCopyMode, RepairStatus.Repaired, before: "Bearer abcdefghijklmnopqrstuvwxyz0123456789", after: "TRUE");
            Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz0123456789", r.Before, StringComparison.Ordinal);
            Assert.Equal("TRUE", r.After);
        }

        [Fact]
        public void Requires_a_target()
        {
            Assert.Throws<ArgumentNullException>(() => new RepairResult(null!, RepairAction.None, RepairStatus.Skipped));
        }
    }
}
