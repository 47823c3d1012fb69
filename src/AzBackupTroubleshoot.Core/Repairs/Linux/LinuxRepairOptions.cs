using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>Where and how Linux repairs run.</summary>
    public sealed class LinuxRepairOptions
    {
        /// <summary>Creates options for the root folder <paramref name="rootPath"/> (<c>/</c> for the live machine).</summary>
        public LinuxRepairOptions(string rootPath, bool isLive)
        {
            RootPath = rootPath ?? throw new ArgumentNullException(nameof(rootPath));
            IsLive = isLive;
        }

        /// <summary>The root folder whose files are edited.</summary>
        public string RootPath { get; }

        /// <summary>True for the running machine: service actions (restart, update) are allowed only then.</summary>
        public bool IsLive { get; }

        /// <summary>Runs systemctl, service and the package manager.</summary>
        public ICommandRunner Runner { get; set; } = new ProcessCommandRunner();

        /// <summary>Finds those commands (on PATH by default).</summary>
        public CommandLocator Locator { get; set; } = new CommandLocator();

        /// <summary>Keeps a rewritten file's mode and owner.</summary>
        public IUnixFileMetadata Metadata { get; set; } = new LibcFileMetadata();

        /// <summary>The clock used for backup names.</summary>
        public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;
    }
}
