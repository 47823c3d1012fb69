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
            var a = Tag("AzureCloud.westeurope", "20.0.0.0/25", "20.0.1.0/24", "2001:db8::/48");
            var b = Tag("Storage.WestEurope", "20.0.0.128/25", "20.0.0.0/26", "192.0.2.0/24");

            var set = DatacenterPrefixSet.FromTags(new[] { a, b }, IpFamily.IPv4);

            Assert.Equal(IpFamily.IPv4, set.Family);
            Assert.Equal(5, set.InputCount);
            Assert.Equal(new[] { "20.0.0.0/23", "192.0.2.0/24" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.Equal(new[] { "AzureCloud.westeurope", "Storage.WestEurope" }, set.Prefixes[0].ServiceTags);
            Assert.Equal(new[] { "Storage.WestEurope" }, set.Prefixes[1].ServiceTags);
        }

        [Fact]
        public void Takes_only_the_asked_family()
        {
            var set = DatacenterPrefixSet.FromTags(new[] { Tag("A", "10.0.0.0/8", "2001:db8::/33", "2001:db8:8000::/33") }, IpFamily.IPv6);

            Assert.Equal(new[] { "2001:db8::/32" }, set.Prefixes.Select(p => p.Prefix.ToString()));
        }

        [Fact]
        public void Hostile_input_refuses_default_loopback_multicast_and_reserved_prefixes_naming_each_tag_and_keeps_the_rest()
        {
            var evil = Tag("Evil", "0.0.0.0/0", "127.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4", "168.63.129.16/32", "169.254.169.254/32", "10.1.0.0/16", "127.0.0.0/8");
            var good = Tag("Storage.Test", "20.1.0.0/16");

            var set = DatacenterPrefixSet.FromTags(new[] { evil, good }, IpFamily.IPv4);

            Assert.Equal(new[] { "20.1.0.0/16" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.Equal(new[] { "0.0.0.0/0", "127.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4", "168.63.129.16/32", "169.254.169.254/32", "10.1.0.0/16" }, set.Refused.Select(r => r.Prefix.ToString()));
            Assert.All(set.Refused, r => Assert.Equal("Evil", r.ServiceTag));
            Assert.Equal(9, set.InputCount);
            Assert.StartsWith("Service Tag 'Evil': 0.0.0.0/0 is not routed: it is the default route", set.Refused[0].ToString(), StringComparison.Ordinal);
            Assert.Contains("WireServer", set.Refused[4].Reason, StringComparison.Ordinal);
            Assert.Contains("IMDS", set.Refused[5].Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Hostile_input_refuses_IPv6_outside_global_unicast_and_wider_than_16()
        {
            var set = DatacenterPrefixSet.FromTags(new[] { Tag("Evil.V6", "::/0", "::1/128", "fe80::/10", "ff02::1/128", "fd00::/8", "2000::/12", "2603:1020::/47") }, IpFamily.IPv6);

            Assert.Equal(new[] { "2603:1020::/47" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.Equal(6, set.Refused.Count);
            Assert.Contains("wider than /16", set.Refused.Single(r => r.Prefix.ToString() == "2000::/12").Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_block_the_aggregation_makes_wider_than_8_is_split_into_slash_8_blocks_holding_the_same_addresses()
        {
            var set = DatacenterPrefixSet.FromTags(new[] { Tag("A", "20.0.0.0/8", "21.0.0.0/8", "22.0.0.0/8", "23.0.0.0/8") }, IpFamily.IPv4);

            Assert.Empty(set.Refused);
            Assert.Equal(new[] { "20.0.0.0/8", "21.0.0.0/8", "22.0.0.0/8", "23.0.0.0/8" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.All(set.Prefixes, p => Assert.Equal(new[] { "A" }, p.ServiceTags));
        }

        [Fact]
        public void A_policy_with_connected_subnets_refuses_prefixes_overlapping_them_either_way()
        {
            var policy = RoutePolicy.Default.WithConnectedSubnets(new[] { IpPrefix.Parse("20.1.2.0/24") });

            var set = DatacenterPrefixSet.FromTags(new[] { Tag("A", "20.1.0.0/16", "20.1.2.128/25", "20.2.0.0/16") }, IpFamily.IPv4, policy);

            Assert.Equal(new[] { "20.2.0.0/16" }, set.Prefixes.Select(p => p.Prefix.ToString()));
            Assert.All(set.Refused, r => Assert.Contains("20.1.2.0/24, a subnet this machine is connected to", r.Reason, StringComparison.Ordinal));
        }
    }
}
