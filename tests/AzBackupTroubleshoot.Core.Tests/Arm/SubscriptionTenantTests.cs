using System.Net;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class SubscriptionTenantTests
    {
        // The wording of Resource Manager's 401 for a token from another tenant.
        private const string WrongTenantMessage =
            "The access token is from the wrong issuer 'https://sts.windows.net/72f988bf-0000-0000-0000-000000000000/'. It must match the tenant " +
            "'https://sts.windows.net/5b3a9e21-4c6d-4f7e-8a90-1b2c3d4e5f60/' associated with this subscription. Please use the authority (URL) " +
            "'https://login.windows.net/5b3a9e21-4c6d-4f7e-8a90-1b2c3d4e5f60' to get the token.";

        [Fact]
        public void Reads_the_tenant_of_a_subscription_body()
        {
            using var doc = JsonDocument.Parse("{\"id\":\"/subscriptions/x\",\"tenantId\":\"5B3A9E21-4C6D-4F7E-8A90-1B2C3D4E5F60\",\"state\":\"Enabled\"}");
            Assert.Equal("5b3a9e21-4c6d-4f7e-8a90-1b2c3d4e5f60", SubscriptionTenant.FromSubscription(doc.RootElement));
            using var none = JsonDocument.Parse("{\"tenantId\":\"not-a-guid\"}");
            Assert.Null(SubscriptionTenant.FromSubscription(none.RootElement));
        }

        [Fact]
        public void Reads_the_subscriptions_tenant_from_a_wrong_tenant_401_and_nothing_from_other_errors()
        {
            var wrong = new ArmRequestException("InvalidAuthenticationTokenTenant", WrongTenantMessage, HttpStatusCode.Unauthorized);
            Assert.True(SubscriptionTenant.IsWrongTenant(wrong));
            Assert.Equal("5b3a9e21-4c6d-4f7e-8a90-1b2c3d4e5f60", SubscriptionTenant.FromWrongTenantError(wrong));
            Assert.Null(SubscriptionTenant.FromWrongTenantError(new ArmRequestException("InvalidAuthenticationToken", WrongTenantMessage, HttpStatusCode.Unauthorized)));
            Assert.Null(SubscriptionTenant.FromWrongTenantError(new ArmRequestException("InvalidAuthenticationTokenTenant", WrongTenantMessage, HttpStatusCode.Forbidden)));
            Assert.Null(SubscriptionTenant.FromWrongTenantError(new ArmRequestException("InvalidAuthenticationTokenTenant", "no tenant here", HttpStatusCode.Unauthorized)));
        }

        [Fact]
        public void Builds_the_subscription_path_only_from_a_subscription_id_with_its_api_version()
        {
            Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000001", SubscriptionTenant.Path("00000000-0000-0000-0000-000000000001"));
            Assert.Throws<System.ArgumentException>(() => SubscriptionTenant.Path("../providers"));
            Assert.Equal("2022-12-01", ArmApiVersions.For("/subscriptions/00000000-0000-0000-0000-000000000001"));
            Assert.Equal(ArmApiVersions.ResourceGroups, ArmApiVersions.For("/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups"));
        }
    }
}
