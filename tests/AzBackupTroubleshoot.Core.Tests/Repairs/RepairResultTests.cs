using System;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;

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
        }

        [Fact]
        public void Requires_a_target()
        {
            Assert.Throws<ArgumentNullException>(() => new RepairResult(null!, RepairAction.None, RepairStatus.Skipped));
        }
    }
}
