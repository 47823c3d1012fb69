using System.Management.Automation;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// The remote-target parameters of cmdlets that act on Windows machines in every parameter set (Repair-AzBackupAgent,
    /// Add-/Remove-AzDatacenterRoute): -CimSession, -ComputerName and the WSMan options for -ComputerName, declared once,
    /// and the typed <see cref="CimTarget"/>s they name. Each cmdlet's help says what the machines are for.
    /// </summary>
    public abstract class RemoteTargetCmdlet : CancellableCmdlet
    {
        /// <summary>Windows: sessions to the machines to act on (New-CimSession).</summary>
        [Parameter]
        [CimSessionTransformation]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows: the machines to act on by name, over new WSMan sessions with the current credentials.</summary>
        [Parameter]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>
        /// The machines -CimSession and -ComputerName name, sessions first, in the order given (empty when neither was given).
        /// The WSMan options are checked (a terminating InvalidConnectionOptions error) only when a computer name needs them.
        /// </summary>
        private protected IReadOnlyList<CimTarget> NamedTargets()
        {
            var sessions = (CimSession ?? Array.Empty<PSObject>()).Select(CimTargets.ForSession);
            if (ComputerName is null)
            {
                return sessions.ToList();
            }

            var connection = ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);
            return sessions.Concat(ComputerName.Select(n => CimTarget.ForComputer(n, connection))).ToList();
        }
    }
}
