namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>A Service Tag prefix the <see cref="RoutePolicy"/> does not route, and why.</summary>
    public sealed class RefusedPrefix : IEquatable<RefusedPrefix>
    {
        /// <summary>Creates a refusal.</summary>
        public RefusedPrefix(string serviceTag, IpPrefix prefix, string reason)
        {
            ServiceTag = serviceTag ?? string.Empty;
            Prefix = prefix;
            Reason = reason ?? string.Empty;
        }

        /// <summary>The tag that listed the prefix.</summary>
        public string ServiceTag { get; }

        /// <summary>The prefix.</summary>
        public IpPrefix Prefix { get; }

        /// <summary>Why it is not routed.</summary>
        public string Reason { get; }

        /// <inheritdoc />
        public bool Equals(RefusedPrefix? other) =>
            other != null && Prefix.Equals(other.Prefix) && string.Equals(ServiceTag, other.ServiceTag, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as RefusedPrefix);

        /// <inheritdoc />
        public override int GetHashCode() => Prefix.GetHashCode() ^ StringComparer.OrdinalIgnoreCase.GetHashCode(ServiceTag);

        /// <summary>The warning text: <c>Service Tag 'X': P is not routed: reason.</c></summary>
        public override string ToString() => $"Service Tag '{ServiceTag}': {Prefix} is not routed: {Reason}.";
    }
}
