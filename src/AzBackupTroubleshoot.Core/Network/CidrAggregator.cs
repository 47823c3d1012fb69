namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Reduces a set of CIDR blocks to the smallest set that covers exactly the same addresses: overlapping, contained and
    /// adjacent blocks are merged into address ranges, and each range is cut into the fewest aligned blocks. The result is
    /// the same list Python's <c>ipaddress.collapse_addresses</c> gives (the minimal exact cover is unique).
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from IPNetwork2 after measuring both on the real Service Tags file
    /// (bench/RESULTS.md, "Service Tags aggregation"). Works on two 64-bit halves, so IPv4 and IPv6 share one path.
    /// </remarks>
    public static class CidrAggregator
    {
        /// <summary>
        /// The minimal exact cover of <paramref name="prefixes"/>, sorted by address; IPv4 blocks come before IPv6 blocks.
        /// </summary>
        public static IReadOnlyList<IpPrefix> Aggregate(IEnumerable<IpPrefix> prefixes)
        {
            if (prefixes is null)
            {
                throw new ArgumentNullException(nameof(prefixes));
            }

            // IPv4 ranges pack into one 64-bit key (start, then end), which sorts as a primitive; IPv6 ranges sort as structs.
            var v4 = new List<ulong>();
            var v6 = new List<Range>();
            foreach (var prefix in prefixes)
            {
                if (prefix.Family == IpFamily.IPv4)
                {
                    v4.Add((prefix.Network.Low << 32) | prefix.Last.Low);
                }
                else
                {
                    v6.Add(new Range(prefix.Network, prefix.Last));
                }
            }

            var result = new List<IpPrefix>();
            CollapseIPv4(v4, result);
            CollapseIPv6(v6, result);
            return result;
        }

        private static void CollapseIPv4(List<ulong> ranges, List<IpPrefix> output)
        {
            if (ranges.Count == 0)
            {
                return;
            }

            ranges.Sort();
            var start = ranges[0] >> 32;
            var end = ranges[0] & 0xFFFFFFFFUL;
            for (var i = 1; i < ranges.Count; i++)
            {
                var nextStart = ranges[i] >> 32;
                var nextEnd = ranges[i] & 0xFFFFFFFFUL;
                if (nextStart <= end + 1)
                {
                    // Overlapping, contained or adjacent: extend the current range (no overflow: values are 32-bit).
                    end = Math.Max(end, nextEnd);
                    continue;
                }

                EmitBlocks(new Address128(0, start), new Address128(0, end), IpFamily.IPv4, 32, output);
                start = nextStart;
                end = nextEnd;
            }

            EmitBlocks(new Address128(0, start), new Address128(0, end), IpFamily.IPv4, 32, output);
        }

        private static void CollapseIPv6(List<Range> ranges, List<IpPrefix> output)
        {
            if (ranges.Count == 0)
            {
                return;
            }

            ranges.Sort();
            var start = ranges[0].Start;
            var end = ranges[0].End;
            for (var i = 1; i < ranges.Count; i++)
            {
                var next = ranges[i];
                var endPlusOne = end.Add(new Address128(0, 1), out var wrapped);
                if (wrapped || next.Start <= endPlusOne)
                {
                    if (next.End > end)
                    {
                        end = next.End;
                    }

                    continue;
                }

                EmitBlocks(start, end, IpFamily.IPv6, 128, output);
                start = next.Start;
                end = next.End;
            }

            EmitBlocks(start, end, IpFamily.IPv6, 128, output);
        }

        /// <summary>Cuts [start, end] into the fewest aligned blocks, largest first at each step.</summary>
        private static void EmitBlocks(Address128 start, Address128 end, IpFamily family, int width, List<IpPrefix> output)
        {
            while (true)
            {
                var alignment = Math.Min(start.TrailingZeroCount(), width);
                var span = end.Subtract(start);
                var spanPlusOne = span.Add(new Address128(0, 1), out var wrapped);

                // floor(log2(end - start + 1)); the whole IPv6 space (2^128 addresses) wraps to zero.
                var fits = wrapped ? 128 : spanPlusOne.HighestBit();
                var bits = Math.Min(alignment, fits);
                output.Add(new IpPrefix(family, start, width - bits));
                if (bits >= width)
                {
                    return;
                }

                var last = start.Or(Address128.LowMask(bits));
                if (last >= end)
                {
                    return;
                }

                start = last.Add(new Address128(0, 1), out _);
            }
        }

        private readonly struct Range : IComparable<Range>
        {
            public Range(Address128 start, Address128 end)
            {
                Start = start;
                End = end;
            }

            public Address128 Start { get; }

            public Address128 End { get; }

            public int CompareTo(Range other)
            {
                var byStart = Start.CompareTo(other.Start);
                return byStart != 0 ? byStart : End.CompareTo(other.End);
            }
        }
    }
}
