using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Tests.Platform
{
    public sealed class AtomicFileTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "atomic-" + Guid.NewGuid().ToString("N"));

        public AtomicFileTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void Creates_a_new_file_and_leaves_no_temporary_file()
        {
            var path = Path.Combine(_folder, "report.html");
            AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes("new")));
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public void Replaces_an_existing_file()
        {
            var path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old content that is longer");
            AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes("new")));
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public void Leaves_the_old_file_and_no_temporary_file_when_writing_fails_half_way()
        {
            var path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old");
            Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
            {
                s.Write(Encoding.UTF8.GetBytes("half"));
                throw new IOException("disk full");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public void Writes_nothing_when_cancelled()
        {
            var path = Path.Combine(_folder, "report.html");
            using var cts = new CancellationTokenSource();
            Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, s => { s.WriteByte(1); cts.Cancel(); }, cts.Token));
            Assert.Empty(Directory.GetFiles(_folder));
        }

        [Fact]
        public void Fails_with_an_io_error_when_the_folder_does_not_exist()
        {
            var path = Path.Combine(_folder, "missing", "report.html");
            Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, s => s.WriteByte(1)));
        }

        [Fact]
        public void A_FIFO_at_the_path_is_never_replaced()
        {
            var path = Path.Combine(_folder, "report.html");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", new[] { path })!)
            {
                mkfifo.WaitForExit();
            }

            var error = Assert.Throws<AzBackupTroubleshoot.Core.Platform.NotRegularFileException>(() => AtomicFile.Write(path, s => s.WriteByte(1)));
            Assert.Contains("FIFO", error.Message);
            Assert.Equal(AzBackupTroubleshoot.Core.Platform.FileNodeKind.Fifo, AzBackupTroubleshoot.Core.Platform.FileNode.GetKind(path));
            Assert.Equal(new[] { path }, Directory.GetFileSystemEntries(_folder));
        }
    }
}
