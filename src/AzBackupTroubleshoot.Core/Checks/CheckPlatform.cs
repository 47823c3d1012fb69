namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>Where a check's facts come from.</summary>
    public enum CheckPlatform
    {
        /// <summary>A Linux root (live or offline).</summary>
        Linux,

        /// <summary>Windows through CIM (local, remote or a capture).</summary>
        Windows,

        /// <summary>Either guest platform.</summary>
        Guest,

        /// <summary>Azure Resource Manager (the control plane).</summary>
        Azure,
    }
}
