using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class DatacenterRouteAdviceTests
    {
        private static ServiceTag Tag(string name, string region) =>
            new ServiceTag(name, name, region, 1, "Azure", "Test", 1, new[] { IpPrefix.Parse("10.0.0.0/8") }, null);

        [Fact]
        public void Names_the_change_number_the_date_the_weekly_change_and_the_NSG_rule_for_the_regions_Storage_tag()
        {
            var tags = new[] { Tag("AzureCloud.westeurope", "westeurope"), Tag("Storage.WestEurope", "westeurope") };
            var file = new ServiceTagFile(Path.Combine("x", "ServiceTags_Public_20250728.json"), ServiceTagFileShape.Download, 364, "Public", tags);

            var advice = DatacenterRouteAdvice.Create(file, tags, null);

            Assert.Equal(364, advice.ChangeNumber);
            Assert.Equal(new DateTime(2025, 7, 28), advice.FileDate);
            Assert.Equal(new[] { "Storage.WestEurope" }, advice.NsgServiceTags);
            Assert.Equal("Outbound", advice.Direction);
            Assert.Equal(new[] { 443, 8443 }, advice.DestinationPorts);
            Assert.Equal(
                "These routes come from the Azure Service Tags list (change number 364 of ServiceTags_Public_20250728.json, published 2025-07-28). "
                + "The list changes weekly: download the current file and run Add-AzDatacenterRoute again, or new Azure addresses stay unrouted. "
                + "Where the VM's own routing is not the problem, a network security group rule does the same job without routes: "
                + "direction Outbound, protocol TCP, destination service tag Storage.WestEurope, destination ports 443 and, for managed disks, 8443, action Allow.",
                advice.Text);
        }

        [Fact]
        public void Uses_the_tags_asked_for_by_name_and_says_when_the_date_is_unknown()
        {
            var tags = new[] { Tag("AzureBackup", string.Empty), Tag("AzureCloud.westeurope", "westeurope") };
            var file = new ServiceTagFile("ServiceTags_Public.json", ServiceTagFileShape.Download, 364, "Public", tags);

            var advice = DatacenterRouteAdvice.Create(file, tags, new[] { "azurebackup" });

            Assert.Equal(new[] { "AzureBackup" }, advice.NsgServiceTags);
            Assert.Contains("publication date unknown", advice.Text, StringComparison.Ordinal);
            Assert.Contains("destination service tag AzureBackup,", advice.Text, StringComparison.Ordinal);
        }

        [Fact]
        public void Falls_back_to_every_selected_tag_and_an_unknown_change_number()
        {
            var tags = new[] { Tag("AzureCloud.westeurope", "westeurope") };

            var advice = DatacenterRouteAdvice.Create(null, tags, null);

            Assert.Equal(new[] { "AzureCloud.westeurope" }, advice.NsgServiceTags);
            Assert.Contains("an unknown change number", advice.Text, StringComparison.Ordinal);
            Assert.Null(advice.FileName);
        }
    }
}
