namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>One folder whose permissions the backup extension or the agent depends on.</summary>
    public sealed class FolderSecurityInfo
    {
        /// <summary>Creates an entry.</summary>
        public FolderSecurityInfo(string path, FolderRole role, SecurityDescriptor? descriptor)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Role = role;
            Descriptor = descriptor;
        }

        /// <summary>The folder's full path.</summary>
        public string Path { get; }

        /// <summary>Why it matters.</summary>
        public FolderRole Role { get; }

        /// <summary>The descriptor, or null when the folder does not exist.</summary>
        public SecurityDescriptor? Descriptor { get; }

        /// <summary>False when the folder does not exist.</summary>
        public bool Exists => Descriptor != null;
    }

    /// <summary>Why a folder's permissions are checked.</summary>
    public enum FolderRole
    {
        /// <summary>
        /// <c>%ProgramData%\Microsoft\Crypto\RSA\MachineKeys</c>: the extension decrypts its protected settings with a key
        /// stored here (companion article, ExtensionConfigParsingFailure).
        /// </summary>
        MachineKeys,

        /// <summary><c>C:\WindowsAzure</c> and <c>C:\Packages</c>: the agent and its extensions run from here as SYSTEM.</summary>
        AgentFolder,
    }
}
