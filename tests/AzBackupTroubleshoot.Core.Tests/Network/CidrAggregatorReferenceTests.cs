using System.Text.Json;
using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>
    /// CidrAggregator on the real Service Tags file against Python's ipaddress.collapse_addresses (bench/servicetags/
    /// collapse.py run as a process) and against an exact coverage check.
    /// </summary>
    public class CidrAggregatorReferenceTests
    {
        private static readonly Lazy<ServiceTagFile> File = new Lazy<ServiceTagFile>(() => ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic));

        public static IEnumerable<object[]> Selections => new[]
        {
            new object[] { "Storage.WestEurope", IpFamily.IPv4 },
            new object[] { "AzureCloud.westeurope", IpFamily.IPv4 },
            new object[] { "Storage.WestEurope,AzureCloud.westeurope", IpFamily.IPv4 },
            new object[] { "*", IpFamily.IPv4 },
            new object[] { "*", IpFamily.IPv6 },
        };

        [Theory]
        [MemberData(nameof(Selections))]
        public void Covers_exactly_the_input_addresses(string tag, IpFamily family)
        {
            var input = Input(tag, family);
            var blocks = CidrAggregator.Aggregate(input);

            AssertExactCover(input, blocks);
        }

        [PythonFactAttribute]
        public void Equals_python_collapse_addresses_for_Storage_WestEurope() => CompareWithPython("Storage.WestEurope", IpFamily.IPv4);

        [PythonFactAttribute]
        public void Equals_python_collapse_addresses_for_AzureCloud_westeurope() => CompareWithPython("AzureCloud.westeurope", IpFamily.IPv4);

        [PythonFactAttribute]
        public void Equals_python_collapse_addresses_for_the_westeurope_region() => CompareWithPython("Storage.WestEurope,AzureCloud.westeurope", IpFamily.IPv4);

        [PythonFactAttribute]
        public void Equals_python_collapse_addresses_for_all_IPv4_prefixes() => CompareWithPython("*", IpFamily.IPv4);

        [PythonFactAttribute]
        public void Equals_python_collapse_addresses_for_all_IPv6_prefixes() => CompareWithPython("*", IpFamily.IPv6);

        private static void CompareWithPython(string tag, IpFamily family)
        {
            var input = Input(tag, family);
            var blocks = CidrAggregator.Aggregate(input).Select(b => b.ToString()).ToList();

            var arguments = new List<string> { NetworkFixtures.CollapseScript, NetworkFixtures.ServiceTagsPublic, "--family", family == IpFamily.IPv4 ? "4" : "6" };
            arguments.AddRange(tag == "*" ? new[] { "--all" } : new[] { "--tags", tag });
            var run = NetworkFixtures.Run(NetworkFixtures.FindPython()!, arguments.ToArray());
            Assert.True(run.ExitCode == 0, run.Error);
            using var json = JsonDocument.Parse(run.Output);
            var python = json.RootElement.GetProperty("blocks").EnumerateArray().Select(e => IpPrefix.Parse(e.GetString()!).ToString()).ToList();

            Assert.Equal(json.RootElement.GetProperty("input").GetInt32(), input.Count);
            Assert.Equal(python.Count, blocks.Count);
            Assert.Equal(python, blocks);
            if (tag.Contains(',') || tag == "*")
            {
                // Each tag alone is already minimal in the file; together they overlap.
                Assert.True(blocks.Count < input.Count, "aggregation should shrink a union of tags");
            }
        }

        private static List<IpPrefix> Input(string tag, IpFamily family)
        {
            var tags = tag == "*" ? File.Value.Tags : tag.Split(',').Select(name => File.Value.FindTag(name)!).ToList();
            return tags.SelectMany(t => t.PrefixesOf(family)).ToList();
        }

        /// <summary>
        /// Every input prefix lies in an output block; output blocks are disjoint, none is half of a pair that would merge;
        /// and each block is covered without a gap by the input prefixes inside it.
        /// </summary>
        private static void AssertExactCover(IReadOnlyList<IpPrefix> input, IReadOnlyList<IpPrefix> blocks)
        {
            var byBlock = new List<IpPrefix>[blocks.Count];
            var sorted = blocks.ToList();
            foreach (var prefix in input)
            {
                var index = sorted.BinarySearch(prefix);
                index = index >= 0 ? index : ~index - 1;
                Assert.True(index >= 0 && blocks[index].Contains(prefix), $"{prefix} is not covered");
                (byBlock[index] ??= new List<IpPrefix>()).Add(prefix);
            }

            for (var i = 0; i < blocks.Count; i++)
            {
                if (i > 0)
                {
                    Assert.True(blocks[i - 1].Last < blocks[i].Network, $"{blocks[i - 1]} and {blocks[i]} overlap or are unsorted");
                    var mergeable = blocks[i - 1].Length == blocks[i].Length && blocks[i - 1].Length > 0
                        && IpPrefix.TryParse(blocks[i - 1].NetworkAddress + "/" + (blocks[i].Length - 1), out var parent)
                        && parent.Contains(blocks[i]);
                    Assert.False(mergeable, $"{blocks[i - 1]} and {blocks[i]} should have been merged");
                }

                Assert.NotNull(byBlock[i]);
                var inside = byBlock[i].OrderBy(p => p).ToList();
                Assert.Equal(blocks[i].Network, inside[0].Network);
                var reach = inside[0].Last;
                foreach (var prefix in inside.Skip(1))
                {
                    Assert.True(prefix.Network <= reach.Add(new Address128(0, 1), out _), $"gap before {prefix} in {blocks[i]}");
                    reach = prefix.Last > reach ? prefix.Last : reach;
                }

                Assert.Equal(blocks[i].Last, reach);
            }
        }
    }
}
