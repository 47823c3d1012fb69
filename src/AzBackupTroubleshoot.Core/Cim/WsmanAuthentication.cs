namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// How a WSMan session authenticates: the values of New-CimSession's -Authentication
    /// (Microsoft.Management.Infrastructure.Options.PasswordAuthenticationMechanism), kept here so nothing that loads at
    /// import needs the MMI assembly.
    /// </summary>
    public enum WsmanAuthentication
    {
        /// <summary>WinRM's default (Negotiate).</summary>
        Default = 0,

        /// <summary>HTTP digest; needs -Credential.</summary>
        Digest = 1,

        /// <summary>Kerberos, else NTLM.</summary>
        Negotiate = 2,

        /// <summary>Basic: the password is sent as it is, so only over -UseSsl; needs -Credential.</summary>
        Basic = 3,

        /// <summary>Kerberos only (domain-joined machines).</summary>
        Kerberos = 4,

        /// <summary>NTLM only.</summary>
        NtlmDomain = 5,

        /// <summary>CredSSP: delegates the credential to the remote machine; needs -Credential.</summary>
        CredSsp = 6,
    }
}
