using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Linux
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AtomicFileWriterTests
    {
        private static readonly DateTime Now = new DateTime(2024, 5, 2, 2, 30, 41, DateTimeKind.Utc);

        [Fact]
        public void Rewrite_KeepsModeAndOwner_AndLeavesNoTempFile()
        {
            using var temp = new TempRoot().Write("etc/waagent.conf", "old\n");
            var path = temp.Full("etc/waagent.conf");
            var metadata = new LibcFileMetadata();
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var asRoot = Elevation.IsElevated();
            if (asRoot)
            {
                Assert.True(metadata.Set(path, new UnixFileMetadata(0x1A0, 1234, 4321)));
            }

            new AtomicFileWriter(metadata, () => Now).Write(path, "new\n"u8.ToArray());

            Assert.Equal("new\n", File.ReadAllText(path));
            var after = metadata.Get(path)!;
            Assert.Equal(0x1A0, after.Mode); // 0640
            if (asRoot)
            {
                Assert.Equal(1234, after.UserId);
                Assert.Equal(4321, after.GroupId);
            }

            Assert.Equal(new[] { "waagent.conf" }, Directory.GetFiles(temp.Full("etc")).Select(Path.GetFileName));
        }

        [Fact]
        public void Backup_IsTimeStamped_AndNeverOverwritesAnEarlierOne()
        {
            using var temp = new TempRoot().Write("etc/waagent.conf", "v1\n");
            var writer = new AtomicFileWriter(new LibcFileMetadata(), () => Now);
            var first = writer.Backup(temp.Full("etc/waagent.conf"));
            var second = writer.Backup(temp.Full("etc/waagent.conf"));
            Assert.EndsWith("waagent.conf.20240502T023041Z.azbt.bak", first);
            Assert.EndsWith("waagent.conf.20240502T023041Z-1.azbt.bak", second);
            Assert.Equal("v1\n", File.ReadAllText(first));
        }

        [Fact]
        public void FailedRename_LeavesTheOriginalAndNoTempFile()
        {
            using var temp = new TempRoot().Write("etc/x/keep", "k");
            // The destination is a directory: the rename fails after the temp file was written.
            Assert.ThrowsAny<IOException>(() => new AtomicFileWriter(new LibcFileMetadata()).Write(temp.Full("etc/x"), "data"u8.ToArray()));
            Assert.Equal(new[] { "x" }, Directory.GetFileSystemEntries(temp.Full("etc")).Select(Path.GetFileName));
            Assert.Equal("k", File.ReadAllText(temp.Full("etc/x/keep")));
        }

        [Fact]
        public void NewFile_GetsTheGivenMode()
        {
            using var temp = new TempRoot();
            Directory.CreateDirectory(temp.Full("etc"));
            new AtomicFileWriter(new LibcFileMetadata()).Write(temp.Full("etc/new.conf"), "x"u8.ToArray(), 0x180);
            Assert.Equal(0x180, new LibcFileMetadata().Get(temp.Full("etc/new.conf"))!.Mode);
        }
    }
}
