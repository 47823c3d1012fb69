using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class CidrAggregatorTests
    {
        [Theory]
        [InlineData(new[] { "10.0.0.0/25", "10.0.0.128/25" }, new[] { "10.0.0.0/24" })]
        [InlineData(new[] { "10.0.0.0/24", "10.0.0.64/26", "10.0.0.0/24" }, new[] { "10.0.0.0/24" })]
        [InlineData(new[] { "10.0.1.0/24", "10.0.2.0/24" }, new[] { "10.0.1.0/24", "10.0.2.0/24" })]
        [InlineData(new[] { "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.0.0/24" }, new[] { "10.0.0.0/22" })]
        [InlineData(new[] { "10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/29" }, new[] { "10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/29" })]
        [InlineData(new[] { "255.255.255.254/32", "255.255.255.255/32" }, new[] { "255.255.255.254/31" })]
        [InlineData(new[] { "0.0.0.0/1", "128.0.0.0/1" }, new[] { "0.0.0.0/0" })]
        [InlineData(new[] { "0.0.0.0/0", "10.0.0.0/8" }, new[] { "0.0.0.0/0" })]
        [InlineData(new[] { "::/1", "8000::/1" }, new[] { "::/0" })]
        [InlineData(new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" }, new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127" })]
        [InlineData(new[] { "2001:db8:0:0:ffff:ffff:ffff:ffff/128", "2001:db8:0:1::/128" }, new[] { "2001:db8::ffff:ffff:ffff:ffff/128", "2001:db8:0:1::/128" })]
        [InlineData(new[] { "2001:db8::/64", "2001:db8:0:1::/64" }, new[] { "2001:db8::/63" })]
        [InlineData(new[] { "2001:db8::/48", "10.0.0.0/8", "11.0.0.0/8" }, new[] { "10.0.0.0/7", "2001:db8::/48" })]
        public void Merges_overlapping_contained_and_adjacent_blocks(string[] input, string[] expected)
        {
            var result = CidrAggregator.Aggregate(input.Select(IpPrefix.Parse));

            Assert.Equal(expected, result.Select(p => p.ToString()));
        }

        [Fact]
        public void Empty_input_gives_an_empty_set()
        {
            Assert.Empty(CidrAggregator.Aggregate(Array.Empty<IpPrefix>()));
        }

        /// <summary>
        /// Random prefix sets inside a small space (a base block of length B with prefixes of length B..B+8, i.e. 256
        /// units) against a brute-force model: the set of covered units, and the expected blocks as the maximal full nodes
        /// of the binary trie over that space. Bases sit at both ends of each family and across the 64-bit halves of IPv6.
        /// </summary>
        [Theory]
        [InlineData("10.0.0.0/24", 1)]
        [InlineData("0.0.0.0/24", 2)]
        [InlineData("255.255.255.0/24", 3)]
        [InlineData("0.0.0.0/0", 4)]
        [InlineData("2001:db8::/120", 5)]
        [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120", 6)]
        [InlineData("2001:db8::/60", 7)]
        [InlineData("::/0", 8)]
        [InlineData("ff00::/8", 9)]
        public void Matches_a_brute_force_model_on_random_sets(string space, int seed)
        {
            var universe = IpPrefix.Parse(space);
            var random = new Random(seed);
            for (var round = 0; round < 400; round++)
            {
                var count = random.Next(0, 14);
                var input = new List<IpPrefix>();
                var covered = new bool[256];
                for (var i = 0; i < count; i++)
                {
                    var depth = random.Next(0, 9);
                    var index = random.Next(0, 1 << depth);
                    input.Add(Block(universe, depth, index));
                    var units = 1 << (8 - depth);
                    for (var u = index * units; u < (index + 1) * units; u++)
                    {
                        covered[u] = true;
                    }
                }

                var result = CidrAggregator.Aggregate(input);

                Assert.Equal(ExpectedBlocks(universe, covered).Select(p => p.ToString()), result.Select(p => p.ToString()));
                Assert.Equal(covered, Coverage(universe, result));
            }
        }

        /// <summary>The maximal full nodes of the trie over the 256 units: full, and the parent is not.</summary>
        private static List<IpPrefix> ExpectedBlocks(IpPrefix universe, bool[] covered)
        {
            bool Full(int depth, int index)
            {
                var units = 1 << (8 - depth);
                return Enumerable.Range(index * units, units).All(u => covered[u]);
            }

            var blocks = new List<IpPrefix>();
            for (var depth = 0; depth <= 8; depth++)
            {
                for (var index = 0; index < 1 << depth; index++)
                {
                    if (Full(depth, index) && (depth == 0 || !Full(depth - 1, index / 2)))
                    {
                        blocks.Add(Block(universe, depth, index));
                    }
                }
            }

            blocks.Sort();
            return blocks;
        }

        private static bool[] Coverage(IpPrefix universe, IEnumerable<IpPrefix> blocks)
        {
            var covered = new bool[256];
            foreach (var block in blocks)
            {
                Assert.True(universe.Contains(block), $"{block} is outside {universe}");
                var depth = block.Length - universe.Length;
                Assert.InRange(depth, 0, 8);
                var index = UnitIndex(universe, block) >> (8 - depth);
                var units = 1 << (8 - depth);
                for (var u = index * units; u < (index + 1) * units; u++)
                {
                    Assert.False(covered[u], $"{block} overlaps another block");
                    covered[u] = true;
                }
            }

            return covered;
        }

        /// <summary>The block at <paramref name="depth"/> below the universe with the given index.</summary>
        private static IpPrefix Block(IpPrefix universe, int depth, int index)
        {
            var width = universe.Width;
            var shift = width - universe.Length - depth;
            var offset = Shift(new Address128(0, (ulong)index), shift);
            var network = universe.Network.Or(offset);
            return new IpPrefix(universe.Family, network, universe.Length + depth);
        }

        private static int UnitIndex(IpPrefix universe, IpPrefix block)
        {
            var shift = universe.Width - universe.Length - 8;
            var offset = block.Network.Subtract(universe.Network);
            var units = shift >= 64 ? offset.High >> (shift - 64) : (offset.Low >> shift) | (shift == 0 ? 0 : offset.High << (64 - shift));
            return (int)(units & 0xFF);
        }

        private static Address128 Shift(Address128 value, int bits)
        {
            if (bits == 0)
            {
                return value;
            }

            return bits >= 64
                ? new Address128(value.Low << (bits - 64), 0)
                : new Address128((value.High << bits) | (value.Low >> (64 - bits)), value.Low << bits);
        }
    }
}
