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
            Assert.Contains("\"formatVersion\": 3", json);
            Assert.DoesNotContain("agentPython", json);
            var read = CapturedFacts.Parse(json, out var problem)!;
            Assert.Null(problem);
            Assert.Equal("python3.12", read.Python3Link);
            Assert.Equal(new[] { "/: 95 % used (0.0 of 0.0 GiB available)", "/nfs: statvfs did not answer within 5 s" }, read.Filesystems.Select(f => f.Describe()));
        }

        [Theory]
        [InlineData("not json", "is not valid JSON")]
        [InlineData("[]", "is not a JSON object")]
        [InlineData("{\"formatVersion\":1}", "formatVersion is missing or not an integer of at least 2")]
        [InlineData("{\"formatVersion\":4}", "formatVersion 4 is newer than this module reads (3)")]
        [InlineData("{\"formatVersion\":2,\"agentPython\":{}}", "agentPython is not part of bundle format 2")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":[]}", "agentPython is not an object")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"reason\":\"x\"}}", "agentPython.outcome is missing")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"Unreadable\",\"reason\":\"x\"}}", "agentPython.outcome 'Unreadable' is not one of")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"4\",\"reason\":\"x\"}}", "agentPython.outcome '4' is not one of")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"ImportFailed\",\"reason\":\"x\",\"interpreter\":\"/usr/bin/python3\",\"exitCode\":0}}", "agentPython: an interpreter that ran needs")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"ImportFailed\",\"reason\":\"x\",\"interpreter\":\"/usr/bin/python3\",\"exitCode\":\"1\"}}", "agentPython.exitCode is not an integer")]
        [InlineData("{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"NotRun\",\"reason\":\"x\",\"errorTail\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}}", "agentPython.errorTail is not an array of at most 5 strings")]
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
