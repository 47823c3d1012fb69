using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>What a Linux command works on: the running machine, an offline folder root or a bundle.</summary>
    public sealed class LinuxTarget
    {
        private LinuxTarget(string name, string location, bool isLive, bool isBundle)
        {
            Name = name;
            Location = location;
            IsLive = isLive;
            IsBundle = isBundle;
        }

        /// <summary>The Target of the results: the host name when live, else the full path.</summary>
        public string Name { get; }

        /// <summary>The root folder or bundle file (<c>/</c> when live).</summary>
        public string Location { get; }

        /// <summary>True for the running machine.</summary>
        public bool IsLive { get; }

        /// <summary>True when <see cref="Location"/> is a zip bundle.</summary>
        public bool IsBundle { get; }

        /// <summary>True when this process can read the running machine as a Linux root.</summary>
        public static bool LiveSupported => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>The running machine.</summary>
        public static LinuxTarget Live() => new LinuxTarget(Environment.MachineName, "/", true, false);

        /// <summary>An offline root at <paramref name="path"/> (a folder or a zip file).</summary>
        /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
        public static LinuxTarget Offline(string path)
        {
            var full = Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));
            if (Directory.Exists(full))
            {
                return new LinuxTarget(full, full, false, false);
            }

            if (File.Exists(full))
            {
                return new LinuxTarget(full, full, false, true);
            }

            throw new FileNotFoundException($"No folder or bundle exists at '{full}'.", full);
        }

        /// <summary>Opens the root.</summary>
        /// <exception cref="InvalidDataException">A bundle is not a zip archive.</exception>
        public ILinuxRoot Open() => IsLive ? FolderLinuxRoot.System() : LinuxRootFactory.Open(Location);
    }
}
