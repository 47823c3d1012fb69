namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One VMSnapshot handler state key (<c>...\HandlerState\Microsoft.Azure.RecoveryServices.VMSnapshot_&lt;version&gt;</c>).</summary>
    public sealed class HandlerStateInfo
    {
        /// <summary>The key path below HKLM.</summary>
        public string Key { get; init; } = string.Empty;

        /// <summary>The version after the underscore.</summary>
        public string Version { get; init; } = string.Empty;

        /// <summary>InstallState (REG_SZ), for example <c>Enabled</c>, or null.</summary>
        public string? InstallState { get; init; }

        /// <summary>SequenceNumber (REG_DWORD), or null.</summary>
        public long? SequenceNumber { get; init; }

        /// <summary>StatusFolder (REG_SZ), or null.</summary>
        public string? StatusFolder { get; init; }
    }
}
