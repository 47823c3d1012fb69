using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Tests.Redaction
{
    /// <summary>
    /// Hostile-input cases (issue 11): each secret form that reached a bundle before the redactor knew it. Every case plants
    /// marker words that must not survive; the text around them must.
    /// </summary>
    public class SecretRedactorHostileInputTests
    {
        private readonly SecretRedactor _redactor = new SecretRedactor();

        [Theory]
        // A SAS inside a URL-encoded URL (a query parameter of another URL): %26sig%3D, and %3Fsig%3D, and double-encoded.
        [InlineData("redirect=https%3A%2F%2Fa.blob.core.windows.net%2Fc%2Fb%3Fsv%3D2020%26sig%3DHOSTILEA%252BHOSTILEB%253D%26se%3D2025", "se%3D2025")]
        [InlineData("u=https%3A%2F%2Fa%2Fb%3Fsig%3DHOSTILEA%2BHOSTILEB%26sv%3D1", "sv%3D1")]
        [InlineData("u=https%253A%252F%252Fa%252Fb%253Fsv%253D1%2526sig%253DHOSTILEAHOSTILEB%2526se%253D2", "se%253D2")]
        // JSON-escaped: & as \u0026 and + as \u002B inside the signature (System.Text.Json writes both).
        [InlineData("{\"message\":\"upload to https://a/b?sv=1\\u0026sig=HOSTILEA\\u002BHOSTILEB\\u002F%3D\\u0026se=2\"}", "\\u0026se=2")]
        // A SAS signature that is the first parameter of a connection string's SharedAccessSignature.
        [InlineData("BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sig=HOSTILEAHOSTILEB&sv=2020-08-04&se=2025", "BlobEndpoint=https://a.blob.core.windows.net/;")]
        [InlineData("SharedAccessSignature=sv=2020-08-04&ss=b&srt=sco&sp=rl&sig=HOSTILEA/HOSTILEB=;QueueEndpoint=q", ";QueueEndpoint=q")]
        [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=HOSTILEA+HOSTILEB=", "SharedAccessKeyName=Root;")]
        // Storage account keys in connection strings, plain and inside JSON.
        [InlineData("DefaultEndpointsProtocol=https;AccountName=md1;AccountKey=HOSTILEA+HOSTILEB/0123==;EndpointSuffix=core.windows.net", "EndpointSuffix=core.windows.net")]
        [InlineData("{\"storageAccountName\":\"md1\",\"storageAccountKey\":\"HOSTILEA+HOSTILEB==\"}", "\"storageAccountName\":\"md1\"")]
        // Bearer tokens: an Authorization header, an opaque token, a JWT alone, and access_token / refresh_token properties.
        [InlineData("Authorization: Bearer eyJ0eXAiOiJKV1QiHOSTILEA.eyJhdWQiOiJodHRwHOSTILEB.c2lnbmF0dXJl", "Authorization: Bearer ")]
        [InlineData("request headers: {'Authorization': 'Bearer HOSTILEAopaque0123456789HOSTILEB'}", "request headers: {'Authorization': 'Bearer ")]
        [InlineData("token eyJ0eXAiOiJKV1QiHOSTILEA.eyJhdWQiOiJodHRwHOSTILEB.c2ln seen", " seen")]
        [InlineData("{\"token_type\":\"Bearer\",\"access_token\":\"HOSTILEA.HOSTILEB\",\"refresh_token\":\"HOSTILEA-r-HOSTILEB\",\"expires_in\":3599}", "\"expires_in\":3599")]
        [InlineData("{\\\"access_token\\\":\\\"HOSTILEA-HOSTILEB\\\",\\\"x\\\":1}", "\\\"x\\\":1")]
        // protectedSettings as Python prints a dict (single quotes), double-escaped JSON and \u0022 quotes.
        [InlineData("Handler settings: {'protectedSettingsCertThumbprint': 'AB12', 'protectedSettings': 'MIIBHOSTILEA+HOSTILEB==', 'publicSettings': {}}", "'publicSettings': {}")]
        [InlineData("\"{\\\\\\\"protectedSettings\\\\\\\":\\\\\\\"HOSTILEAHOSTILEB\\\\\\\"}\"", "protectedSettings")]
        [InlineData("{\\u0022protectedSettings\\u0022:\\u0022HOSTILEAHOSTILEB\\u0022}", "protectedSettings")]
        // System.Text.Json writes ' as \u0027: Python's dict repr inside a JSON string (a Windows capture's event message).
        [InlineData("\"Message\": \"{\\u0027protectedSettings\\u0027: \\u0027HOSTILEA+HOSTILEB\\u0027}\"", "\"Message\": ")]
        // A log line inside a capture, serialized again by System.Text.Json: \ doubled, " as \u0022, & as \u0026.
        [InlineData("\"Message\": \"upload https://a/b?sv=1\\\\u0026sig=HOSTILEA\\\\u002BHOSTILEB\\\\u0026se=2\"", "se=2")]
        [InlineData("\"Message\": \"\\u0022{\\\\\\u0022access_token\\\\\\u0022:\\\\\\u0022HOSTILEA-HOSTILEB\\\\\\u0022}\\u0022\"", "access_token")]
        [InlineData("\"Message\": \"\\u0026quot;protectedSettings\\u0026quot;: \\u0026quot;HOSTILEAHOSTILEB\\u0026quot;\"", "protectedSettings")]
        // Passwords as JSON properties in a log line.
        [InlineData("{\"adminUsername\":\"azureuser\",\"adminPassword\":\"HOSTILEA!HOSTILEB\"}", "\"adminUsername\":\"azureuser\"")]
        public void Secret_forms_that_reached_bundles_are_removed(string input, string kept)
        {
            var output = _redactor.Redact(input);
            Assert.DoesNotContain("HOSTILEA", output, StringComparison.Ordinal);
            Assert.DoesNotContain("HOSTILEB", output, StringComparison.Ordinal);
            Assert.Contains(kept, output, StringComparison.Ordinal);
            Assert.Equal(output, _redactor.Redact(output));
        }

        [Theory]
        [InlineData('\\')]
        [InlineData('"')]
        [InlineData('\'')]
        [InlineData('&')]
        [InlineData('%')]
        public void Megabytes_of_one_delimiter_are_checked_not_given_up(char c)
        {
            // Runs of the characters the patterns start or continue on, with a secret after them: no pattern may turn quadratic.
            var text = new string(c, 2 * 1024 * 1024) + " https://a/b?sv=1&sig=HOSTILEAHOSTILEB&se=2 " + new string(c, 1024 * 1024) + "\"password\":\"HOSTILEB\"";
            Assert.True(_redactor.TryRedact(text, out var redacted, null, networkConfiguration: true));
            Assert.DoesNotContain("HOSTILE", redacted, StringComparison.Ordinal);
        }

        [Theory]
        // netplan's wifi access points and 802.1x auth written inline (flow mappings), and NetworkManager/ifcfg keys.
        [InlineData("      \"home\": {password: \"HOSTILEA HOSTILEB\"}\n", "\"home\": {password: ")]
        [InlineData("      auth: {key-management: eap, method: peap, identity: \"me@x\", password: HOSTILEA-HOSTILEB}\n", "identity: \"me@x\"")]
        [InlineData("  auth: {key-management: psk, password: 'HOSTILEA''HOSTILEB', method: ttls}\n", "method: ttls}")]
        [InlineData("        client-key-password: \"HOSTILEAHOSTILEB\"\n", "client-key-password: ")]
        [InlineData("[802-1x]\nphase2-private-key-password=HOSTILEAHOSTILEB\n", "[802-1x]")]
        [InlineData("IEEE_8021X_PASSWORD='HOSTILEAHOSTILEB'\nWPA_PSK=\"HOSTILEAHOSTILEB\"\n", "IEEE_8021X_PASSWORD=")]
        public void Network_configuration_passwords_inline_are_removed(string input, string kept)
        {
            var output = _redactor.Redact(input, null, networkConfiguration: true);
            Assert.DoesNotContain("HOSTILEA", output, StringComparison.Ordinal);
            Assert.DoesNotContain("HOSTILEB", output, StringComparison.Ordinal);
            Assert.Contains(kept, output, StringComparison.Ordinal);
        }
    }
}
