namespace AzBackupTroubleshoot.Core.Tests.Repairs.Linux
{
    /// <summary>
    /// A folder of stand-in commands (shell scripts) that append their name and arguments to a log and run an optional extra
    /// shell line. Tests give the folder as the search path, so the real systemctl, service or apt-get is never called.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class RecordingCommands : IDisposable
    {
        public RecordingCommands()
        {
            Folder = Path.Combine(Path.GetTempPath(), "azbt-bin-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            Log = Path.Combine(Folder, "calls.log");
        }

        public string Folder { get; }

        public string Log { get; }

        public RecordingCommands Add(string name, int exitCode = 0, string extraShell = "")
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"{name} $*\" >> '{Log}'\n{extraShell}\nexit {exitCode}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            return this;
        }

        public IReadOnlyList<string> Calls => File.Exists(Log) ? File.ReadAllLines(Log) : Array.Empty<string>();

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
