using System.Linq;
using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class DatacenterPrefixSetTests
    {
        private static ServiceTag Tag(string name, params string[] prefixes) =>
            new ServiceTag(name, name, "westeurope", 1, "Azure", "Test", 1, prefixes.Select(IpPrefix.Parse).ToList(), null);

        [Fact]
        public void Aggregates_one_family_and_names_the_tags_behind_each_block()
        {
            var a = Tag("AzureCloud.westeurope", "10.0.0.0/25", "10.0.1.0/24", "2001:db8::/48");
            var b = Tag("Storage.WestEurope", "10.0.0.128/25", "10.0.0.0/26", "192.0.2.0/24");

            var set = DatacenterPrefixSet.FromTags(new[] { a, b }, IpFamily.IPv4);

            Assert.Equal(IpFamily.IPv4, set.Family);
            Assert.Equal(5, set.InputCount);
            Assert.Equal(new[] { "10.0.0.0/23", "192.0.2.0/24" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.Equal(new[] { "AzureCloud.westeurope", "Storage.WestEurope" }, set.Prefixes[0].ServiceTags);
            Assert.Equal(new[] { "Storage.WestEurope" }, set.Prefixes[1].ServiceTags);
        }

        [Fact]
        public void Takes_only_the_asked_family()
        {
            var set = DatacenterPrefixSet.FromTags(new[] { Tag("A", "10.0.0.0/8", "2001:db8::/33", "2001:db8:8000::/33") }, IpFamily.IPv6);

            Assert.Equal(new[] { "2001:db8::/32" }, set.Prefixes.Select(p => p.Prefix.ToString()));
        }
    }
}
