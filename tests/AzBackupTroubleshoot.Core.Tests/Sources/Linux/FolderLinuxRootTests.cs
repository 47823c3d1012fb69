using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    public class FolderLinuxRootTests
    {
        [Fact]
        public void Read_PresentAbsentAndDirectory()
        {
            using var temp = new TempRoot().Write("etc/waagent.conf", "Extensions.Enabled=y\n");
            using var root = new FolderLinuxRoot(temp.Path);
            var present = root.Read("/etc/waagent.conf");
            Assert.Equal(RootReadStatus.Present, present.Status);
            Assert.Equal("/etc/waagent.conf", present.Path);
            Assert.Equal("Extensions.Enabled=y\n", Encoding.UTF8.GetString(present.Content));
            Assert.Equal(RootReadStatus.Absent, root.Read("etc/missing.conf").Status);
            Assert.Equal(RootReadStatus.Unreadable, root.Read("etc").Status);
            Assert.Equal(RootEntryKind.Directory, root.GetKind("etc"));
            Assert.Equal(RootEntryKind.File, root.GetKind("./etc//waagent.conf"));
            Assert.Equal(RootEntryKind.None, root.GetKind("var"));
        }

        [Fact]
        public void AFolderWithMoreEntriesThanTheLimit_IsUnreadable_NotListedToItsEnd()
        {
            using var temp = new TempRoot();
            for (var i = 0; i < 12; i++)
            {
                temp.Write($"var/lib/dhcp/l{i}.leases", "lease {}\n");
            }

            using var root = new FolderLinuxRoot(temp.Path, maxListingEntries: 11);
            var listing = root.List("var/lib/dhcp");
            Assert.Equal(RootReadStatus.Unreadable, listing.Status);
            Assert.Equal("it holds more than 11 entries (RootLimits.MaxListingEntries); it was not listed", listing.Problem);
            Assert.Empty(listing);
            using var roomy = new FolderLinuxRoot(temp.Path, maxListingEntries: 12);
            Assert.Equal(12, roomy.List("var/lib/dhcp").Count);
        }

        [Fact]
        public void AbsoluteLinks_ResolveInsideTheRoot_NotOnThisMachine()
        {
            // /etc/os-release exists on this machine; the offline root's link must not reach it.
            using var temp = new TempRoot()
                .Write("usr/lib/os-release", "ID=offline\n")
                .Link("etc/os-release", "/usr/lib/os-release")
                .Link("etc/hostname", "/etc/does-not-exist-in-root");
            using var root = new FolderLinuxRoot(temp.Path);
            Assert.Equal("ID=offline\n", Encoding.UTF8.GetString(root.Read("etc/os-release").Content));
            Assert.Equal("/usr/lib/os-release", root.ReadLink("etc/os-release"));
            var dangling = root.Read("etc/hostname");
            Assert.Equal(RootReadStatus.Unreadable, dangling.Status);
            Assert.Contains("dangling", dangling.Problem);
        }

        [Fact]
        public void LinkLoop_IsUnreadable_NotAHang()
        {
            using var temp = new TempRoot().Link("etc/a", "/etc/b").Link("etc/b", "/etc/a");
            using var root = new FolderLinuxRoot(temp.Path);
            Assert.Equal(RootReadStatus.Unreadable, root.Read("etc/a").Status);
        }

        [Fact]
        public void List_IsSortedAndReportsKinds_IncludingDanglingLinks()
        {
            using var temp = new TempRoot()
                .Write("d/b.txt", "b").Write("d/a.txt", "a").Write("d/sub/x", "x")
                .Link("d/link.service", "/lib/systemd/system/nothing.service");
            using var root = new FolderLinuxRoot(temp.Path);
            var entries = root.List("d");
            Assert.Equal(new[] { "a.txt", "b.txt", "link.service", "sub" }, entries.Select(e => e.Name));
            Assert.Equal(RootEntryKind.Other, entries.Single(e => e.Name == "link.service").Kind);
            Assert.Equal(RootEntryKind.Directory, entries.Single(e => e.Name == "sub").Kind);
            Assert.Empty(root.List("missing"));
        }

        [Fact]
        public void Read_TailWindow_ReturnsTheEnd()
        {
            using var temp = new TempRoot().Write("var/log/x.log", new string('a', 100) + "END");
            using var root = new FolderLinuxRoot(temp.Path);
            var tail = root.Read("var/log/x.log", 10, ReadWindow.Tail);
            Assert.True(tail.Truncated);
            Assert.Equal("aaaaaaaEND", Encoding.ASCII.GetString(tail.Content));
            var head = root.Read("var/log/x.log", 10);
            Assert.True(head.Truncated);
            Assert.Equal(new string('a', 10), Encoding.ASCII.GetString(head.Content));
        }

        [Fact]
        public void LiveProcFiles_WithZeroLength_AreReadCompletely()
        {
            using var root = FolderLinuxRoot.System();
            Assert.True(root.IsSystemRoot);
            var meminfo = root.Read("proc/meminfo");
            Assert.Equal(RootReadStatus.Present, meminfo.Status);
            Assert.Contains("MemTotal", Encoding.ASCII.GetString(meminfo.Content));
        }

        [Fact]
        public void PathsThatLeaveTheRoot_AreUnreadable_NotAnException()
        {
            using var temp = new TempRoot();
            using var root = new FolderLinuxRoot(temp.Path);
            var climbing = root.Read("../etc/passwd");
            Assert.Equal(RootReadStatus.Unreadable, climbing.Status);
            Assert.Contains("'..'", climbing.Problem);
            Assert.Equal(RootReadStatus.Unreadable, root.List("var/lib/../../..").Status);
            Assert.Equal(RootEntryKind.Other, root.GetKind("../etc"));
            Assert.Throws<DirectoryNotFoundException>(() => new FolderLinuxRoot(Path.Combine(temp.Path, "nope")));
        }

        [Theory]
        [InlineData(ReadWindow.Head)]
        [InlineData(ReadWindow.Tail)]
        public void Fifo_IsUnreadable_WithoutWaitingForAWriter(ReadWindow window)
        {
            using var temp = new TempRoot();
            var fifo = MakeFifo(temp, "var/log/waagent.log");
            using var root = new FolderLinuxRoot(temp.Path);

            var read = ReadWithin(() => root.Read("var/log/waagent.log", window: window), fifo);

            Assert.Equal(RootReadStatus.Unreadable, read.Status);
            Assert.Contains("FIFO", read.Problem);
        }

        [Fact]
        public void CharacterDevice_IsUnreadable_NotReadForever()
        {
            using var root = FolderLinuxRoot.System();
            var zero = root.Read("dev/zero");
            Assert.Equal(RootReadStatus.Unreadable, zero.Status);
            Assert.Contains("character device", zero.Problem);
            Assert.Empty(zero.Content);
        }

        [Fact]
        public void LinkToAFifo_InAnOfflineRoot_IsUnreadable()
        {
            using var temp = new TempRoot();
            var fifo = MakeFifo(temp, "run/agent.fifo");
            temp.Link("etc/waagent.conf", "/run/agent.fifo");
            using var root = new FolderLinuxRoot(temp.Path);
            var read = ReadWithin(() => root.Read("etc/waagent.conf"), fifo);
            Assert.Equal(RootReadStatus.Unreadable, read.Status);
        }

        /// <summary>Creates a FIFO with mkfifo(1) and returns its path.</summary>
        internal static string MakeFifo(TempRoot temp, string relative)
        {
            var full = temp.Full(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var process = System.Diagnostics.Process.Start("mkfifo", new[] { full })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return full;
        }

        /// <summary>
        /// Runs a read that must not block. If it has not ended after a generous bound, the FIFO is opened for writing and
        /// closed (so a blocked reader wakes with end-of-file) and the test fails: the read waited for a writer.
        /// </summary>
        internal static T ReadWithin<T>(System.Func<T> read, string fifo)
        {
            var task = System.Threading.Tasks.Task.Run(read);
            if (!task.Wait(System.TimeSpan.FromSeconds(30)))
            {
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
                {
                }

                task.Wait(System.TimeSpan.FromSeconds(30));
                Assert.Fail("The read blocked on the FIFO until a writer came.");
            }

            return task.Result;
        }
    }
}
