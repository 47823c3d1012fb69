using System.Security;
using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Tests.Cim
{
    public class WsmanConnectionOptionsTests
    {
        private static SecureString Password(string text)
        {
            var s = new SecureString();
            foreach (var c in text)
            {
                s.AppendChar(c);
            }

            s.MakeReadOnly();
            return s;
        }

        [Theory]
        [InlineData(@"CONTOSO\admin", "CONTOSO", "admin")]
        [InlineData(@"vm-web01\azureadmin", "vm-web01", "azureadmin")]
        [InlineData("admin@contoso.example", "", "admin@contoso.example")]
        [InlineData("azureadmin", "", "azureadmin")]
        public void Splits_the_user_name_as_NetworkCredential_does_for_CimCredential(string userName, string domain, string user)
        {
            var o = new WsmanConnectionOptions(userName, Password("x"), WsmanAuthentication.Negotiate, false, null);
            Assert.Equal(domain, o.Domain);
            Assert.Equal(user, o.User);
        }

        [Fact]
        public void Takes_the_domain_and_user_the_cmdlet_layer_read_from_PSCredential()
        {
            // PSCredential.GetNetworkCredential splits admin@contoso (no dot) into user and domain.
            var o = new WsmanConnectionOptions("admin@contoso", Password("x"), WsmanAuthentication.Default, false, null, "contoso", "admin");
            Assert.Equal("contoso", o.Domain);
            Assert.Equal("admin", o.User);
            Assert.Equal("admin@contoso", o.UserName);
        }

        [Theory]
        [InlineData(false, null, 5985)]
        [InlineData(true, null, 5986)]
        [InlineData(false, 8080, 8080)]
        [InlineData(true, 15986, 15986)]
        public void Goes_to_WinRMs_port_unless_told(bool ssl, int? port, int expected)
        {
            Assert.Equal(expected, new WsmanConnectionOptions(null, null, WsmanAuthentication.Default, ssl, port).EffectivePort);
        }

        [Theory]
        [InlineData(WsmanAuthentication.Basic)]
        [InlineData(WsmanAuthentication.Digest)]
        [InlineData(WsmanAuthentication.CredSsp)]
        public void Refuses_a_password_mechanism_without_a_credential(WsmanAuthentication mechanism)
        {
            var ex = Assert.Throws<ArgumentException>(() => new WsmanConnectionOptions(null, null, mechanism, true, null));
            Assert.Contains("-Credential", ex.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(65536)]
        [InlineData(-1)]
        public void Refuses_a_port_outside_1_to_65535(int port)
        {
            Assert.Throws<ArgumentException>(() => new WsmanConnectionOptions(null, null, WsmanAuthentication.Default, false, port));
        }

        [Fact]
        public void Refuses_an_unknown_mechanism_an_empty_user_and_a_user_without_password()
        {
            Assert.Throws<ArgumentException>(() => new WsmanConnectionOptions(null, null, (WsmanAuthentication)42, false, null));
            Assert.Throws<ArgumentException>(() => new WsmanConnectionOptions("  ", Password("x"), WsmanAuthentication.Default, false, null));
            Assert.Throws<ArgumentNullException>(() => new WsmanConnectionOptions("admin", null, WsmanAuthentication.Default, false, null));
        }

        [Fact]
        public void Describes_the_session_without_the_password_and_warns_for_Basic_over_HTTP()
        {
            var basic = new WsmanConnectionOptions(@"CONTOSO\admin", Password("Secret-123"), WsmanAuthentication.Basic, false, null);
            Assert.Equal(@"WSMan http port 5985, authentication Basic, as CONTOSO\admin", basic.Describe());
            Assert.DoesNotContain("Secret-123", basic.Describe());
            Assert.Contains("unencrypted", basic.Warning);
            Assert.Null(new WsmanConnectionOptions(@"CONTOSO\admin", Password("x"), WsmanAuthentication.Basic, true, null).Warning);
        }

        [Fact]
        public void Default_is_what_New_CimSession_does_with_no_options()
        {
            Assert.True(WsmanConnectionOptions.Default.IsDefault);
            Assert.False(new WsmanConnectionOptions(null, null, WsmanAuthentication.Kerberos, false, null).IsDefault);
            Assert.False(new WsmanConnectionOptions(null, null, WsmanAuthentication.Default, true, null).IsDefault);
            Assert.False(new WsmanConnectionOptions(null, null, WsmanAuthentication.Default, false, 5985).IsDefault);
            Assert.Equal(new[] { "Default", "Digest", "Negotiate", "Basic", "Kerberos", "NtlmDomain", "CredSsp" }, Enum.GetNames(typeof(WsmanAuthentication)));
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6 }, (int[])Enum.GetValues(typeof(WsmanAuthentication)));
        }
    }
}
