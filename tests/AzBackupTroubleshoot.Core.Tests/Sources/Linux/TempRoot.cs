namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    /// <summary>A Linux root in a temporary folder, removed on dispose.</summary>
    public sealed class TempRoot : IDisposable
    {
        public TempRoot(string? copyFrom = null)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "azbt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            if (copyFrom != null)
            {
                Copy(copyFrom, Path);
            }
        }

        public string Path { get; }

        public string Full(string relative) => System.IO.Path.Combine(Path, relative);

        public TempRoot Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

        public TempRoot Write(string relative, byte[] content)
        {
            var full = Full(relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            if (File.Exists(full) || new FileInfo(full).LinkTarget != null)
            {
                File.Delete(full);
            }

            File.WriteAllBytes(full, content);
            return this;
        }

        public TempRoot Link(string relative, string target)
        {
            var full = Full(relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.CreateSymbolicLink(full, target);
            return this;
        }

        public TempRoot Delete(string relative)
        {
            var full = Full(relative);
            if (Directory.Exists(full))
            {
                Directory.Delete(full, true);
            }
            else
            {
                File.Delete(full);
            }

            return this;
        }

        public string Read(string relative) => File.ReadAllText(Full(relative));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
            }
        }

        /// <summary>The repository's examples/linux/&lt;name&gt; folder.</summary>
        public static string Example(string name) => System.IO.Path.Combine(RepoRoot(), "examples", "linux", name);

        public static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
        }

        private static void Copy(string from, string to)
        {
            foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
            {
                var target = System.IO.Path.Combine(to, entry.Name);
                if (entry.LinkTarget != null)
                {
                    File.CreateSymbolicLink(target, entry.LinkTarget);
                }
                else if (entry is DirectoryInfo)
                {
                    Directory.CreateDirectory(target);
                    Copy(entry.FullName, target);
                }
                else
                {
                    File.Copy(entry.FullName, target);
                }
            }
        }
    }
}
