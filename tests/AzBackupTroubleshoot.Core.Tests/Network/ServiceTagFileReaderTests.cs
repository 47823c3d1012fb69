using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public sealed class ServiceTagFileReaderTests : IDisposable
    {
        private readonly string _temp = Directory.CreateTempSubdirectory("abt-servicetags-").FullName;

        public void Dispose() => Directory.Delete(_temp, recursive: true);

        [Fact]
        public void Reads_the_weekly_download_with_integer_change_numbers()
        {
            var file = ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic);

            Assert.Equal(ServiceTagFileShape.Download, file.Shape);
            Assert.Equal(364, file.ChangeNumber);
            Assert.Equal("Public", file.Cloud);
            Assert.Equal(2967, file.Tags.Count);
            Assert.Null(file.FileDate);
            var storage = file.FindTag("storage.westeurope")!;
            Assert.Equal("Storage.WestEurope", storage.Name);
            Assert.Equal("westeurope", storage.Region);
            Assert.Equal("AzureStorage", storage.SystemService);
            Assert.Equal(96, storage.AddressPrefixes.Count);
            Assert.Equal(95, storage.PrefixesOf(IpFamily.IPv4).Count());
            Assert.Equal("13.69.40.16/28", storage.PrefixesOf(IpFamily.IPv4).Min().ToString());
            Assert.Equal(505, file.FindTag("AzureBackup")!.AddressPrefixes.Count);
            Assert.Equal(67050, file.Tags.Sum(t => t.PrefixesOf(IpFamily.IPv4).Count()));
            Assert.Equal(23439, file.Tags.Sum(t => t.PrefixesOf(IpFamily.IPv6).Count()));
        }

        [Fact]
        public void Takes_the_date_from_a_dated_file_name()
        {
            var copy = Path.Combine(_temp, "ServiceTags_Public_20250728.json");
            File.Copy(NetworkFixtures.ServiceTagsPublic, copy);

            var file = ServiceTagFile.Load(copy);

            Assert.Equal(new DateTime(2025, 7, 28), file.FileDate);
            Assert.Equal(copy, file.Path);
            Assert.Null(ServiceTagFile.DateFromFileName("ServiceTags_Public_20251399.json"));
        }

        [Fact]
        public void Reads_the_discovery_api_response_with_string_change_numbers()
        {
            var file = ServiceTagFile.Load(NetworkFixtures.Arm("ServiceTagsList.json"));

            Assert.Equal(ServiceTagFileShape.DiscoveryApi, file.Shape);
            Assert.Equal(63, file.ChangeNumber);
            Assert.Equal("Public", file.Cloud);
            Assert.Equal(new[] { "ApiManagement", "ApiManagement.AustraliaCentral", "AppService", "ServiceBus", "ServiceBus.EastUS2" }, file.Tags.Select(t => t.Name));
            Assert.Equal(7, file.Tags[0].ChangeNumber);
            Assert.Equal("australiacentral", file.Tags[1].Region);
            Assert.Equal(new[] { "20.36.106.68/31", "20.36.107.176/28" }, file.Tags[1].AddressPrefixes.Select(p => p.ToString()));
        }

        [Theory]
        [InlineData("ServiceTagInformationListResult.json", 2)]
        [InlineData("ServiceTagInformationListResultWithTagname.json", 1)]
        public void Reads_the_tag_information_list(string name, int count)
        {
            var file = ServiceTagFile.Load(NetworkFixtures.Arm(name));

            Assert.Equal(ServiceTagFileShape.TagInformationList, file.Shape);
            Assert.Null(file.ChangeNumber);
            Assert.Equal(count, file.Tags.Count);
            Assert.Equal("ApiManagement", file.Tags[0].Name);
            Assert.Equal(3, file.Tags[0].AddressPrefixes.Count);
        }

        [Fact]
        public void Bad_json_names_the_file_line_and_byte()
        {
            var path = Write("bad.json", "{\r\n  \"changeNumber\": 1,\r\n  \"values\": [ { \"name\": \"A\", ] }\r\n}");

            var ex = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path));

            Assert.Equal(ServiceTagErrorKind.InvalidJson, ex.Kind);
            Assert.Equal(path, ex.Path);
            Assert.Equal(3, ex.LineNumber);
            Assert.NotNull(ex.BytePositionInLine);
            Assert.StartsWith($"Service Tags file '{path}', line 3, byte ", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("\"20.38.108.1/23\"", "20.38.108.1/23", "host bits are set")]
        [InlineData("\"20.38.108.0/33\"", "20.38.108.0/33", "prefix length")]
        [InlineData("\"not-an-address\"", "not-an-address", "not an IPv4 address")]
        [InlineData("42", "42", "must be a string")]
        public void A_malformed_prefix_names_the_file_tag_and_value(string json, string value, string reason)
        {
            var path = Write("ServiceTags_Public_20250728.json", "{\"changeNumber\":1,\"cloud\":\"Public\",\"values\":[{\"name\":\"Good\",\"id\":\"Good\",\"properties\":{\"addressPrefixes\":[\"10.0.0.0/8\"]}},"
                + "{\"name\":\"Storage.Bad\",\"id\":\"Storage.Bad\",\"properties\":{\"region\":\"bad\",\"addressPrefixes\":[\"10.1.0.0/16\"," + json + "]}}]}");

            var ex = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path));

            Assert.Equal(ServiceTagErrorKind.MalformedPrefix, ex.Kind);
            Assert.Equal("Storage.Bad", ex.TagName);
            Assert.Equal(value, ex.Value);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("tag 'Storage.Bad'", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"value '{value}'", ex.Message, StringComparison.Ordinal);
            Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("[]", "not a JSON object")]
        [InlineData("{\"changeNumber\":1}", "no 'values'")]
        [InlineData("{\"values\":[{\"id\":\"x\"}]}", "values[0] has no 'name'")]
        [InlineData("{\"values\":[{\"name\":\"x\"}]}", "no 'properties'")]
        [InlineData("{\"values\":[{\"name\":\"x\",\"properties\":{}}]}", "addressPrefixes")]
        [InlineData("{\"changeNumber\":\"abc\",\"values\":[]}", "'changeNumber' is not a whole number")]
        public void A_document_of_another_shape_is_an_InvalidShape_error(string json, string detail)
        {
            var path = Write("shape.json", json);

            var ex = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path));

            Assert.Equal(ServiceTagErrorKind.InvalidShape, ex.Kind);
            Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_file_is_FileUnreadable()
        {
            var ex = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(Path.Combine(_temp, "absent.json")));

            Assert.Equal(ServiceTagErrorKind.FileUnreadable, ex.Kind);
        }

        [Fact]
        public void A_FIFO_is_FileUnreadable_not_a_hang()
        {
            var fifo = Path.Combine(_temp, "tags.fifo");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", new[] { fifo })!)
            {
                mkfifo.WaitForExit();
            }

            var error = AzBackupTroubleshoot.Core.Tests.Sources.Linux.FolderLinuxRootTests.ReadWithin(() => Record.Exception(() => ServiceTagFile.Load(fifo)), fifo);

            var ex = Assert.IsType<ServiceTagException>(error);
            Assert.Equal(ServiceTagErrorKind.FileUnreadable, ex.Kind);
            Assert.Contains("FIFO", ex.Message);
        }

        [Fact]
        public void A_byte_order_mark_is_accepted()
        {
            var path = Path.Combine(_temp, "bom.json");
            File.WriteAllText(path, "{\"changeNumber\":5,\"values\":[{\"name\":\"A\",\"properties\":{\"addressPrefixes\":[\"2603:1000::/40\"]}}]}", new UTF8Encoding(true));

            var file = ServiceTagFile.Load(path);

            Assert.Equal(5, file.ChangeNumber);
            Assert.Equal(IpFamily.IPv6, file.Tags[0].AddressPrefixes[0].Family);
        }

        [Theory]
        [InlineData(new[] { "Storage.WestEurope", "AzureCloud.westeurope" }, new string[0])]
        [InlineData(new[] { "azurebackup" }, new[] { "FranceCentral", "eastus2" })]
        [InlineData(new string[0], new[] { "westeurope" })]
        public void A_selective_read_gives_the_selected_tags_exactly_as_a_full_read_and_only_names_and_regions_of_the_rest(string[] names, string[] regions)
        {
            var full = ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic);
            var expected = new ServiceTagSelector().Select(full, names, regions);

            var partial = ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic, new ServiceTagSelection(names, regions));
            var selected = new ServiceTagSelector().Select(partial, names, regions);

            Assert.Equal((full.Shape, full.ChangeNumber, full.Cloud, full.Tags.Count), (partial.Shape, partial.ChangeNumber, partial.Cloud, partial.Tags.Count));
            Assert.Equal(expected.Select(Describe), selected.Select(Describe));
            Assert.All(selected, t => Assert.False(t.Skipped));
            Assert.Equal(full.Tags.Count - selected.Count, partial.Tags.Count(t => t.Skipped));
            Assert.Equal(full.Tags.Select(t => (t.Name, t.Region)), partial.Tags.Select(t => (t.Name, t.Region)));
            var skipped = partial.FindTag("AzureBackup.WestEurope");
            Assert.True(names.Contains("azurebackup") || skipped!.Skipped);
            Assert.Equal(
                DatacenterPrefixSet.FromTags(expected, IpFamily.IPv4).Prefixes.Select(p => p.ToString()),
                DatacenterPrefixSet.FromTags(selected, IpFamily.IPv4).Prefixes.Select(p => p.ToString()));
        }

        [Fact]
        public void A_skipped_tag_cannot_be_aggregated_by_mistake()
        {
            var partial = ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic, new ServiceTagSelection(new[] { "AzureBackup" }, null));
            var skipped = partial.FindTag("Storage.WestEurope")!;

            Assert.True(skipped.Skipped);
            Assert.Empty(skipped.AddressPrefixes);
            var ex = Assert.Throws<InvalidOperationException>(() => DatacenterPrefixSet.FromTags(new[] { skipped }, IpFamily.IPv4));
            Assert.Contains("Storage.WestEurope", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_selective_read_still_reports_bad_json_in_a_skipped_tag_at_the_same_line_and_byte()
        {
            // A missing comma between two prefixes of an unselected tag, on line 6.
            var path = Write("skipped-syntax.json", "{\r\n  \"changeNumber\": 1,\r\n  \"values\": [\r\n    { \"name\": \"Wanted\", \"properties\": { \"addressPrefixes\": [ \"10.0.0.0/8\" ] } },\r\n"
                + "    { \"name\": \"Other\", \"properties\": { \"addressPrefixes\": [\r\n      \"10.1.0.0/16\" \"10.2.0.0/16\" ] } }\r\n  ]\r\n}");

            var full = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path));
            var selective = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path, new ServiceTagSelection(new[] { "Wanted" }, null)));

            Assert.Equal(ServiceTagErrorKind.InvalidJson, selective.Kind);
            Assert.Equal(6, selective.LineNumber);
            Assert.Equal((full.LineNumber, full.BytePositionInLine, full.Message), (selective.LineNumber, selective.BytePositionInLine, selective.Message));
        }

        [Fact]
        public void A_selective_read_reports_a_malformed_prefix_of_a_selected_tag_as_a_full_read_does_and_ignores_one_of_a_skipped_tag()
        {
            var path = Write("ServiceTags_Public_20250728.json", "{\"changeNumber\":1,\"cloud\":\"Public\",\"values\":["
                + "{\"name\":\"Storage.Bad\",\"id\":\"Storage.Bad\",\"properties\":{\"region\":\"bad\",\"addressPrefixes\":[\"10.1.0.0/16\",\"20.38.108.1/23\"]}},"
                + "{\"name\":\"Good\",\"id\":\"Good\",\"properties\":{\"region\":\"good\",\"networkFeatures\":[\"NSG\"],\"addressPrefixes\":[\"10.0.0.0/8\",\"2603:1000::/40\"]}}]}");

            var full = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path));
            var selected = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(path, new ServiceTagSelection(new[] { "storage.bad" }, null)));
            var other = ServiceTagFile.Load(path, new ServiceTagSelection(new[] { "Good" }, null));

            Assert.Equal(ServiceTagErrorKind.MalformedPrefix, selected.Kind);
            Assert.Equal((full.TagName, full.Value, full.Message), (selected.TagName, selected.Value, selected.Message));
            Assert.True(other.FindTag("Storage.Bad")!.Skipped);
            var good = other.FindTag("Good")!;
            Assert.Equal(new[] { "10.0.0.0/8", "2603:1000::/40" }, good.AddressPrefixes.Select(p => p.ToString()));
            Assert.Equal(new[] { "NSG" }, good.NetworkFeatures);
            Assert.Equal("good", good.Region);
        }

        [Fact]
        public void A_selective_read_reports_unknown_tags_and_regions_with_the_closest_names()
        {
            var tag = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic, new ServiceTagSelection(new[] { "Storage.WestEuropa" }, null)));
            var region = Assert.Throws<ServiceTagException>(() => ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic, new ServiceTagSelection(null, new[] { "westeuropa" })));

            Assert.Equal(ServiceTagErrorKind.TagNotFound, tag.Kind);
            Assert.Contains("closest: Storage.WestEurope", tag.Message, StringComparison.Ordinal);
            Assert.Equal(ServiceTagErrorKind.RegionNotFound, region.Kind);
            Assert.Equal("westeuropa", region.Value);
            Assert.Contains("closest: westeurope", region.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_selective_read_of_an_arm_example_reads_the_selected_tag_of_the_response_body()
        {
            var file = ServiceTagFile.Load(NetworkFixtures.Arm("ServiceTagsList.json"), new ServiceTagSelection(new[] { "ApiManagement.AustraliaCentral" }, null));

            Assert.Equal(ServiceTagFileShape.DiscoveryApi, file.Shape);
            Assert.Equal(63, file.ChangeNumber);
            Assert.Equal(new[] { "20.36.106.68/31", "20.36.107.176/28" }, file.Tags[1].AddressPrefixes.Select(p => p.ToString()));
            Assert.Equal(4, file.Tags.Count(t => t.Skipped));
            Assert.Equal("australiacentral", file.Tags[1].Region);
        }

        private static string Describe(ServiceTag t) =>
            $"{t.Name}|{t.Id}|{t.Region}|{t.RegionId}|{t.Platform}|{t.SystemService}|{t.ChangeNumber}|{string.Join(",", t.NetworkFeatures)}|{string.Join(",", t.AddressPrefixes)}";

        private string Write(string name, string content)
        {
            var path = Path.Combine(_temp, name);
            File.WriteAllText(path, content);
            return path;
        }
    }
}
