using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Tests.Redaction
{
    public class SecretRedactorTests
    {
        private readonly SecretRedactor _redactor = new SecretRedactor();

        [Theory]
        [InlineData("https://a.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sig=abc%2Bdef%3D&se=2024", "https://a.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sig=REDACTED&se=2024")]
        [InlineData("<BlobUri>https://a/b?sig=XYZ&amp;se=1</BlobUri>", "<BlobUri>https://a/b?sig=REDACTED&amp;se=1</BlobUri>")]
        [InlineData("\"uri\": \"https://a/b?sv=1\\u0026sig=XYZ\\u0026se=1\"", "\"uri\": \"https://a/b?sv=1\\u0026sig=REDACTED\\u0026se=1\"")]
        [InlineData("https://a/b?SIG=XYZ", "https://a/b?SIG=REDACTED")]
        [InlineData("no signature here; signal=ok", "no signature here; signal=ok")]
        public void SasSignatures(string input, string expected) => Assert.Equal(expected, _redactor.Redact(input));

        [Theory]
        [InlineData("{\"protectedSettingsCertThumbprint\":\"AB12\",\"protectedSettings\":\"MIIB+x/y==\",\"publicSettings\":{}}", "{\"protectedSettingsCertThumbprint\":\"AB12\",\"protectedSettings\":\"REDACTED\",\"publicSettings\":{}}")]
        [InlineData("{\"protectedSettings\": {\"password\": \"p\", \"n\": [1,2]}, \"x\": 1}", "{\"protectedSettings\": \"REDACTED\", \"x\": 1}")]
        [InlineData("&quot;protectedSettings&quot;: &quot;MIIBsecret&quot;, &quot;publicSettings&quot;", "&quot;protectedSettings&quot;: &quot;REDACTED&quot;, &quot;publicSettings&quot;")]
        [InlineData("\"{\\\"protectedSettings\\\":\\\"MIIB\\\"}\"", "\"{\\\"protectedSettings\\\":\\\"REDACTED\\\"}\"")]
        [InlineData("{\"protectedSettings\":\"\"}", "{\"protectedSettings\":\"\"}")]
        public void ProtectedSettings(string input, string expected) => Assert.Equal(expected, _redactor.Redact(input));

        [Fact]
        public void OvfEnvPasswordAndCustomData_WithNamespaces()
        {
            var counts = new Dictionary<SecretKind, int>();
            var result = _redactor.Redact("<ns1:UserName>azureuser</ns1:UserName><ns1:UserPassword>P@ss</ns1:UserPassword>\n<ns1:CustomData>IyEvYmluL2Jhc2g=</ns1:CustomData><CustomData/>", counts);
            Assert.Equal("<ns1:UserName>azureuser</ns1:UserName><ns1:UserPassword>REDACTED</ns1:UserPassword>\n<ns1:CustomData>REDACTED</ns1:CustomData><CustomData/>", result);
            Assert.Equal(1, counts[SecretKind.Password]);
            Assert.Equal(1, counts[SecretKind.CustomData]);
        }

        [Fact]
        public void NetworkSecrets_OnlyInNetworkConfiguration_AndCounted()
        {
            var counts = new Dictionary<SecretKind, int>();
            Assert.Equal("[wifi-security]\npsk=REDACTED\n", _redactor.Redact("[wifi-security]\npsk=hunter2\n", counts, networkConfiguration: true));
            Assert.Equal("psk=hunter2", _redactor.Redact("psk=hunter2"));
            Assert.Equal(1, counts[SecretKind.NetworkSecret]);
        }

        [Fact]
        public void KnownSecrets_AreMasked_ByValue_InEveryText_AndCounted()
        {
            // The ARM client's token mask, folded into the one redactor: a registered token becomes *** wherever it appears.
            var redactor = new SecretRedactor();
            const string token = "opaque-token-value-with-no-known-form";
            Assert.Equal("sent opaque-token-value-with-no-known-form", redactor.Redact("sent " + token));
            redactor.AddKnownSecret(token);
            redactor.AddKnownSecret(token);
            redactor.AddKnownSecret(string.Empty);
            var counts = new Dictionary<SecretKind, int>();
            Assert.Equal("sent *** and ***", redactor.Redact($"sent {token} and {token}", counts));
            Assert.Equal(1, counts[SecretKind.AccessToken]);
            Assert.Equal("{\"id\":\"***\",\"sig\":\"x?sig=abc\"}", redactor.MaskKnownSecrets($"{{\"id\":\"{token}\",\"sig\":\"x?sig=abc\"}}"));
            Assert.Equal(string.Empty, redactor.MaskKnownSecrets(null));
        }

        [Fact]
        public void UrlCredentials_AndIdempotence()
        {
            var once = _redactor.Redact("http_proxy=http://bob:secret@proxy:3128 https://a/b?sig=S");
            Assert.Equal("http_proxy=http://REDACTED@proxy:3128 https://a/b?sig=REDACTED", once);
            var counts = new Dictionary<SecretKind, int>();
            Assert.Equal(once, _redactor.Redact(once, counts));
            Assert.Empty(counts);
        }
    }
}
