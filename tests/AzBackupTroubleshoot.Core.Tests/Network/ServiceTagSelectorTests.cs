using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class ServiceTagSelectorTests
    {
        private static readonly Lazy<ServiceTagFile> File = new Lazy<ServiceTagFile>(() => ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic));

        private readonly ServiceTagSelector _selector = new ServiceTagSelector();

        [Fact]
        public void Selects_tags_by_name_case_insensitively_each_once()
        {
            var tags = _selector.Select(File.Value, new[] { "storage.westeurope", "AZURECLOUD.WESTEUROPE", "AzureBackup", "Storage.WestEurope" }, null);

            Assert.Equal(new[] { "Storage.WestEurope", "AzureCloud.westeurope", "AzureBackup" }, tags.Select(t => t.Name));
        }

        [Fact]
        public void An_unknown_tag_lists_the_closest_names()
        {
            var ex = Assert.Throws<ServiceTagException>(() => _selector.Select(File.Value, new[] { "Storage.WestEuropa" }, null));

            Assert.Equal(ServiceTagErrorKind.TagNotFound, ex.Kind);
            Assert.Equal("Storage.WestEuropa", ex.TagName);
            Assert.Contains("closest: Storage.WestEurope", ex.Message, StringComparison.Ordinal);
            Assert.Contains(NetworkFixtures.ServiceTagsPublic, ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("westeurope", "AzureCloud.westeurope", "Storage.WestEurope")]
        [InlineData("WestEurope", "AzureCloud.westeurope", "Storage.WestEurope")]
        [InlineData("FranceCentral", "AzureCloud.centralfrance", "Storage.FranceCentral")]
        [InlineData("CENTRALFRANCE", "AzureCloud.centralfrance", "Storage.FranceCentral")]
        [InlineData("eastus2", "AzureCloud.eastus2", "Storage.EastUS2")]
        [InlineData("SwitzerlandNorth", "AzureCloud.switzerlandn", "Storage.SwitzerlandNorth")]
        public void A_region_expands_to_its_AzureCloud_and_Storage_tags(string region, string azureCloud, string storage)
        {
            var tags = _selector.Select(File.Value, null, new[] { region });

            Assert.Equal(new[] { azureCloud, storage }, tags.Select(t => t.Name));
        }

        [Fact]
        public void A_region_without_a_Storage_tag_gives_its_AzureCloud_tag()
        {
            var tags = _selector.TagsOfRegion(File.Value, "brazilne");

            Assert.Equal(new[] { "AzureCloud.brazilne" }, tags.Select(t => t.Name));
        }

        [Theory]
        [InlineData("westeurop", "westeurope")]
        [InlineData("west-europe", "westeurope")]
        [InlineData("francecentrl", "FranceCentral")]
        public void An_unknown_region_lists_the_closest_region_names(string region, string closest)
        {
            var ex = Assert.Throws<ServiceTagException>(() => _selector.Select(File.Value, null, new[] { region }));

            Assert.Equal(ServiceTagErrorKind.RegionNotFound, ex.Kind);
            Assert.Equal(region, ex.Value);
            Assert.Contains("closest: ", ex.Message, StringComparison.Ordinal);
            var listed = ex.Message.Substring(ex.Message.IndexOf("closest: ", StringComparison.Ordinal) + 9).Split(", ");
            Assert.Equal(closest, listed[0], StringComparer.OrdinalIgnoreCase);
            Assert.InRange(listed.Length, 1, 5);
        }

        [Fact]
        public void Names_and_regions_combine_without_duplicates()
        {
            var tags = _selector.Select(File.Value, new[] { "Storage.WestEurope", "AzureBackup" }, new[] { "westeurope" });

            Assert.Equal(new[] { "Storage.WestEurope", "AzureBackup", "AzureCloud.westeurope" }, tags.Select(t => t.Name));
        }
    }
}
