using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class CapturedFactsTests
    {
        [Fact]
        public void RoundTrips_FiguresProblemsAndThePythonLink()
        {
            var written = new CapturedFacts(new[] { FilesystemUsage.Measured("/", 1000, 100, 50), FilesystemUsage.Failed("/nfs", "statvfs did not answer within 5 s") }, "python3.12");
            var json = Encoding.UTF8.GetString(written.ToJson());
            Assert.Contains("\"formatVersion\": 2", json);
            var read = CapturedFacts.Parse(json, out var problem)!;
            Assert.Null(problem);
            Assert.Equal("python3.12", read.Python3Link);
            Assert.Equal(new[] { "/: 95 % used (0.0 of 0.0 GiB available)", "/nfs: statvfs did not answer within 5 s" }, read.Filesystems.Select(f => f.Describe()));
        }

        [Theory]
        [InlineData("not json", "is not valid JSON")]
        [InlineData("[]", "is not a JSON object")]
        [InlineData("{\"formatVersion\":1}", "formatVersion is missing or not an integer of at least 2")]
        [InlineData("{\"formatVersion\":3}", "formatVersion 3 is newer than this module reads (2)")]
        [InlineData("{\"formatVersion\":2,\"filesystems\":{}}", "filesystems is not an array")]
        [InlineData("{\"formatVersion\":2,\"filesystems\":[{\"mountPoint\":\"x\"}]}", "filesystems[0]: mountPoint is missing or not an absolute path")]
        [InlineData("{\"formatVersion\":2,\"filesystems\":[{\"mountPoint\":\"/\",\"sizeBytes\":1,\"freeBytes\":2,\"availableBytes\":0}]}", "filesystems[0]: sizeBytes, freeBytes and availableBytes")]
        [InlineData("{\"formatVersion\":2,\"python3Link\":3}", "python3Link is not a string")]
        public void Malformed_SaysWhichField(string json, string expected)
        {
            Assert.Null(CapturedFacts.Parse(json, out var problem));
            Assert.StartsWith(expected, problem);
        }
    }
}
