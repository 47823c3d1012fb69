using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class DhcpLeaseReaderTests
    {
        private static DhcpFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return new DhcpLeaseReader().Read(root, "/var/lib/waagent");
        }

        [Theory]
        [InlineData("a8:3f:81:10", "168.63.129.16")]
        [InlineData("a:b:c:d", "10.11.12.13")]
        [InlineData("\"\\250?\\201\\020\"", "168.63.129.16")]
        public void DhclientForms(string value, string address) => Assert.Equal(address, DhcpLeaseReader.DecodeDhclient(value));

        [Theory]
        [InlineData("a8:3f:81")]
        [InlineData("zz:3f:81:10")]
        [InlineData("\"abc\"")]
        public void BadDhclientValues(string value) => Assert.Null(DhcpLeaseReader.DecodeDhclient(value));

        [Fact]
        public void ReadsLeasesFromEveryKnownPlace_LastValueInAFileWins()
        {
            using var temp = new TempRoot()
                .Write("var/lib/dhcp/dhclient.eth0.leases", "lease {\n  option unknown-245 a:0:0:1;\n}\nlease {\n  interface \"eth0\";\n  option unknown-245 a8:3f:81:10;\n}\n")
                .Write("var/lib/dhclient/dhclient--eth0.lease", "lease {\n  option routers 10.0.0.1;\n}\n")
                .Write("run/systemd/netif/leases/2", "# This is private data. Do not parse.\nADDRESS=10.1.0.4\nOPTION_245=A83F8110\n")
                .Write("var/lib/waagent/WireServerEndpoint", "168.63.129.16");
            var facts = Read(temp);
            Assert.Equal(3, facts.LeaseFiles.Count);
            Assert.Equal(new[] { "168.63.129.16", "168.63.129.16" }, facts.Option245.Select(o => o.Address));
            Assert.Contains("/var/lib/dhcp/dhclient.eth0.leases line 6", facts.Option245[0].Evidence);
            Assert.Equal("168.63.129.16", facts.EndpointFile.Value);
            Assert.Equal("168.63.129.16", facts.WireServer);
        }

        [Fact]
        public void NoLeases_FallsBackToTheDefaultAddress()
        {
            using var temp = new TempRoot();
            var facts = Read(temp);
            Assert.Empty(facts.Option245);
            Assert.Equal(DhcpFacts.DefaultWireServer, facts.WireServer);
        }

        [Fact]
        public void BadValuesBinaryLeasesAndBadEndpointFile()
        {
            using var temp = new TempRoot()
                .Write("var/lib/dhcp/dhclient.eth0.leases", "lease {\n  option unknown-245 a8:3f;\n}\n")
                .Write("run/systemd/netif/leases/3", new byte[] { 0x4f, 0x00, 0x50 })
                .Write("var/lib/waagent/WireServerEndpoint", "not-an-ip");
            var facts = Read(temp);
            Assert.Contains("not a 4-byte address", facts.BadValues.Single());
            Assert.Equal("/run/systemd/netif/leases/3", facts.MalformedFiles.Single().Path);
            Assert.Equal(FactStatus.Malformed, facts.EndpointFile.Status);
            Assert.Equal(DhcpFacts.DefaultWireServer, facts.WireServer);
        }

        [Theory]
        [InlineData("var/lib/dhcp", "var/lib/dhcp/dhclient.eth0.leases")]
        [InlineData("run/systemd/netif/leases", "run/systemd/netif/leases/2")]
        public void ALeaseFolderThatCannotBeListed_IsAProblemNamingIt_NotNoLeases(string folder, string lease)
        {
            using var temp = new TempRoot().Write(lease, "lease {\n  option unknown-245 a8:3f:81:10;\n}\nOPTION_245=A83F8110\n");
            using var root = new UnlistableRoot(temp, folder);
            var facts = new DhcpLeaseReader().Read(root, "/var/lib/waagent");
            Assert.Empty(facts.Option245);
            var problem = Assert.Single(facts.MalformedFiles);
            Assert.Equal("/" + folder, problem.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", problem.Problem);
        }
    }
}
