using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Tests.Probes
{
    public class StorageEndpointTests
    {
        [Theory]
        [InlineData("mystorage.blob.core.windows.net", "mystorage.blob.core.windows.net", 443)]
        [InlineData("mystorage.blob.core.windows.net:8443", "mystorage.blob.core.windows.net", 8443)]
        [InlineData("127.0.0.1:1", "127.0.0.1", 1)]
        [InlineData("10.0.0.4:65535", "10.0.0.4", 65535)]
        [InlineData("[::1]:8443", "::1", 8443)]
        [InlineData("[::1]", "::1", 443)]
        [InlineData("fe80::1", "fe80::1", 443)]
        [InlineData(" localhost:443 ", "localhost", 443)]
        public void ReadsHostAndPort(string text, string host, int port)
        {
            var endpoint = StorageEndpoint.Parse(text);
            Assert.Equal(host, endpoint.Host);
            Assert.Equal(port, endpoint.Port);
        }

        [Theory]
        [Trait("Category", "Hostile input")]
        [InlineData("host:99999", "1 to 65535")]
        [InlineData("host:0", "1 to 65535")]
        [InlineData("host:-1", "1 to 65535")]
        [InlineData("host:", "1 to 65535")]
        [InlineData("host:44x", "1 to 65535")]
        [InlineData("[::1]:70000", "1 to 65535")]
        [InlineData("ho st", "DNS name")]
        [InlineData("host\r\nX: y", "DNS name")]
        [InlineData("a..b", "DNS name")]
        [InlineData("-a.example", "DNS name")]
        [InlineData("host/path", "DNS name")]
        [InlineData("999.1.1.1", "IPv4")]
        [InlineData("[nothost]:443", "IPv6")]
        [InlineData("[::1", "']'")]
        [InlineData("fe80::1%eth0", "IPv6")]
        public void RefusesWhatIsNotAHostAndPortWithAFormatException(string text, string reason)
        {
            var ex = Assert.Throws<FormatException>(() => StorageEndpoint.Parse(text));
            Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ex.Message, c => c == '\r' || c == '\n');
        }

        [Fact]
        [Trait("Category", "Hostile input")]
        public void TheConstructorChecksToo()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new StorageEndpoint("host", 99999));
            Assert.Throws<ArgumentException>(() => new StorageEndpoint("ho st"));
        }
    }
}
