namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>One block of the minimal set, with the tags whose prefixes it covers.</summary>
    public sealed class DatacenterPrefix
    {
        /// <summary>Creates an entry.</summary>
        public DatacenterPrefix(IpPrefix prefix, IReadOnlyList<string> serviceTags)
        {
            Prefix = prefix;
            ServiceTags = serviceTags ?? Array.Empty<string>();
        }

        /// <summary>The block.</summary>
        public IpPrefix Prefix { get; }

        /// <summary>The tags with at least one prefix inside the block, in selection order.</summary>
        public IReadOnlyList<string> ServiceTags { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Prefix} ({string.Join(", ", ServiceTags)})";
    }

    /// <summary>The minimal set of blocks covering the prefixes of some tags in one address family.</summary>
    public sealed class DatacenterPrefixSet
    {
        private DatacenterPrefixSet(IpFamily family, IReadOnlyList<ServiceTag> tags, int inputCount, IReadOnlyList<DatacenterPrefix> prefixes, RoutePolicy policy, IReadOnlyList<RefusedPrefix> refused)
        {
            Family = family;
            Tags = tags;
            InputCount = inputCount;
            Prefixes = prefixes;
            Policy = policy;
            Refused = refused;
        }

        /// <summary>The address family.</summary>
        public IpFamily Family { get; }

        /// <summary>The tags the set was built from.</summary>
        public IReadOnlyList<ServiceTag> Tags { get; }

        /// <summary>How many prefixes of the family the tags hold together (duplicates counted, refused ones too).</summary>
        public int InputCount { get; }

        /// <summary>The minimal blocks, sorted by address: none wider than the policy's widest, none holding a refused prefix.</summary>
        public IReadOnlyList<DatacenterPrefix> Prefixes { get; }

        /// <summary>The policy the set was built under.</summary>
        public RoutePolicy Policy { get; }

        /// <summary>The tags' prefixes the policy refused (each tag and prefix once), in input order.</summary>
        public IReadOnlyList<RefusedPrefix> Refused { get; }

        /// <summary>Aggregates the <paramref name="family"/> prefixes of <paramref name="tags"/> under <see cref="RoutePolicy.Default"/>.</summary>
        /// <exception cref="InvalidOperationException">A tag's prefixes were skipped (<see cref="ServiceTag.Skipped"/>).</exception>
        public static DatacenterPrefixSet FromTags(IEnumerable<ServiceTag> tags, IpFamily family) => FromTags(tags, family, RoutePolicy.Default);

        /// <summary>
        /// Aggregates the <paramref name="family"/> prefixes of <paramref name="tags"/> that <paramref name="policy"/> allows;
        /// the others are listed in <see cref="Refused"/>. A block the aggregation makes wider than the policy's widest is
        /// split into blocks of that width (they hold the same addresses).
        /// </summary>
        /// <exception cref="InvalidOperationException">A tag's prefixes were skipped (<see cref="ServiceTag.Skipped"/>).</exception>
        public static DatacenterPrefixSet FromTags(IEnumerable<ServiceTag> tags, IpFamily family, RoutePolicy policy)
        {
            if (tags is null)
            {
                throw new ArgumentNullException(nameof(tags));
            }

            policy ??= RoutePolicy.Default;
            var tagList = tags.ToList();
            var input = new List<IpPrefix>();
            var inputCount = 0;
            var refused = new List<RefusedPrefix>();
            var refusedSeen = new HashSet<RefusedPrefix>();
            HashSet<IpPrefix>? refusedPrefixes = null;
            foreach (var tag in tagList)
            {
                if (tag.Skipped)
                {
                    throw new InvalidOperationException($"The prefixes of tag '{tag.Name}' were not read: the file was read for a selection without it.");
                }

                foreach (var prefix in tag.AddressPrefixes)
                {
                    if (prefix.Family != family)
                    {
                        continue;
                    }

                    inputCount++;
                    var why = policy.WhyRefused(prefix);
                    if (why is null)
                    {
                        input.Add(prefix);
                        continue;
                    }

                    (refusedPrefixes ??= new HashSet<IpPrefix>()).Add(prefix);
                    var refusal = new RefusedPrefix(tag.Name, prefix, why);
                    if (refusedSeen.Add(refusal))
                    {
                        refused.Add(refusal);
                    }
                }
            }

            var blocks = SplitWide(CidrAggregator.Aggregate(input), RoutePolicy.WidestLength(family));
            // Each tag credits each block once; a large block may hold prefixes of hundreds of tags.
            var owners = new List<string>?[blocks.Length];
            var credited = new HashSet<int>();
            foreach (var tag in tagList.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            {
                credited.Clear();
                foreach (var prefix in tag.AddressPrefixes)
                {
                    if (prefix.Family != family || (refusedPrefixes != null && refusedPrefixes.Contains(prefix)))
                    {
                        continue;
                    }

                    var index = IndexOfContainingBlock(blocks, prefix);
                    if (credited.Add(index))
                    {
                        (owners[index] ??= new List<string>()).Add(tag.Name);
                    }
                }
            }

            var result = new List<DatacenterPrefix>(blocks.Length);
            for (var i = 0; i < blocks.Length; i++)
            {
                result.Add(new DatacenterPrefix(blocks[i], (IReadOnlyList<string>?)owners[i] ?? Array.Empty<string>()));
            }

            return new DatacenterPrefixSet(family, tagList, inputCount, result, policy, refused);
        }

        /// <summary>The blocks, with each block wider than <paramref name="widest"/> split into blocks of that length.</summary>
        private static IpPrefix[] SplitWide(IReadOnlyList<IpPrefix> blocks, int widest)
        {
            if (blocks.All(b => b.Length >= widest))
            {
                return blocks.ToArray();
            }

            var result = new List<IpPrefix>(blocks.Count);
            foreach (var block in blocks)
            {
                if (block.Length >= widest)
                {
                    result.Add(block);
                    continue;
                }

                // Every allowed input is at least /widest long, so the split blocks hold exactly the same addresses.
                var step = Address128.PowerOfTwo(block.Width - widest);
                var network = block.Network;
                for (var i = 0; i < 1 << (widest - block.Length); i++)
                {
                    result.Add(new IpPrefix(block.Family, network, widest));
                    network = network.Add(step, out _);
                }
            }

            return result.ToArray();
        }

        /// <summary>The block containing <paramref name="prefix"/>: the last block starting at or before it.</summary>
        private static int IndexOfContainingBlock(IpPrefix[] blocks, IpPrefix prefix)
        {
            int low = 0, high = blocks.Length - 1;
            while (low < high)
            {
                var mid = low + ((high - low + 1) / 2);
                if (blocks[mid].Network <= prefix.Network)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            if (!blocks[low].Contains(prefix))
            {
                throw new InvalidOperationException($"Aggregation lost {prefix}: no block contains it.");
            }

            return low;
        }
    }
}
