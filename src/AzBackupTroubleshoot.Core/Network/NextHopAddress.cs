namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// A route's next hop: one unicast address, parsed strictly (the <see cref="IpPrefix"/> rules: four decimal octets
    /// without leading zeros, or an IPv6 address without a scope id; no spaces, no line breaks, nothing else). Route
    /// commands are built from its canonical text only, never from what the user typed.
    /// </summary>
    public readonly struct NextHopAddress : IEquatable<NextHopAddress>
    {
        private readonly IpPrefix _host;

        private NextHopAddress(IpPrefix host)
        {
            _host = host;
        }

        /// <summary>The address family.</summary>
        public IpFamily Family => _host.Family;

        /// <summary>The address as a one-address block (<c>/32</c> or <c>/128</c>).</summary>
        public IpPrefix AsPrefix => _host;

        /// <summary>Parses a next hop; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
        public static NextHopAddress Parse(string text) =>
            TryParse(text, out var address, out var reason) ? address : throw new FormatException($"'{text}' is not a next-hop address: {reason}");

        /// <summary>Parses a next hop and says why when it is not one.</summary>
        public static bool TryParse(string? text, out NextHopAddress address, out string reason)
        {
            address = default;
            if (string.IsNullOrEmpty(text))
            {
                reason = "it is empty";
                return false;
            }

            if (text!.Length > 45)
            {
                reason = "it is longer than any IP address";
                return false;
            }

            if (text.IndexOf('/') >= 0)
            {
                reason = "a next hop is one address, not a block";
                return false;
            }

            if (!IpPrefix.TryParse(text, out var host, out reason))
            {
                return false;
            }

            var why = WhyNotUnicast(host);
            if (why != null)
            {
                reason = why;
                return false;
            }

            address = new NextHopAddress(host);
            return true;
        }

        /// <inheritdoc />
        public bool Equals(NextHopAddress other) => _host.Equals(other._host);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is NextHopAddress other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _host.GetHashCode();

        /// <summary>The canonical text (RFC 5952 for IPv6).</summary>
        public override string ToString() => _host.NetworkAddress;

        /// <summary>Why an address cannot be a gateway (unspecified, loopback, multicast, broadcast/reserved), or null.</summary>
        private static string? WhyNotUnicast(IpPrefix host)
        {
            if (host.Family == IpFamily.IPv4)
            {
                if (IpPrefix.Parse("0.0.0.0/8").Contains(host))
                {
                    return "it is in 0.0.0.0/8 (this network, unspecified)";
                }

                if (IpPrefix.Parse("127.0.0.0/8").Contains(host))
                {
                    return "it is a loopback address";
                }

                if (IpPrefix.Parse("224.0.0.0/4").Contains(host))
                {
                    return "it is a multicast address";
                }

                return IpPrefix.Parse("240.0.0.0/4").Contains(host) ? "it is reserved (240.0.0.0/4, with the broadcast address)" : null;
            }

            if (host.Equals(IpPrefix.Parse("::/128")))
            {
                return "it is the unspecified address";
            }

            if (host.Equals(IpPrefix.Parse("::1/128")))
            {
                return "it is the loopback address";
            }

            return IpPrefix.Parse("ff00::/8").Contains(host) ? "it is a multicast address" : null;
        }
    }
}
