using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class NextHopAddressTests
    {
        [Theory]
        [InlineData("192.0.2.1", "192.0.2.1")]
        [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
        [InlineData("fe80::1", "fe80::1")]
        public void Parses_one_unicast_address_to_its_canonical_text(string text, string expected)
        {
            Assert.Equal(expected, NextHopAddress.Parse(text).ToString());
        }

        [Theory]
        [InlineData("192.0.2.1\nroute flush table main")]
        [InlineData("192.0.2.1\r\nroute del default")]
        [InlineData("192.0.2.1 dev eth0")]
        [InlineData(" 192.0.2.1")]
        [InlineData("192.0.2.001")]
        [InlineData("192.0.2.0/24")]
        [InlineData("fe80::1%eth0")]
        [InlineData("0.0.0.0")]
        [InlineData("127.0.0.1")]
        [InlineData("224.0.0.1")]
        [InlineData("255.255.255.255")]
        [InlineData("::")]
        [InlineData("::1")]
        [InlineData("ff02::1")]
        [InlineData("")]
        public void Hostile_input_refuses_anything_but_one_unicast_address(string text)
        {
            Assert.False(NextHopAddress.TryParse(text, out _, out var reason));
            Assert.NotEmpty(reason);
        }
    }
}
