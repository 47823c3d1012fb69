using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class WaagentConfParserTests
    {
        private static WaagentConf Parse(string text)
        {
            var conf = new WaagentConfParser().Parse(text, out var problem);
            Assert.Null(problem);
            return conf!;
        }

        [Fact]
        public void FollowsTheAgentsRules()
        {
            var conf = Parse(
                "# Extensions.Enabled=n\n" +
                "Extensions.Enabled = \"y\" # comment\n" +
                "HttpProxy.Host=None\n" +
                "Policy.PolicyFilePath=/etc/p=q.json\n" +
                "Logs.Verbose=Y\r\n" +
                "  # indented comment=still an assignment\n" +
                "no equals sign here\n");
            Assert.True(conf.ExtensionsEnabled);
            Assert.Equal("y", conf.Get("Extensions.Enabled"));
            Assert.Equal(2, conf.Find("Extensions.Enabled")!.LineNumber);
            Assert.Null(conf.Get("HttpProxy.Host"));
            Assert.Null(conf.HttpProxyHost);
            Assert.Equal("/etc/p=q.json", conf.PolicyFilePath);
            Assert.True(conf.LogsVerbose);
            Assert.NotNull(conf.Find("# indented comment"));
        }

        [Fact]
        public void LastAssignmentWins_AndInvalidSwitchesFallBackToDefaults()
        {
            var conf = Parse("Extensions.Enabled=n\nExtensions.Enabled=y\nAutoUpdate.Enabled=maybe\nLogs.Verbose=yes\n");
            Assert.True(conf.ExtensionsEnabled);
            Assert.Equal(2, conf.Find("Extensions.Enabled")!.LineNumber);
            Assert.True(conf.AutoUpdateEnabled);
            Assert.False(conf.LogsVerbose);
            Assert.Equal(4, conf.Entries.Count);
        }

        [Fact]
        public void Defaults_AreTheAgents()
        {
            var conf = Parse("OS.EnableFirewall=y\n");
            Assert.True(conf.ExtensionsEnabled);
            Assert.Equal("auto", conf.ProvisioningAgent);
            Assert.False(conf.LogsVerbose);
            Assert.True(conf.AutoUpdateEnabled);
            Assert.False(conf.ExtensionPolicyEnabled);
            Assert.Equal("/etc/waagent_policy.json", conf.PolicyFilePath);
            Assert.Equal("/var/lib/waagent", conf.LibDir);
            Assert.Equal("/var/log/azure", conf.ExtensionLogDir);
            Assert.Contains("not set (the agent's default is y)", conf.Describe("/etc/waagent.conf", "Extensions.Enabled", "y"));
        }

        [Theory]
        [InlineData("AutoUpdate.Enabled=y\nAutoUpdate.UpdateToLatestVersion=n\n", false)]
        [InlineData("AutoUpdate.Enabled=n\nAutoUpdate.UpdateToLatestVersion=y\n", true)]
        [InlineData("AutoUpdate.Enabled=n\n", false)]
        [InlineData("AutoUpdate.Enabled=n\nAutoUpdate.UpdateToLatestVersion=bogus\n", false)]
        public void UpdateToLatestVersion_OverridesAutoUpdateEnabled(string text, bool expected) =>
            Assert.Equal(expected, Parse(text).AutoUpdateEnabled);

        [Fact]
        public void UnknownKeys_AreKeptWithTheirLines()
        {
            var conf = Parse("Extensions.Enable=y\nExtensions.Enabled=n\nDebug.EnableExtensionPolicy=y\nMy.Custom=1\n");
            Assert.Equal(new[] { "Extensions.Enable", "My.Custom" }, System.Linq.Enumerable.Select(conf.UnknownKeys, k => k.Key));
            Assert.Equal(1, conf.UnknownKeys[0].LineNumber);
            Assert.Equal("/etc/waagent.conf line 1: Extensions.Enable=y", conf.UnknownKeys[0].Evidence("/etc/waagent.conf"));
        }

        [Fact]
        public void HttpProxyPort_IsAnIntegerOrNull()
        {
            Assert.Equal(3128, Parse("HttpProxy.Port=3128\n").HttpProxyPort);
            Assert.Null(Parse("HttpProxy.Port=abc\n").HttpProxyPort);
        }

        [Fact]
        public void EmptyFile_IsRefusedAsTheAgentRefusesIt()
        {
            Assert.Null(new WaagentConfParser().Parse(string.Empty, out var problem));
            Assert.Contains("empty", problem);
        }

        [Fact]
        public void Read_MissingBinaryAndEmptyFiles()
        {
            using var temp = new TempRoot();
            using var root = new FolderLinuxRoot(temp.Path);
            var parser = new WaagentConfParser();
            Assert.Equal(FactStatus.Absent, parser.Read(root).Status);

            temp.Write("etc/waagent.conf", new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0xff });
            var binary = parser.Read(root);
            Assert.Equal(FactStatus.Malformed, binary.Status);
            Assert.Equal("/etc/waagent.conf", binary.Path);
            Assert.Contains("NUL byte at offset 5", binary.Problem);

            temp.Write("etc/waagent.conf", new byte[] { (byte)'a', (byte)'=', 0xff, 0xfe });
            Assert.Contains("not UTF-8", parser.Read(root).Problem);

            temp.Write("etc/waagent.conf", Encoding.UTF8.GetBytes(string.Empty));
            Assert.Contains("empty", parser.Read(root).Problem);
        }
    }
}
