namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Which Service Tag prefixes the datacenter-route cmdlets may route. A Service Tags file is input from outside (a
    /// download, a pipeline), so a prefix is refused when routing it could cut the VM off from itself, its subnet or the
    /// Azure platform: the default route; loopback, link-local (with IMDS 169.254.169.254), multicast, reserved,
    /// unspecified and broadcast ranges (RFC 6890); private and shared address space (the VNet's own, never in a Service
    /// Tag); WireServer 168.63.129.16; the subnets the machine is connected to (its on-link routes); and any block wider
    /// than <see cref="WidestIPv4Length"/> / <see cref="WidestIPv6Length"/>. A refused prefix overlapping a listed range in
    /// either direction counts (a /4 holding loopback is as bad as loopback).
    /// </summary>
    /// <remarks>
    /// The widest blocks: /8 for IPv4 is IANA's unit of allocation to the regional registries, so no one organisation's
    /// datacenter range is wider (the widest block of the real Service Tags file after aggregation is a /12). IPv6 /16 is
    /// narrower than a registry's /12 pool and still wider than the largest allocation to one organisation (about /19);
    /// Azure's widest IPv6 block after aggregation is a /40. Documentation ranges (192.0.2.0/24, 198.51.100.0/24,
    /// 203.0.113.0/24, 2001:db8::/32) are not refused: nothing real lives there, which is why the tests route them.
    /// </remarks>
    public sealed class RoutePolicy
    {
        /// <summary>The widest IPv4 block the module routes.</summary>
        public const int WidestIPv4Length = 8;

        /// <summary>The widest IPv6 block the module routes.</summary>
        public const int WidestIPv6Length = 16;

        private static readonly Refusal[] RefusedIPv4 =
        {
            Range("0.0.0.0/8", "unspecified and 'this network' addresses"),
            Range("10.0.0.0/8", "private address space (RFC 1918), the VNet's own"),
            Range("100.64.0.0/10", "shared address space (RFC 6598)"),
            Range("127.0.0.0/8", "loopback"),
            Range("168.63.129.16/32", "WireServer, the Azure platform address the agent talks to"),
            Range("169.254.169.254/32", "IMDS, the Azure Instance Metadata Service"),
            Range("169.254.0.0/16", "link-local"),
            Range("172.16.0.0/12", "private address space (RFC 1918), the VNet's own"),
            Range("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            Range("192.168.0.0/16", "private address space (RFC 1918), the VNet's own"),
            Range("224.0.0.0/4", "multicast"),
            Range("240.0.0.0/4", "reserved, with the broadcast address 255.255.255.255"),
        };

        private static readonly Refusal[] RefusedIPv6 =
        {
            Range("::/128", "the unspecified address"),
            Range("::1/128", "loopback"),
            Range("fe80::/10", "link-local"),
            Range("fc00::/7", "unique local address space (RFC 4193), the VNet's own"),
            Range("ff00::/8", "multicast"),
        };

        private static readonly IpPrefix GlobalUnicast = IpPrefix.Parse("2000::/3");

        private readonly IpPrefix[] _connected;

        /// <summary>Creates a policy that also refuses the <paramref name="connectedSubnets"/> of a machine.</summary>
        public RoutePolicy(IEnumerable<IpPrefix>? connectedSubnets = null)
        {
            _connected = (connectedSubnets ?? Array.Empty<IpPrefix>()).Distinct().ToArray();
        }

        /// <summary>The policy without any machine's subnets.</summary>
        public static RoutePolicy Default { get; } = new RoutePolicy();

        /// <summary>The subnets of the machine whose routes change (its on-link routes).</summary>
        public IReadOnlyList<IpPrefix> ConnectedSubnets => _connected;

        /// <summary>The widest block of a family.</summary>
        public static int WidestLength(IpFamily family) => family == IpFamily.IPv4 ? WidestIPv4Length : WidestIPv6Length;

        /// <summary>The same policy, refusing <paramref name="connectedSubnets"/> too.</summary>
        public RoutePolicy WithConnectedSubnets(IEnumerable<IpPrefix> connectedSubnets) =>
            new RoutePolicy(_connected.Concat(connectedSubnets ?? Array.Empty<IpPrefix>()));

        /// <summary>True when <paramref name="prefix"/> overlaps one of the connected subnets.</summary>
        public bool OverlapsConnectedSubnet(IpPrefix prefix) => _connected.Any(c => Overlaps(c, prefix));

        /// <summary>Why <paramref name="prefix"/> is not routed, or null when it may be.</summary>
        public string? WhyRefused(IpPrefix prefix)
        {
            if (prefix.Length == 0)
            {
                return "it is the default route (every address)";
            }

            // CIDR blocks either nest or are apart, so two overlap exactly when their address intervals meet: two
            // comparisons per range, with the prefix's last address computed once (this runs for every prefix of a file).
            var first = prefix.Network;
            var last = prefix.Last;
            var refusals = prefix.Family == IpFamily.IPv4 ? RefusedIPv4 : RefusedIPv6;
            for (var i = 0; i < refusals.Length; i++)
            {
                if (refusals[i].First <= last && first <= refusals[i].Last)
                {
                    var range = refusals[i].Range;
                    return range.Equals(prefix) ? refusals[i].Why : $"it overlaps {range} ({refusals[i].Why})";
                }
            }

            if (prefix.Family == IpFamily.IPv6 && !GlobalUnicast.Contains(prefix))
            {
                return "it is outside global unicast space 2000::/3 (reserved by the IETF)";
            }

            var widest = WidestLength(prefix.Family);
            if (prefix.Length < widest)
            {
                return $"it is wider than /{widest.ToString(CultureInfo.InvariantCulture)}, the widest block the module routes";
            }

            foreach (var subnet in _connected)
            {
                if (Overlaps(subnet, prefix))
                {
                    return $"it overlaps {subnet}, a subnet this machine is connected to (an on-link route)";
                }
            }

            return null;
        }

        private static bool Overlaps(IpPrefix a, IpPrefix b) => a.Family == b.Family && a.Network <= b.Last && b.Network <= a.Last;

        private static Refusal Range(string prefix, string why) => new Refusal(IpPrefix.Parse(prefix), why);

        /// <summary>A refused range with its first and last address computed once.</summary>
        private readonly struct Refusal
        {
            public Refusal(IpPrefix range, string why)
            {
                Range = range;
                First = range.Network;
                Last = range.Last;
                Why = why;
            }

            public IpPrefix Range { get; }

            public Address128 First { get; }

            public Address128 Last { get; }

            public string Why { get; }
        }
    }
}
