using System.Management.Automation;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>Thrown by the module initializer to refuse the import; carries the UnsupportedPowerShell error record.</summary>
    public sealed class UnsupportedPowerShellException : RuntimeException
    {
        /// <summary>Creates the exception with its error record.</summary>
        public UnsupportedPowerShellException(string message, ErrorRecord errorRecord)
            : base(message, null, errorRecord)
        {
        }
    }
}
