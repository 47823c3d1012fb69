using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>One file (or folder that could not be listed) of the agent's logs on a Windows machine.</summary>
    public sealed class WindowsLogFile
    {
        internal WindowsLogFile(string windowsPath, string hostPath, string entryName, string? problem = null)
        {
            WindowsPath = windowsPath;
            HostPath = hostPath;
            EntryName = entryName;
            Problem = problem;
        }

        /// <summary>The path as Windows writes it (<c>C:\WindowsAzure\Logs\WaAppAgent.log</c>).</summary>
        public string WindowsPath { get; }

        /// <summary>Where this process reads it.</summary>
        public string HostPath { get; }

        /// <summary>Its name in a bundle: the path below the drive, under a folder named for the drive (<c>C/WindowsAzure/Logs/WaAppAgent.log</c>).</summary>
        public string EntryName { get; }

        /// <summary>Why it cannot be taken (a folder that could not be listed), or null.</summary>
        public string? Problem { get; }
    }

    /// <summary>
    /// Finds the agent's and the backup extension's files on a Windows system drive the process can read: the machine it
    /// runs on (<see cref="LocalMachine"/>), or a folder that stands for the drive (an OS disk attached elsewhere, a test).
    /// A remote CIM session cannot read file contents, so there is nothing like this for one. The files are
    /// <c>WindowsAzure\Logs\WaAppAgent.log</c>, <c>WindowsAzure\Logs\TransparentInstaller.log</c>, everything below
    /// <c>WindowsAzure\Logs\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot</c>, and each installed version's
    /// <c>Status\*.status</c> and <c>RuntimeSettings\*.settings</c> below <c>Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot</c>.
    /// Names are matched case-insensitively, as Windows does; reparse points are not followed.
    /// </summary>
    public sealed class WindowsAgentLogFiles
    {
        private const int MaxDepth = 8;
        private static readonly string[] AgentLogs = { "WaAppAgent.log", "TransparentInstaller.log" };

        /// <summary>Reads the drive <paramref name="systemDrive"/> (<c>C:</c>) from <paramref name="driveFolder"/>.</summary>
        public WindowsAgentLogFiles(string driveFolder, string systemDrive = "C:")
        {
            DriveFolder = Path.GetFullPath(driveFolder ?? throw new ArgumentNullException(nameof(driveFolder)));
            var drive = (systemDrive ?? throw new ArgumentNullException(nameof(systemDrive))).TrimEnd('\\');
            if (drive.Length != 2 || !char.IsLetter(drive[0]) || drive[1] != ':')
            {
                throw new ArgumentException($"'{systemDrive}' is not a drive such as C:.", nameof(systemDrive));
            }

            SystemDrive = char.ToUpperInvariant(drive[0]) + ":";
        }

        /// <summary>The folder read as the drive.</summary>
        public string DriveFolder { get; }

        /// <summary>The drive the paths are reported on (<c>C:</c>).</summary>
        public string SystemDrive { get; }

        /// <summary>The system drive of the machine this code runs on (<c>%SystemDrive%</c>, <c>C:</c> when unset).</summary>
        public static WindowsAgentLogFiles LocalMachine()
        {
            var drive = Environment.GetEnvironmentVariable("SystemDrive");
            drive = string.IsNullOrEmpty(drive) ? "C:" : drive!;
            return new WindowsAgentLogFiles(drive + "\\", drive);
        }

        /// <summary>The files to bundle, in a stable order (missing ones are simply not there).</summary>
        public IReadOnlyList<WindowsLogFile> Select(CancellationToken cancellationToken = default)
        {
            var found = new List<WindowsLogFile>();
            var logs = Child(new DirectoryInfo(DriveFolder), "WindowsAzure", "Logs") as DirectoryInfo;
            foreach (var name in AgentLogs)
            {
                if (logs != null && Child(logs, name) is FileInfo file)
                {
                    found.Add(Describe(file));
                }
            }

            if (logs != null && Child(logs, "Plugins", WindowsNames.SnapshotHandlerName) is DirectoryInfo pluginLogs)
            {
                AddTree(pluginLogs, found, 0, cancellationToken);
            }

            if (Child(new DirectoryInfo(DriveFolder), "Packages", "Plugins", WindowsNames.SnapshotHandlerName) is DirectoryInfo handler)
            {
                foreach (var version in List(handler, found).OfType<DirectoryInfo>().Where(d => !IsReparsePoint(d)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AddMatching(Child(version, "Status") as DirectoryInfo, ".status", found);
                    AddMatching(Child(version, "RuntimeSettings") as DirectoryInfo, ".settings", found);
                }
            }

            return found;
        }

        private static bool IsReparsePoint(FileSystemInfo info) => (info.Attributes & FileAttributes.ReparsePoint) != 0;

        // The entry named name (ignoring case), then each further name below it; null when one is missing.
        private static FileSystemInfo? Child(DirectoryInfo folder, params string[] names)
        {
            FileSystemInfo? current = folder;
            foreach (var name in names)
            {
                if (!(current is DirectoryInfo directory) || !directory.Exists)
                {
                    return null;
                }

                try
                {
                    current = directory.EnumerateFileSystemInfos()
                        .Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                        .OrderBy(e => e.Name, StringComparer.Ordinal)
                        .FirstOrDefault();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            }

            return current;
        }

        private void AddMatching(DirectoryInfo? folder, string extension, List<WindowsLogFile> found)
        {
            if (folder != null)
            {
                found.AddRange(List(folder, found).OfType<FileInfo>().Where(f => f.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).Select(Describe));
            }
        }

        private void AddTree(DirectoryInfo folder, List<WindowsLogFile> found, int depth, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in List(folder, found))
            {
                if (entry is FileInfo file)
                {
                    found.Add(Describe(file));
                }
                else if (entry is DirectoryInfo directory && !IsReparsePoint(directory) && depth < MaxDepth)
                {
                    AddTree(directory, found, depth + 1, cancellationToken);
                }
            }
        }

        // The entries of a folder sorted by name; a folder that cannot be listed is recorded as a problem.
        private IReadOnlyList<FileSystemInfo> List(DirectoryInfo folder, List<WindowsLogFile> found)
        {
            try
            {
                return folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToArray();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var described = Describe(folder);
                found.Add(new WindowsLogFile(described.WindowsPath, described.HostPath, described.EntryName, "the folder cannot be listed: " + ex.Message));
                return Array.Empty<FileSystemInfo>();
            }
        }

        private WindowsLogFile Describe(FileSystemInfo info)
        {
            var relative = info.FullName.Substring(DriveFolder.Length).Trim(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var parts = relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            return new WindowsLogFile(SystemDrive + "\\" + string.Join("\\", parts), info.FullName, SystemDrive.Substring(0, 1) + "/" + string.Join("/", parts));
        }
    }
}
