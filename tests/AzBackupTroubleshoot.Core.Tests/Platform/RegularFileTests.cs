using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Platform
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class RegularFileTests
    {
        [Fact]
        public void OpenRead_ReadsARegularFile_AndRefusesEverythingElse()
        {
            using var temp = new TempRoot().Write("a.txt", "text").Link("link", "a.txt");
            var fifo = FolderLinuxRootTests.MakeFifo(temp, "pipe");
            using (var stream = RegularFile.OpenRead(temp.Full("a.txt")))
            {
                Assert.Equal(4, stream.Length);
            }

            Assert.Equal(FileNodeKind.Fifo, FolderLinuxRootTests.ReadWithin(() => Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead(fifo)).Kind, fifo));
            Assert.Equal(FileNodeKind.CharacterDevice, Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead("/dev/zero")).Kind);
            Assert.Equal(FileNodeKind.Directory, Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead(temp.Path)).Kind);
            Assert.Equal(FileNodeKind.SymbolicLink, Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead(temp.Full("link"), followLinks: false)).Kind);
            RegularFile.OpenRead(temp.Full("link")).Dispose();
            Assert.Throws<FileNotFoundException>(() => RegularFile.OpenRead(temp.Full("absent")));
        }

        [Fact]
        public void EnsureReplaceable_RefusesDevicesFifosAndFolders_NotFilesOrLinks()
        {
            using var temp = new TempRoot().Write("a.txt", "text").Link("link", "/dev/null");
            var fifo = FolderLinuxRootTests.MakeFifo(temp, "pipe");
            RegularFile.EnsureReplaceable(temp.Full("a.txt"));
            RegularFile.EnsureReplaceable(temp.Full("absent"));
            RegularFile.EnsureReplaceable(temp.Full("link")); // a rename replaces the link itself, never /dev/null
            Assert.Equal(FileNodeKind.Fifo, Assert.Throws<NotRegularFileException>(() => RegularFile.EnsureReplaceable(fifo)).Kind);
            Assert.Equal(FileNodeKind.CharacterDevice, Assert.Throws<NotRegularFileException>(() => RegularFile.EnsureReplaceable("/dev/null")).Kind);
            Assert.Equal(FileNodeKind.Directory, Assert.Throws<NotRegularFileException>(() => RegularFile.EnsureReplaceable(temp.Path)).Kind);
        }
    }
}
