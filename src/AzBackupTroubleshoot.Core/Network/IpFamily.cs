namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>The IP address family of a prefix or a route.</summary>
    public enum IpFamily
    {
        /// <summary>IPv4 (32-bit addresses).</summary>
        IPv4,

        /// <summary>IPv6 (128-bit addresses).</summary>
        IPv6,
    }
}
