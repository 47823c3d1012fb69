using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class InterfaceNameTests
    {
        [Theory]
        [InlineData("eth0")]
        [InlineData("enP30832s1")]
        [InlineData("br-0123456789ab")]
        [InlineData("veth.100@x")]
        public void Takes_Linux_interface_names_the_kernel_takes(string name)
        {
            Assert.True(InterfaceName.TryParseLinux(name, out var parsed, out _));
            Assert.Equal(name, parsed.Value);
        }

        [Theory]
        [InlineData("eth0\nroute del default")]
        [InlineData("eth0\r")]
        [InlineData("eth0 proto 4")]
        [InlineData("eth0\t")]
        [InlineData("a-name-longer-than-15")]
        [InlineData("../eth0")]
        [InlineData("eth0:1")]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("eth0#x")]
        [InlineData("\"eth0\"")]
        [InlineData("eth0\\")]
        [InlineData("eth\u00e9")]
        [InlineData("")]
        public void Hostile_input_refuses_Linux_names_the_kernel_or_ip_batch_would_not_take_as_one_name(string name)
        {
            Assert.False(InterfaceName.TryParseLinux(name, out _, out var reason));
            Assert.NotEmpty(reason);
        }

        [Theory]
        [InlineData("Ethernet 2")]
        [InlineData("Backup NIC")]
        [InlineData("vEthernet (Default Switch)")]
        public void Takes_Windows_aliases_with_spaces(string name)
        {
            Assert.True(InterfaceName.TryParseWindows(name, out _, out _));
        }

        [Theory]
        [InlineData("Ethernet\n2")]
        [InlineData("Ethernet\u0000")]
        [InlineData(" ")]
        public void Hostile_input_refuses_Windows_aliases_with_control_characters(string name)
        {
            Assert.False(InterfaceName.TryParseWindows(name, out _, out var reason));
            Assert.NotEmpty(reason);
        }

        [Fact]
        public void Hostile_input_refuses_a_Windows_alias_with_a_lone_surrogate()
        {
            // Built at run time: an attribute argument cannot hold a lone surrogate.
            var name = new string(new[] { '\ud800', 'E', 't', 'h' });

            Assert.False(InterfaceName.TryParseWindows(name, out _, out var reason));
            Assert.Contains("U+D800", reason, System.StringComparison.Ordinal);
        }
    }
}
