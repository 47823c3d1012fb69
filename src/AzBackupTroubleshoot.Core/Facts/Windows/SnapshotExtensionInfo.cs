namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The VMSnapshot extension as seen in the file system and the registry.</summary>
    public sealed class SnapshotExtensionInfo
    {
        /// <summary>The handler folder, for example <c>C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot</c>.</summary>
        public string Folder { get; init; } = string.Empty;

        /// <summary>True when the handler folder exists.</summary>
        public bool FolderExists { get; init; }

        /// <summary>The version folders found in it, lowest first.</summary>
        public IReadOnlyList<string> Versions { get; init; } = Array.Empty<string>();

        /// <summary>The file names in the highest version folder.</summary>
        public IReadOnlyList<string> LatestVersionFiles { get; init; } = Array.Empty<string>();

        /// <summary>The handler state keys found.</summary>
        public IReadOnlyList<HandlerStateInfo> HandlerStates { get; init; } = Array.Empty<HandlerStateInfo>();
    }
}
