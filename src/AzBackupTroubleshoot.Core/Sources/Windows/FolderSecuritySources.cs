using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>Picks where the folder security descriptors of a gateway's machine come from.</summary>
    public static class FolderSecuritySources
    {
        /// <summary>The gateway itself when it answers them (a capture, a capture in progress); else CIM through the gateway (local or remote).</summary>
        public static IFolderSecuritySource For(ICimGateway gateway) =>
            gateway as IFolderSecuritySource ?? new CimFolderSecuritySource(gateway ?? throw new ArgumentNullException(nameof(gateway)));
    }
}
