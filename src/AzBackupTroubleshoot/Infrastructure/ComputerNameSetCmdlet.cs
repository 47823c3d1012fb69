using System.Management.Automation;
using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// The WSMan options of cmdlets whose "ComputerName" parameter set reaches a Windows VM by name (Test-AzBackupAgentHealth,
    /// Save-AzBackupAgentLog): -Credential, -Authentication, -UseSsl and -Port, declared once and only in that set. Each
    /// cmdlet declares its own -CimSession and -ComputerName (their arity and pipeline binding differ). Cmdlets that take
    /// these in every set derive from <see cref="RemoteTargetCmdlet"/> instead.
    /// </summary>
    public abstract class ComputerNameSetCmdlet : CancellableCmdlet
    {
        /// <summary>The parameter set of -ComputerName and these options.</summary>
        private protected const string ComputerNameSet = "ComputerName";

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>The WSMan options for computers reached by name (a terminating InvalidConnectionOptions error when they do not fit).</summary>
        private protected WsmanConnectionOptions Connection => ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);
    }
}
