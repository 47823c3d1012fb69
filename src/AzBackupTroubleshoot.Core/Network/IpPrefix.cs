namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// A CIDR block such as <c>20.38.108.0/23</c> or <c>2603:1020:206::/48</c>: a network address whose host bits are zero
    /// and a prefix length. Parsing is strict (no leading zeros in IPv4 octets, no host bits, no scope id), like Python's
    /// <c>ipaddress.ip_network</c>; the text form is the canonical one (RFC 5952 for IPv6).
    /// </summary>
    public readonly struct IpPrefix : IEquatable<IpPrefix>, IComparable<IpPrefix>
    {
        internal IpPrefix(IpFamily family, Address128 network, int length)
        {
            Family = family;
            Network = network;
            Length = length;
        }

        /// <summary>The address family.</summary>
        public IpFamily Family { get; }

        /// <summary>The prefix length in bits (0..32 for IPv4, 0..128 for IPv6).</summary>
        public int Length { get; }

        /// <summary>The number of bits of an address of this family.</summary>
        public int Width => Family == IpFamily.IPv4 ? 32 : 128;

        /// <summary>The network (first) address as text.</summary>
        public string NetworkAddress => FormatAddress(Family, Network);

        internal Address128 Network { get; }

        /// <summary>The last address of the block.</summary>
        internal Address128 Last => Network.Or(Address128.LowMask(Width - Length));

        /// <summary>Parses a CIDR block; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
        public static IpPrefix Parse(string text)
        {
            if (!TryParse(text, out var prefix, out var reason))
            {
                throw new FormatException($"'{text}' is not a CIDR block: {reason}");
            }

            return prefix;
        }

        /// <summary>Parses a CIDR block (an address without a length is a single-address block).</summary>
        public static bool TryParse(string? text, out IpPrefix prefix) => TryParse(text, out prefix, out _);

        /// <summary>Parses a CIDR block and says why when it is not one.</summary>
        public static bool TryParse(string? text, out IpPrefix prefix, out string reason)
        {
            prefix = default;
            if (string.IsNullOrEmpty(text))
            {
                reason = "it is empty";
                return false;
            }

            return TryParse(text.AsSpan(), out prefix, out reason);
        }

        /// <summary>Parses a CIDR block held as UTF-8 bytes (as the JSON reader sees it) without allocating on success.</summary>
        internal static bool TryParseUtf8(ReadOnlySpan<byte> utf8, out IpPrefix prefix, out string reason)
        {
            prefix = default;
            if (utf8.Length == 0 || utf8.Length > 64)
            {
                reason = utf8.Length == 0 ? "it is empty" : "it is too long for an address prefix";
                return false;
            }

            Span<char> chars = stackalloc char[utf8.Length];
            for (var i = 0; i < utf8.Length; i++)
            {
                // Non-ASCII bytes can never be part of a prefix; map them to a character the parsers reject.
                chars[i] = utf8[i] < 0x80 ? (char)utf8[i] : '?';
            }

            return TryParse(chars, out prefix, out reason);
        }

        private static bool TryParse(ReadOnlySpan<char> value, out IpPrefix prefix, out string reason)
        {
            prefix = default;
            var slash = value.IndexOf('/');
            var addressText = slash < 0 ? value : value.Slice(0, slash);
            var family = addressText.IndexOf(':') >= 0 ? IpFamily.IPv6 : IpFamily.IPv4;
            var width = family == IpFamily.IPv4 ? 32 : 128;
            Address128 address;
            if (family == IpFamily.IPv4)
            {
                if (!TryParseIPv4(addressText, out var v4))
                {
                    reason = $"'{addressText.ToString()}' is not an IPv4 address (four decimal octets 0-255, no leading zeros)";
                    return false;
                }

                address = new Address128(0, v4);
            }
            else if (!TryParseIPv6(addressText, out address))
            {
                reason = $"'{addressText.ToString()}' is not an IPv6 address";
                return false;
            }

            var length = width;
            if (slash >= 0 && !TryParseLength(value.Slice(slash + 1), width, out length))
            {
                reason = $"the prefix length '{value.Slice(slash + 1).ToString()}' is not a number from 0 to {width}";
                return false;
            }

            var hostMask = Address128.LowMask(width - length);
            if (!address.And(hostMask).IsZero)
            {
                reason = $"host bits are set (the network address for /{length} is {FormatAddress(family, address.And(hostMask.Not()))})";
                return false;
            }

            prefix = new IpPrefix(family, address, length);
            reason = string.Empty;
            return true;
        }

        /// <summary>True when every address of <paramref name="other"/> is in this block.</summary>
        public bool Contains(IpPrefix other) =>
            other.Family == Family && other.Length >= Length && other.Network.And(Address128.LowMask(Width - Length).Not()) == Network;

        /// <inheritdoc />
        public bool Equals(IpPrefix other) => Family == other.Family && Length == other.Length && Network == other.Network;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is IpPrefix other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (Network.GetHashCode() * 31) ^ (Length * 2) ^ (int)Family;

        /// <summary>Orders IPv4 before IPv6, then by network address, then shorter prefixes first.</summary>
        public int CompareTo(IpPrefix other)
        {
            if (Family != other.Family)
            {
                return Family.CompareTo(other.Family);
            }

            var byAddress = Network.CompareTo(other.Network);
            return byAddress != 0 ? byAddress : Length.CompareTo(other.Length);
        }

        /// <summary>The canonical text form, for example <c>20.38.108.0/23</c>.</summary>
        public override string ToString() => FormatAddress(Family, Network) + "/" + Length.ToString(CultureInfo.InvariantCulture);

        internal static string FormatAddress(IpFamily family, Address128 address)
        {
            if (family == IpFamily.IPv4)
            {
                var v = (uint)address.Low;
                return string.Concat(
                    (v >> 24).ToString(CultureInfo.InvariantCulture), ".",
                    ((v >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture), ".",
                    ((v >> 8) & 0xFF).ToString(CultureInfo.InvariantCulture), ".",
                    (v & 0xFF).ToString(CultureInfo.InvariantCulture));
            }

            var groups = new int[8];
            for (var i = 0; i < 4; i++)
            {
                groups[i] = (int)((address.High >> (48 - (16 * i))) & 0xFFFF);
                groups[i + 4] = (int)((address.Low >> (48 - (16 * i))) & 0xFFFF);
            }

            // RFC 5952: compress the longest run of two or more zero groups (the first one on a tie).
            int bestStart = -1, bestLength = 0;
            for (var i = 0; i < 8;)
            {
                if (groups[i] != 0)
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < 8 && groups[i] == 0)
                {
                    i++;
                }

                if (i - start > bestLength && i - start >= 2)
                {
                    bestStart = start;
                    bestLength = i - start;
                }
            }

            var sb = new StringBuilder(39);
            for (var i = 0; i < 8; i++)
            {
                if (i == bestStart)
                {
                    sb.Append("::");
                    i += bestLength - 1;
                    continue;
                }

                if (sb.Length > 0 && sb[sb.Length - 1] != ':')
                {
                    sb.Append(':');
                }

                sb.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        private static bool TryParseIPv4(ReadOnlySpan<char> text, out ulong value)
        {
            value = 0;
            var octets = 0;
            var i = 0;
            while (true)
            {
                var start = i;
                var octet = 0;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    octet = (octet * 10) + (text[i] - '0');
                    i++;
                    if (i - start > 3)
                    {
                        return false;
                    }
                }

                var digits = i - start;
                if (digits == 0 || octet > 255 || (digits > 1 && text[start] == '0'))
                {
                    return false;
                }

                value = (value << 8) | (uint)octet;
                octets++;
                if (i == text.Length)
                {
                    return octets == 4;
                }

                if (text[i] != '.' || octets == 4)
                {
                    return false;
                }

                i++;
            }
        }

        /// <summary>RFC 4291 text forms: eight hex groups, one "::" for a run of zero groups, an optional dotted IPv4 tail.</summary>
        private static bool TryParseIPv6(ReadOnlySpan<char> text, out Address128 value)
        {
            value = default;
            Span<ushort> groups = stackalloc ushort[8];
            var count = 0;
            var gap = -1;
            var i = 0;
            if (text.Length >= 2 && text[0] == ':' && text[1] == ':')
            {
                gap = 0;
                i = 2;
            }
            else if (text.Length == 0 || text[0] == ':')
            {
                return false;
            }

            while (i < text.Length)
            {
                var start = i;
                var group = 0;
                while (i < text.Length && HexValue(text[i]) >= 0 && i - start < 5)
                {
                    group = (group << 4) | HexValue(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] == '.')
                {
                    // Dotted IPv4 tail (for example ::ffff:192.0.2.1): the last two groups.
                    if (count > 6 || !TryParseIPv4(text.Slice(start), out var v4))
                    {
                        return false;
                    }

                    groups[count++] = (ushort)(v4 >> 16);
                    groups[count++] = (ushort)(v4 & 0xFFFF);
                    i = text.Length;
                    break;
                }

                if (i == start || i - start > 4 || count == 8)
                {
                    return false;
                }

                groups[count++] = (ushort)group;
                if (i == text.Length)
                {
                    break;
                }

                if (text[i] != ':' || i + 1 == text.Length)
                {
                    return false;
                }

                i++;
                if (text[i] == ':')
                {
                    if (gap >= 0)
                    {
                        return false;
                    }

                    gap = count;
                    i++;
                }
            }

            if (gap < 0 ? count != 8 : count > 7)
            {
                return false;
            }

            Span<ushort> full = stackalloc ushort[8];
            var tail = count - Math.Max(gap, 0);
            for (var g = 0; g < count; g++)
            {
                full[gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g] = groups[g];
            }

            ulong high = 0, low = 0;
            for (var g = 0; g < 4; g++)
            {
                high = (high << 16) | full[g];
                low = (low << 16) | full[g + 4];
            }

            value = new Address128(high, low);
            return true;
        }

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static bool TryParseLength(ReadOnlySpan<char> text, int width, out int length)
        {
            length = 0;
            if (text.Length < 1 || text.Length > 3 || (text.Length > 1 && text[0] == '0'))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                length = (length * 10) + (c - '0');
            }

            return length <= width;
        }
    }
}
