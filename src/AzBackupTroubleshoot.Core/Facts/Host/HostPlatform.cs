namespace AzBackupTroubleshoot.Core.Facts.Host
{
    /// <summary>Whether the host is an Azure VM (its chassis asset tag), as Linux (DMI) and Windows (Win32_SystemEnclosure) both tell it.</summary>
    public enum HostPlatform
    {
        /// <summary>The asset tag is Azure's.</summary>
        Azure,

        /// <summary>The asset tag is another one.</summary>
        NotAzure,

        /// <summary>There is no asset tag to read (an offline disk has no sys/).</summary>
        Unknown,
    }
}
