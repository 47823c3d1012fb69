using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class StaticNetworkReaderTests
    {
        private static NetworkConfigFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return new StaticNetworkReader().Read(root);
        }

        [Fact]
        public void Ifupdown_StaticAndDhcp_LoopbackIgnored()
        {
            using var temp = new TempRoot()
                .Write("etc/network/interfaces", "auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet static\n  address 10.0.0.4/24\n")
                .Write("etc/network/interfaces.d/50-cloud-init", "auto eth1\niface eth1 inet dhcp\niface eth1 inet6 static\n");
            var facts = Read(temp);
            Assert.Equal(new[] { "eth0:static", "eth1:dhcp" }, facts.Interfaces.Select(i => i.InterfaceName + ":" + (i.UsesDhcp ? "dhcp" : "static")));
            Assert.False(facts.StaticOnly);
            Assert.Contains("/etc/network/interfaces line 4: iface eth0 inet static", facts.Interfaces[0].Evidence);
        }

        [Theory]
        [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: false\n      addresses:\n        - 10.0.0.4/24\n", true)]
        [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.4/24]\n      routes:\n        - to: default\n          via: 10.0.0.1\n", true)]
        [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      match:\n        macaddress: 00:0d:3a:1f:5c:82\n", false)]
        [InlineData("network:\n  ethernets:\n    eth0:\n      dhcp4: yes # on\n      addresses: [10.0.0.9/24]\n", false)]
        public void Netplan(string yaml, bool staticOnly)
        {
            using var temp = new TempRoot().Write("etc/netplan/50-cloud-init.yaml", yaml);
            var facts = Read(temp);
            Assert.Equal("eth0", facts.Interfaces.Single().InterfaceName);
            Assert.Equal(staticOnly, facts.StaticOnly);
        }

        [Fact]
        public void Netplan_TabIndentation_IsMalformed()
        {
            using var temp = new TempRoot().Write("etc/netplan/01.yaml", "network:\n\tethernets:\n");
            var facts = Read(temp);
            Assert.Equal("/etc/netplan/01.yaml", facts.Malformed.Single().Path);
            Assert.Contains("tab", facts.Malformed.Single().Problem);
        }

        [Fact]
        public void NetworkManagerKeyfiles_ManualIsStatic()
        {
            using var temp = new TempRoot().Write("etc/NetworkManager/system-connections/eth0.nmconnection",
                "[connection]\nid=System eth0\ninterface-name=eth0\ntype=ethernet\n\n[ipv4]\naddress1=10.0.0.4/24,10.0.0.1\nmethod=manual\n\n[ipv6]\nmethod=ignore\n");
            var facts = Read(temp);
            Assert.True(facts.StaticOnly);
            Assert.Contains("line 8: method = manual", facts.Interfaces.Single().Evidence);
        }

        [Theory]
        [InlineData("DEVICE=eth0\nBOOTPROTO=static\nIPADDR=10.0.0.4\n", false)]
        [InlineData("DEVICE=\"eth0\"\nBOOTPROTO=\"none\"\nIPADDR=10.0.0.4\n", false)]
        [InlineData("DEVICE=eth0\nBOOTPROTO=dhcp\n", true)]
        public void IfcfgFiles(string text, bool dhcp)
        {
            using var temp = new TempRoot().Write("etc/sysconfig/network-scripts/ifcfg-eth0", text).Write("etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\nBOOTPROTO=static\n");
            var only = Read(temp).Interfaces.Single();
            Assert.Equal("eth0", only.InterfaceName);
            Assert.Equal(dhcp, only.UsesDhcp);
        }

        [Fact]
        public void SystemdNetworkd()
        {
            using var temp = new TempRoot()
                .Write("etc/systemd/network/10-eth0.network", "[Match]\nName=eth0\n\n[Network]\nAddress=10.0.0.4/24\nGateway=10.0.0.1\n")
                .Write("etc/systemd/network/20-eth1.network", "[Match]\nName=eth1\n\n[Network]\nDHCP=ipv4\n");
            var facts = Read(temp);
            Assert.Equal(new[] { false, true }, facts.Interfaces.Select(i => i.UsesDhcp));
        }

        [Fact]
        public void BinaryConfiguration_IsMalformed_AndNothingFoundIsNotStatic()
        {
            using var temp = new TempRoot().Write("etc/network/interfaces", new byte[] { 0x69, 0x00 });
            var facts = Read(temp);
            Assert.Equal("/etc/network/interfaces", facts.Malformed.Single().Path);
            Assert.Empty(facts.Interfaces);
            Assert.False(facts.StaticOnly);
        }

        [Theory]
        [InlineData("etc/netplan", "etc/netplan/50-cloud-init.yaml")]
        [InlineData("etc/network/interfaces.d", "etc/network/interfaces.d/50-cloud-init")]
        [InlineData("etc/sysconfig/network-scripts", "etc/sysconfig/network-scripts/ifcfg-eth0")]
        [InlineData("etc/systemd/network", "etc/systemd/network/10-eth0.network")]
        public void AConfigurationFolderThatCannotBeListed_IsAProblemNamingIt(string folder, string file)
        {
            using var temp = new TempRoot().Write(file, "static, once it is read\n");
            using var root = new UnlistableRoot(temp, folder);
            var facts = new StaticNetworkReader().Read(root);
            Assert.Equal(0, facts.FilesRead);
            var problem = Assert.Single(facts.Malformed);
            Assert.Equal("/" + folder, problem.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", problem.Problem);
        }
    }
}
