using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows
{
    public class WinHttpSettingsParserTests
    {
        internal static byte[] Blob(string proxy, string bypass, uint flags = 3)
        {
            var p = Encoding.ASCII.GetBytes(proxy);
            var b = Encoding.ASCII.GetBytes(bypass);
            return BitConverter.GetBytes(0x28u).Concat(BitConverter.GetBytes(5u)).Concat(BitConverter.GetBytes(flags))
                .Concat(BitConverter.GetBytes((uint)p.Length)).Concat(p).Concat(BitConverter.GetBytes((uint)b.Length)).Concat(b).ToArray();
        }

        [Theory]
        [InlineData("1800000000000000010000000000000000000000")] // never configured (VM assist's first default)
        [InlineData("2800000000000000010000000000000000000000")] // after netsh winhttp reset proxy
        public void The_defaults_are_direct_access(string hex)
        {
            var settings = WinHttpSettingsParser.Parse(Convert.FromHexString(hex));
            Assert.False(settings.UsesProxy);
            Assert.Equal((1u, string.Empty, string.Empty, true), (settings.Flags, settings.Proxy, settings.Bypass, settings.ValueExists));
        }

        [Fact]
        public void A_proxy_and_its_bypass_list_are_read()
        {
            var settings = WinHttpSettingsParser.Parse(Blob("10.0.0.10:3128", "<local>;168.63.129.16"));
            Assert.True(settings.UsesProxy);
            Assert.Equal(("10.0.0.10:3128", "<local>;168.63.129.16"), (settings.Proxy, settings.Bypass));
            Assert.Contains("proxy '10.0.0.10:3128'", settings.Describe());
        }

        [Theory]
        [InlineData(8, "the flags at offset 8 needs 4")]
        [InlineData(14, "the proxy length at offset 12 needs 4")]
        [InlineData(20, "the proxy at offset 16 says 14 bytes, 4 follow")]
        [InlineData(32, "the bypass list length at offset 30 needs 4")]
        public void A_truncated_blob_is_refused_naming_the_offset(int keep, string expected)
        {
            var blob = Blob("10.0.0.10:3128", "<local>").Take(keep).ToArray();
            var ex = Assert.Throws<InvalidDataException>(() => WinHttpSettingsParser.Parse(blob));
            Assert.Contains("truncated", ex.Message);
            Assert.Contains(expected, ex.Message);
        }
    }
}
