using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class MountTableTests
    {
        [Fact]
        public void ParseMounts_DecodesEscapes_AndFindsTheMountHoldingAPath()
        {
            var table = MountTable.ParseMounts(
                "/dev/sda1 / ext4 rw,relatime 0 0\n/dev/sdc1 /var ext4 rw,noexec 0 0\n/dev/sdd1 /data\\040disk xfs rw 0 0\n/dev/sde1 /var ext4 rw 0 0\n", out var problem)!;
            Assert.Null(problem);
            Assert.Equal(4, table.Entries.Count);
            Assert.Equal("/data disk", table.Entries[2].MountPoint);
            Assert.True(table.Entries[1].HasOption("noexec"));
            // The later /var mount hides the earlier one; /variable is not under /var.
            Assert.Equal(4, table.Holding("/var/lib/waagent")!.Line);
            Assert.Equal("/", table.Holding("/variable")!.MountPoint);
            Assert.Equal("/data disk", table.Holding("/data disk/x/")!.MountPoint);
        }

        [Theory]
        [InlineData("garbage\n", "line 1 has 1 fields")]
        [InlineData("/dev/sda1 / ext4 rw 0\n", "line 1 has 5 fields")]
        [InlineData("/dev/sda1 / ext4 rw 0 x\n", "field 6 'x' is not a number")]
        [InlineData("/dev/sda1 relative ext4 rw 0 0\n", "not an absolute path")]
        public void ParseMounts_RejectsLinesThatAreNotSixFields(string text, string expected)
        {
            Assert.Null(MountTable.ParseMounts(text, out var problem));
            Assert.Contains(expected, problem);
        }

        [Fact]
        public void ParseFstab_SkipsComments_AllowsFourFields_AndNamesABrokenLine()
        {
            var table = MountTable.ParseFstab("# comment\n\nUUID=1 / ext4 defaults 0 1\nLABEL=x /mnt auto defaults,nofail\n/swapfile none swap sw 0 0\n", out var problem)!;
            Assert.Null(problem);
            Assert.Equal(new[] { "/", "/mnt", "none" }, table.Entries.Select(e => e.MountPoint));
            Assert.Equal(4, table.Entries[1].Line);

            Assert.Null(MountTable.ParseFstab("UUID=1 / ext4 defaults 0 1\nUUID=2 /data\n", out problem));
            Assert.Equal("line 2 has 2 fields, fstab needs 4 to 6 (device, mount point, type, options, dump, pass)", problem);
        }

        [Fact]
        public void ATableLongerThanTheCap_IsMalformed_NotCut()
        {
            var text = string.Concat(Enumerable.Range(0, MountTable.MaxEntries + 1).Select(i => $"tmpfs /m{i} tmpfs rw 0 0\n"));
            Assert.Null(MountTable.ParseMounts(text, out var problem));
            Assert.Contains($"more than {MountTable.MaxEntries} entries", problem);
        }

        [Theory]
        [InlineData(100, 10, 5, 95)]
        [InlineData(100, 10, 10, 90)]
        [InlineData(100, 20, 10, 89)]
        [InlineData(100, 100, 100, 0)]
        [InlineData(0, 0, 0, 0)]
        public void UsedPercent_IsDfsUse_RoundedUp(long size, long free, long available, int expected)
        {
            // df: used = size - free; Use% = ceil(used / (used + available)).
            Assert.Equal(expected, FilesystemUsage.Measured("/", size, free, available).UsedPercent);
        }
    }
}
