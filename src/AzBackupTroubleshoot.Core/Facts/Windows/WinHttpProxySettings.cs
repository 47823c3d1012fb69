namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The machine's WinHTTP proxy, as <c>netsh winhttp show proxy</c> shows it (read from the WinHttpSettings value).</summary>
    public sealed class WinHttpProxySettings
    {
        /// <summary>The flags: 1 direct access, 3 (bit 2 set) a named proxy.</summary>
        public uint Flags { get; init; } = 1;

        /// <summary>The proxy servers (<c>proxy:8080</c> or <c>http=p1:80;https=p2:443</c>), or empty.</summary>
        public string Proxy { get; init; } = string.Empty;

        /// <summary>The bypass list (<c>&lt;local&gt;;*.contoso.com</c>), or empty.</summary>
        public string Bypass { get; init; } = string.Empty;

        /// <summary>True when the WinHttpSettings value exists; false means WinHTTP's default, direct access.</summary>
        public bool ValueExists { get; init; }

        /// <summary>True when a named proxy is set (flag 2 and a non-empty proxy).</summary>
        public bool UsesProxy => (Flags & 2) != 0 && Proxy.Trim().Length > 0;

        /// <summary>An evidence line.</summary>
        public string Describe() => !ValueExists
            ? $@"HKLM\{WindowsNames.WinHttpConnectionsKey} has no {WindowsNames.WinHttpSettingsValue} value (direct access)."
            : $@"HKLM\{WindowsNames.WinHttpConnectionsKey} {WindowsNames.WinHttpSettingsValue}: flags {Flags}, proxy '{Proxy}', bypass '{Bypass}'";
    }
}
