namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>
    /// What was read of one folder's security descriptor: its SDDL, that the folder does not exist, why it could not be
    /// read where the facts come from, or (in a capture) an entry that is not well formed.
    /// </summary>
    public sealed class FolderSecurityRecord
    {
        private FolderSecurityRecord(string? sddl, bool exists, string? notRunReason, string? problem, string? rawJson)
        {
            Sddl = sddl;
            Exists = exists;
            NotRunReason = notRunReason;
            Problem = problem;
            RawJson = rawJson;
        }

        /// <summary>The security descriptor in SDDL form (<c>O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;FA;;;BA)</c>), or null.</summary>
        public string? Sddl { get; }

        /// <summary>False when the folder does not exist.</summary>
        public bool Exists { get; }

        /// <summary>Why the descriptor could not be read where the facts come from, or null.</summary>
        public string? NotRunReason { get; }

        /// <summary>What is wrong with a capture entry, or null.</summary>
        public string? Problem { get; }

        /// <summary>The capture entry as it was written, kept for a malformed entry so that writing the capture back keeps it.</summary>
        public string? RawJson { get; }

        /// <summary>A folder whose descriptor was read.</summary>
        public static FolderSecurityRecord Found(string sddl) => new FolderSecurityRecord(sddl ?? throw new ArgumentNullException(nameof(sddl)), true, null, null, null);

        /// <summary>A folder that does not exist.</summary>
        public static FolderSecurityRecord Missing() => new FolderSecurityRecord(null, false, null, null, null);

        /// <summary>A descriptor that cannot be read here, with the reason.</summary>
        public static FolderSecurityRecord NotRun(string reason) => new FolderSecurityRecord(null, false, reason ?? throw new ArgumentNullException(nameof(reason)), null, null);

        /// <summary>A capture entry that is not well formed (kept as written).</summary>
        public static FolderSecurityRecord Invalid(string problem, string rawJson) => new FolderSecurityRecord(null, false, null, problem, rawJson);
    }
}
