using System.IO.Compression;
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
        public void AZipWithMoreEntriesThanTheLimit_IsRefusedBeforeItsDirectoryIsRead()
        {
            using var temp = new TempRoot();
            var path = temp.Full("many.zip");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                for (var i = 0; i <= ZipLimits.MaxEntries; i++)
                {
                    zip.CreateEntry("var/log/azure/f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
                }
            }

            var ex = Assert.Throws<InvalidDataException>(() => LinuxRootFactory.Open(path).Dispose());
            Assert.Contains($"{ZipLimits.MaxEntries + 1} entries, more than the {ZipLimits.MaxEntries} allowed", ex.Message);
        }

        [Fact]
        public void AZip64Directory_IsRefused_NotParsedToItsEnd()
        {
            using var temp = new TempRoot();
            var path = MakeZip(temp, ("etc/waagent.conf", "Logs.Verbose=y\n"));
            var bytes = File.ReadAllBytes(path);
            var eocd = bytes.Length - 22;
            Assert.Equal(new byte[] { 0x50, 0x4B, 0x05, 0x06 }, bytes.Skip(eocd).Take(4));
            bytes[eocd + 10] = 0xFF; // total entries 0xFFFF: "see the Zip64 record", which may count billions
            bytes[eocd + 11] = 0xFF;
            File.WriteAllBytes(path, bytes);

            var ex = Assert.Throws<InvalidDataException>(() => LinuxRootFactory.Open(path).Dispose());
            Assert.Contains("Zip64", ex.Message);
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

        [Fact]
        public void ZipBomb_IsNotDecompressed_AndTheRestOfTheBundleReads()
        {
            using var temp = new TempRoot();
            var path = temp.Full("bomb.zip");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                using (var stream = zip.CreateEntry("var/log/waagent.log", CompressionLevel.Optimal).Open())
                {
                    var zeros = new byte[1024 * 1024];
                    for (var i = 0; i < 16; i++)
                    {
                        stream.Write(zeros, 0, zeros.Length); // 16 MiB of zeros: about 1000 to 1
                    }
                }

                using var writer = new StreamWriter(zip.CreateEntry("etc/waagent.conf").Open());
                writer.Write("Extensions.Enabled=y\n");
            }

            using var root = LinuxRootFactory.Open(path);
            var bomb = root.Read("var/log/waagent.log", RootLimits.LogTailBytes, ReadWindow.Tail);
            Assert.Equal(RootReadStatus.Unreadable, bomb.Status);
            Assert.Contains("ZipLimits.MaxRatio", bomb.Problem);
            Assert.Equal(RootReadStatus.Present, root.Read("etc/waagent.conf").Status);
        }

        [Fact]
        public void DuplicateEntries_AreUnreadable_NotTheLastOneSilently()
        {
            using var temp = new TempRoot();
            var zip = MakeZip(temp, ("etc/waagent.conf", "Extensions.Enabled=y\n"), ("etc/waagent.conf", "Extensions.Enabled=n\n"), ("etc/os-release", "ID=ubuntu\n"));
            using var root = LinuxRootFactory.Open(zip);
            var conf = root.Read("etc/waagent.conf");
            Assert.Equal(RootReadStatus.Unreadable, conf.Status);
            Assert.Contains("2 entries", conf.Problem);
            Assert.Equal(RootReadStatus.Present, root.Read("etc/os-release").Status);
        }

        [Fact]
        public void CrcMismatch_IsUnreadable()
        {
            using var temp = new TempRoot();
            var path = temp.Full("bundle.zip");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                using var writer = new StreamWriter(zip.CreateEntry("etc/waagent.conf", CompressionLevel.NoCompression).Open());
                writer.Write("Extensions.Enabled=y\n");
            }

            // A stored entry holds its bytes as they are: change one after the CRC was written.
            var bytes = File.ReadAllBytes(path);
            var at = IndexOf(bytes, Encoding.ASCII.GetBytes("Extensions.Enabled=y"));
            bytes[at + "Extensions.Enabled=".Length] = (byte)'n';
            File.WriteAllBytes(path, bytes);

            using var root = LinuxRootFactory.Open(path);
            var conf = root.Read("etc/waagent.conf");
            Assert.Equal(RootReadStatus.Unreadable, conf.Status);
            Assert.Contains("CRC", conf.Problem);
        }

        [Fact]
        public void EntryExpandingPastItsDeclaredSize_StopsThere()
        {
            using var inner = new MemoryStream(new byte[4096]);
            using var stream = new CheckedEntryStream(inner, "var/log/x", declaredLength: 100, crc: null, remainingTotal: ZipLimits.MaxTotalBytes);
            var error = Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
            Assert.Contains("declares", error.Message);
            Assert.True(stream.BytesRead <= 4096);
        }

        [Fact]
        public void FifoNamedAsABundle_IsInvalidData_NotAHang()
        {
            using var temp = new TempRoot();
            var fifo = FolderLinuxRootTests.MakeFifo(temp, "bundle.zip");
            var error = FolderLinuxRootTests.ReadWithin(() => Record.Exception(() => LinuxRootFactory.Open(fifo).Dispose()), fifo);
            Assert.IsType<InvalidDataException>(error);
            Assert.Contains("FIFO", error!.Message);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return i;
                }
            }

            throw new InvalidDataException("not found");
        }
    }
}
