using System.Security;

namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// How to open a WSMan CIM session to a computer by name, as New-CimSession -Credential -Authentication -Port
    /// [-SessionOption (New-CimSessionOption -UseSsl)] does: the credential (user name and password, the user name as
    /// DOMAIN\user, user@domain or user), the authentication mechanism, SSL and the destination port. Validated where it
    /// is made; <see cref="Describe"/> never shows the password.
    /// </summary>
    public sealed class WsmanConnectionOptions
    {
        /// <summary>WinRM's HTTP port.</summary>
        public const int HttpPort = 5985;

        /// <summary>WinRM's HTTPS port.</summary>
        public const int HttpsPort = 5986;

        private readonly SecureString? _password;

        /// <summary>Creates validated options.</summary>
        /// <param name="userName">The user (DOMAIN\user, user@domain or user), or null for the caller's own identity.</param>
        /// <param name="password">The password, with <paramref name="userName"/>.</param>
        /// <param name="authentication">The mechanism.</param>
        /// <param name="useSsl">Connect over HTTPS.</param>
        /// <param name="port">The destination port, or null for WinRM's (5985, or 5986 with SSL).</param>
        /// <param name="domain">The domain part as New-CimSession takes it (PSCredential.GetNetworkCredential().Domain); null to split <paramref name="userName"/> at a backslash.</param>
        /// <param name="user">The user part as New-CimSession takes it (GetNetworkCredential().UserName); null to split <paramref name="userName"/> at a backslash.</param>
        /// <exception cref="ArgumentException">The options do not fit together (the message says which and why).</exception>
        public WsmanConnectionOptions(string? userName, SecureString? password, WsmanAuthentication authentication, bool useSsl, int? port, string? domain = null, string? user = null)
        {
            if (port.HasValue && (port.Value < 1 || port.Value > 65535))
            {
                throw new ArgumentException($"-Port {port.Value.ToString(CultureInfo.InvariantCulture)} is not a TCP port (1-65535).", nameof(port));
            }

            if (!Enum.IsDefined(typeof(WsmanAuthentication), authentication))
            {
                throw new ArgumentException($"-Authentication {authentication} is not a WSMan authentication mechanism.", nameof(authentication));
            }

            if (userName is null && (authentication == WsmanAuthentication.Basic || authentication == WsmanAuthentication.Digest || authentication == WsmanAuthentication.CredSsp))
            {
                throw new ArgumentException($"-Authentication {authentication} sends a user name and password: add -Credential.", nameof(authentication));
            }

            if (userName != null && userName.Trim().Length == 0)
            {
                throw new ArgumentException("-Credential has an empty user name.", nameof(userName));
            }

            if (userName != null && password is null)
            {
                throw new ArgumentNullException(nameof(password), "A user name needs its password.");
            }

            UserName = userName;
            var slash = userName?.IndexOf('\\') ?? -1;
            Domain = userName is null ? string.Empty : domain ?? (slash > 0 ? userName.Substring(0, slash) : string.Empty);
            User = userName is null ? string.Empty : user ?? (slash >= 0 ? userName.Substring(slash + 1) : userName);
            _password = password;
            Authentication = authentication;
            UseSsl = useSsl;
            Port = port;
        }

        /// <summary>The caller's own identity, WinRM's default mechanism, HTTP, port 5985.</summary>
        public static WsmanConnectionOptions Default { get; } = new WsmanConnectionOptions(null, null, WsmanAuthentication.Default, false, null);

        /// <summary>The user as given (DOMAIN\user, user@domain or user), or null for the caller's own identity.</summary>
        public string? UserName { get; }

        /// <summary>
        /// The password, with <see cref="UserName"/>. A method, not a property, so that formatting and serializers
        /// (Format-List, Export-Clixml, ConvertTo-Json of results that carry their target) never reach it.
        /// </summary>
        public SecureString? GetPassword() => _password;

        /// <summary>The authentication mechanism.</summary>
        public WsmanAuthentication Authentication { get; }

        /// <summary>Connect over HTTPS.</summary>
        public bool UseSsl { get; }

        /// <summary>The destination port asked for, or null.</summary>
        public int? Port { get; }

        /// <summary>The port the session goes to.</summary>
        public int EffectivePort => Port ?? (UseSsl ? HttpsPort : HttpPort);

        /// <summary>True when nothing differs from New-CimSession's defaults (the gateway then opens a plain session).</summary>
        public bool IsDefault => UserName is null && Authentication == WsmanAuthentication.Default && !UseSsl && Port is null;

        /// <summary>
        /// The domain New-CimSession passes to CimCredential: PSCredential.GetNetworkCredential().Domain (DOMAIN of
        /// DOMAIN\user; empty for a bare user name and for user@domain.tld).
        /// </summary>
        public string Domain { get; }

        /// <summary>The user New-CimSession passes to CimCredential: GetNetworkCredential().UserName.</summary>
        public string User { get; }

        /// <summary>
        /// Basic without SSL sends the password readable by anyone on the path; WinRM refuses it unless the client allows
        /// unencrypted traffic. The text of the warning, or null.
        /// </summary>
        public string? Warning => Authentication == WsmanAuthentication.Basic && !UseSsl
            ? "-Authentication Basic without -UseSsl sends the password unencrypted; WinRM refuses it unless AllowUnencrypted is set on the client. Add -UseSsl."
            : null;

        /// <inheritdoc />
        public override string ToString() => Describe();

        /// <summary>What the session will be, for verbose output and tests; never the password.</summary>
        public string Describe() =>
            string.Format(CultureInfo.InvariantCulture, "WSMan {0} port {1}, authentication {2}, {3}",
                UseSsl ? "https" : "http",
                EffectivePort,
                Authentication,
                UserName is null ? "as the current user" : "as " + UserName);
    }
}
