using System;
using System.Collections.Generic;

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

            var v4 = new List<Range>();
            var v6 = new List<Range>();
            foreach (var prefix in prefixes)
            {
                (prefix.Family == IpFamily.IPv4 ? v4 : v6).Add(new Range(prefix.Network, prefix.Last));
            }

            var result = new List<IpPrefix>();
            Collapse(v4, IpFamily.IPv4, result);
            Collapse(v6, IpFamily.IPv6, result);
            return result;
        }

        private static void Collapse(List<Range> ranges, IpFamily family, List<IpPrefix> output)
        {
            if (ranges.Count == 0)
            {
                return;
            }

            ranges.Sort(RangeComparer.Instance);
            var width = family == IpFamily.IPv4 ? 32 : 128;
            var start = ranges[0].Start;
            var end = ranges[0].End;
            for (var i = 1; i < ranges.Count; i++)
            {
                var next = ranges[i];
                var endPlusOne = end.Add(new Address128(0, 1), out var wrapped);
                if (wrapped || next.Start <= endPlusOne)
                {
                    // Overlapping, contained or adjacent: extend the current range.
                    if (next.End > end)
                    {
                        end = next.End;
                    }

                    continue;
                }

                EmitBlocks(start, end, family, width, output);
                start = next.Start;
                end = next.End;
            }

            EmitBlocks(start, end, family, width, output);
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

        private readonly struct Range
        {
            public Range(Address128 start, Address128 end)
            {
                Start = start;
                End = end;
            }

            public Address128 Start { get; }

            public Address128 End { get; }
        }

        private sealed class RangeComparer : IComparer<Range>
        {
            public static readonly RangeComparer Instance = new RangeComparer();

            public int Compare(Range x, Range y)
            {
                var byStart = x.Start.CompareTo(y.Start);
                return byStart != 0 ? byStart : y.End.CompareTo(x.End);
            }
        }
    }
}
