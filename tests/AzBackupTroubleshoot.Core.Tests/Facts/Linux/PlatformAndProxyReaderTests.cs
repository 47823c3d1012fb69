using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class AzurePlatformReaderTests
    {
        [Theory]
        [InlineData("7783-7084-3265-9085-8269-3286-77\n", true, AzurePlatform.Azure)]
        [InlineData("7783-7084-3265-9085-8269-3286-77\n", false, AzurePlatform.Azure)]
        [InlineData("Default string\n", false, AzurePlatform.NotAzure)]
        [InlineData(null, true, AzurePlatform.NotAzure)]
        [InlineData(null, false, AzurePlatform.Unknown)]
        public void ChassisAssetTag(string? tag, bool live, AzurePlatform expected)
        {
            using var temp = new TempRoot();
            if (tag != null)
            {
                temp.Write(AzurePlatformReader.AssetTagPath, tag);
            }

            using var root = new FolderLinuxRoot(temp.Path);
            Assert.Equal(expected, new AzurePlatformReader().Read(root, live).Platform);
        }
    }

    public class ProxySettingsReaderTests
    {
        [Fact]
        public void ConfEnvironmentAndUnit_WithCredentialsRedacted()
        {
            using var temp = new TempRoot()
                .Write("etc/environment", "PATH=\"/usr/bin\"\nexport http_proxy=\"http://user:pa55@10.0.0.5:3128\"\nNO_PROXY=168.63.129.16\n")
                .Write("lib/systemd/system/waagent.service", "[Service]\nExecStart=/usr/sbin/waagent -daemon\n")
                .Write("etc/systemd/system/waagent.service.d/http-proxy.conf", "[Service]\nEnvironment=\"https_proxy=http://10.0.0.5:3128\"\n");
            using var root = new FolderLinuxRoot(temp.Path);
            var conf = new WaagentConfParser().Parse("HttpProxy.Host=10.0.0.5\nHttpProxy.Port=3128\n", out _)!;
            var unit = new AgentUnitReader().Read(root).Primary;
            var proxy = new ProxySettingsReader().Read(root, FileFact<WaagentConf>.Present("/etc/waagent.conf", conf), unit);
            Assert.Equal("10.0.0.5", proxy.ConfHost);
            Assert.Equal(3128, proxy.ConfPort);
            Assert.Equal(new[] { "http_proxy", "NO_PROXY" }, proxy.Environment.Select(e => e.Name));
            Assert.Equal("http://REDACTED@10.0.0.5:3128", proxy.Environment[0].Value);
            Assert.DoesNotContain("pa55", proxy.Environment[0].Evidence);
            Assert.Equal("https_proxy", proxy.UnitEnvironment.Single().Name);
            Assert.True(proxy.EnvironmentProxy);
        }
    }
}
