namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>
    /// Reads a folder's security descriptor on the machine the facts come from (through CIM,
    /// Win32_LogicalFileSecuritySetting) or from a capture's <c>folderSecurity</c> section.
    /// </summary>
    public interface IFolderSecuritySource
    {
        /// <summary>The folder's descriptor, that it does not exist, or why it cannot be read here; a failure to read it throws.</summary>
        FolderSecurityRecord Read(string path, CancellationToken cancellationToken);
    }
}
