namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One IP-enabled Win32_NetworkAdapterConfiguration instance.</summary>
    public sealed class NetworkAdapterInfo
    {
        /// <summary>Index (the key).</summary>
        public long Index { get; init; }

        /// <summary>Description, for example <c>Microsoft Hyper-V Network Adapter</c>.</summary>
        public string? Description { get; init; }

        /// <summary>DHCPEnabled.</summary>
        public bool DhcpEnabled { get; init; }

        /// <summary>IPAddress.</summary>
        public IReadOnlyList<string> IPAddresses { get; init; } = Array.Empty<string>();

        /// <summary>DHCPServer (168.63.129.16 on Azure), or null.</summary>
        public string? DhcpServer { get; init; }
    }
}
