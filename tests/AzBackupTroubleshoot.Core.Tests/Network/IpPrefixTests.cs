using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class IpPrefixTests
    {
        [Theory]
        [InlineData("20.38.108.0/23", IpFamily.IPv4, 23, "20.38.108.0/23")]
        [InlineData("0.0.0.0/0", IpFamily.IPv4, 0, "0.0.0.0/0")]
        [InlineData("255.255.255.255/32", IpFamily.IPv4, 32, "255.255.255.255/32")]
        [InlineData("13.87.32.30", IpFamily.IPv4, 32, "13.87.32.30/32")]
        [InlineData("2603:1020:206::/48", IpFamily.IPv6, 48, "2603:1020:206::/48")]
        [InlineData("2603:1020:0206:0000::/48", IpFamily.IPv6, 48, "2603:1020:206::/48")]
        [InlineData("::/0", IpFamily.IPv6, 0, "::/0")]
        [InlineData("2001:DB8:0:0:1:0:0:0/128", IpFamily.IPv6, 128, "2001:db8:0:0:1::/128")]
        [InlineData("2001:db8:0:0:1:0:0:1/128", IpFamily.IPv6, 128, "2001:db8::1:0:0:1/128")]
        [InlineData("2001:db8:0:1:1:1:1:1/128", IpFamily.IPv6, 128, "2001:db8:0:1:1:1:1:1/128")]
        [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", IpFamily.IPv6, 128, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")]
        public void Parses_and_prints_the_canonical_form(string text, IpFamily family, int length, string canonical)
        {
            var prefix = IpPrefix.Parse(text);

            Assert.Equal(family, prefix.Family);
            Assert.Equal(length, prefix.Length);
            Assert.Equal(canonical, prefix.ToString());
            Assert.Equal(prefix, IpPrefix.Parse(canonical));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("20.38.108.0/33", "prefix length")]
        [InlineData("20.38.108.0/", "prefix length")]
        [InlineData("20.38.108.0/-1", "prefix length")]
        [InlineData("20.38.108.1/23", "host bits are set (the network address for /23 is 20.38.108.0)")]
        [InlineData("20.38.256.0/24", "not an IPv4 address")]
        [InlineData("20.38.08.0/24", "not an IPv4 address")]
        [InlineData("20.38.108/24", "not an IPv4 address")]
        [InlineData("20.38.108.0.0/24", "not an IPv4 address")]
        [InlineData("storage.westeurope", "not an IPv4 address")]
        [InlineData("2603:1020::206::/48", "not an IPv6 address")]
        [InlineData("fe80::1%eth0/128", "not an IPv6 address")]
        [InlineData("2603:1020:206::/129", "prefix length")]
        [InlineData("2603:1020:206::1/48", "host bits are set")]
        public void Rejects_malformed_blocks_with_the_reason(string text, string reason)
        {
            Assert.False(IpPrefix.TryParse(text, out _, out var why));
            Assert.Contains(reason, why, StringComparison.Ordinal);
            var ex = Assert.Throws<FormatException>(() => IpPrefix.Parse(text));
            Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Parses_IPv6_text_forms_as_System_Net_IPAddress_does_and_prints_what_it_prints()
        {
            var random = new Random(42);
            var bytes = new byte[16];
            for (var i = 0; i < 5000; i++)
            {
                random.NextBytes(bytes);
                for (var b = 0; b < 16; b++)
                {
                    // Plenty of zero groups, so "::" appears at every position.
                    if (random.Next(3) == 0)
                    {
                        bytes[b] = 0;
                    }
                }

                var reference = new System.Net.IPAddress(bytes);
                var full = string.Join(":", Enumerable.Range(0, 8).Select(g => ((bytes[2 * g] << 8) | bytes[(2 * g) + 1]).ToString("X4")));
                var expected = reference.IsIPv4MappedToIPv6 ? null : reference.ToString();
                foreach (var text in new[] { reference.ToString(), full, full.ToLowerInvariant() })
                {
                    var prefix = IpPrefix.Parse(text + "/128");
                    Assert.Equal(bytes, System.Net.IPAddress.Parse(prefix.NetworkAddress).GetAddressBytes());
                    if (expected != null)
                    {
                        Assert.Equal(expected, prefix.NetworkAddress);
                    }
                }
            }
        }

        [Theory]
        [InlineData("::ffff:192.0.2.1/128", "::ffff:c000:201/128")]
        [InlineData("64:ff9b::192.0.2.0/120", "64:ff9b::c000:200/120")]
        [InlineData("1::/16", "1::/16")]
        [InlineData("1:2:3:4:5:6:7::/128", "1:2:3:4:5:6:7:0/128")]
        [InlineData("::2:3:4:5:6:7:8/128", "0:2:3:4:5:6:7:8/128")]
        public void Parses_IPv6_edge_forms(string text, string canonical)
        {
            Assert.Equal(canonical, IpPrefix.Parse(text).ToString());
        }

        [Theory]
        [InlineData(":::/0")]
        [InlineData("1:::2/128")]
        [InlineData("1::2::3/128")]
        [InlineData("1:2:3:4:5:6:7:8:9/128")]
        [InlineData("1:2:3:4:5:6:7/128")]
        [InlineData("12345::/16")]
        [InlineData("1:/16")]
        [InlineData(":1::/16")]
        [InlineData("g::/16")]
        [InlineData("1:2:3:4:5:6:7:1.2.3.4/128")]
        [InlineData("::1.2.3/128")]
        public void Rejects_malformed_IPv6_addresses(string text)
        {
            Assert.False(IpPrefix.TryParse(text, out _));
        }

        [Fact]
        public void Contains_compares_family_length_and_network()
        {
            var block = IpPrefix.Parse("20.38.108.0/23");

            Assert.True(block.Contains(IpPrefix.Parse("20.38.109.128/25")));
            Assert.True(block.Contains(block));
            Assert.False(block.Contains(IpPrefix.Parse("20.38.110.0/24")));
            Assert.False(block.Contains(IpPrefix.Parse("20.38.108.0/22")));
            Assert.False(IpPrefix.Parse("::/0").Contains(block));
            Assert.True(IpPrefix.Parse("0.0.0.0/0").Contains(block));
        }

        [Fact]
        public void Orders_IPv4_before_IPv6_then_by_address_then_by_length()
        {
            var sorted = new[] { IpPrefix.Parse("::/0"), IpPrefix.Parse("10.0.0.0/16"), IpPrefix.Parse("10.0.0.0/8"), IpPrefix.Parse("9.255.0.0/16") };
            Array.Sort(sorted);

            Assert.Equal(new[] { "9.255.0.0/16", "10.0.0.0/8", "10.0.0.0/16", "::/0" }, Array.ConvertAll(sorted, p => p.ToString()));
        }
    }
}
