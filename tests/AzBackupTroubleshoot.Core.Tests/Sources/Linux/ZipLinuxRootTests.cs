using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    public class ZipLinuxRootTests
    {
        private static string MakeZip(TempRoot temp, params (string Name, string Content)[] entries)
        {
            var path = temp.Full("bundle.zip");
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name);
                if (!name.EndsWith("/"))
                {
                    using var stream = entry.Open();
                    var bytes = Encoding.UTF8.GetBytes(content);
                    stream.Write(bytes, 0, bytes.Length);
                }
            }

            return path;
        }

        [Fact]
        public void ReadsEntriesInMemory_WithImplicitDirectories()
        {
            using var temp = new TempRoot();
            var zip = MakeZip(temp, ("etc/waagent.conf", "Logs.Verbose=y\n"), ("var/lib/waagent/WALinuxAgent-2.9.1.1/", ""), ("./proc/1/cmdline", "/sbin/init\0"));
            using var root = LinuxRootFactory.Open(zip);
            Assert.IsType<ZipLinuxRoot>(root);
            Assert.Equal("Logs.Verbose=y\n", Encoding.UTF8.GetString(root.Read("/etc/waagent.conf").Content));
            Assert.Equal(RootEntryKind.Directory, root.GetKind("var/lib/waagent/WALinuxAgent-2.9.1.1"));
            Assert.Equal(RootEntryKind.Directory, root.GetKind("var/lib"));
            Assert.Equal(new[] { "etc", "proc", "var" }, root.List("").Select(e => e.Name));
            Assert.Equal(RootReadStatus.Absent, root.Read("etc/missing").Status);
            Assert.Equal(RootReadStatus.Unreadable, root.Read("etc").Status);
            Assert.Null(root.ReadLink("etc/waagent.conf"));
            Assert.Equal(RootReadStatus.Present, root.Read("proc/1/cmdline").Status);
        }

        [Fact]
        public void EntriesThatClimbOutOfTheRoot_AreIgnored()
        {
            using var temp = new TempRoot();
            var zip = MakeZip(temp, ("../evil", "x"), ("etc/ok", "y"));
            using var root = ZipLinuxRoot.Open(zip);
            Assert.Equal(new[] { "etc" }, root.List("").Select(e => e.Name));
        }

        [Fact]
        public void TailWindow_OnAZipEntry()
        {
            using var temp = new TempRoot();
            var zip = MakeZip(temp, ("var/log/waagent.log", new string('x', 50) + "LAST"));
            using var root = ZipLinuxRoot.Open(zip);
            var tail = root.Read("var/log/waagent.log", 8, ReadWindow.Tail);
            Assert.True(tail.Truncated);
            Assert.Equal("xxxxLAST", Encoding.ASCII.GetString(tail.Content));
        }

        [Fact]
        public void NotAZip_IsAClearError()
        {
            using var temp = new TempRoot().Write("not.zip", "hello");
            var error = Assert.Throws<InvalidDataException>(() => ZipLinuxRoot.Open(temp.Full("not.zip")));
            Assert.Contains("not a zip archive", error.Message);
            Assert.False(ZipLinuxRoot.LooksLikeZip(temp.Full("not.zip")));
            Assert.Throws<FileNotFoundException>(() => LinuxRootFactory.Open(temp.Full("nothing-here")));
        }
    }
}
