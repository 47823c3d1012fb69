using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// A capture's <c>folderSecurity</c> section (format 3): folder path to what was read of its security descriptor. A
    /// section or entry that is not well formed is kept with its problem, so that only <c>Windows.FolderPermissions</c>
    /// reports it (Error) and the other checks still read the capture.
    /// </summary>
    public sealed class CapturedFolderSecurity
    {
        /// <summary>A well-formed section.</summary>
        public CapturedFolderSecurity(IReadOnlyDictionary<string, FolderSecurityRecord> folders)
        {
            Folders = new Dictionary<string, FolderSecurityRecord>((folders ?? throw new ArgumentNullException(nameof(folders))).ToDictionary(p => p.Key.TrimEnd('\\'), p => p.Value), StringComparer.OrdinalIgnoreCase);
        }

        private CapturedFolderSecurity(string problem, string rawJson)
        {
            Folders = new Dictionary<string, FolderSecurityRecord>();
            Problem = problem;
            RawJson = rawJson;
        }

        /// <summary>The records by full folder path (case-insensitive, no trailing backslash).</summary>
        public IReadOnlyDictionary<string, FolderSecurityRecord> Folders { get; }

        /// <summary>What is wrong with the section as a whole, or null.</summary>
        public string? Problem { get; }

        /// <summary>The section as written when it is not well formed, or null.</summary>
        public string? RawJson { get; }

        /// <summary>A section that is not well formed, kept as written.</summary>
        public static CapturedFolderSecurity Invalid(string problem, string rawJson) => new CapturedFolderSecurity(problem, rawJson);
    }
}
