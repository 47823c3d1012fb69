using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The tenant of a subscription, as Resource Manager states it: the tenantId of GET /subscriptions/{id}
    /// (Subscriptions_Get, api-version 2022-12-01), or the tenant a 401 InvalidAuthenticationTokenTenant names ("The access
    /// token is from the wrong issuer '…'. It must match the tenant 'https://sts.windows.net/{tenant}/' associated with this
    /// subscription.").
    /// </summary>
    public static class SubscriptionTenant
    {
        /// <summary>The error code of a 401 for a token from another tenant.</summary>
        public const string WrongTenantErrorCode = "InvalidAuthenticationTokenTenant";

        private static readonly Regex MustMatch = new Regex(
            @"must match the tenant '(?:https?://[^/']+/)?(?<tenant>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

        /// <summary>The path of the subscription resource.</summary>
        public static string Path(string subscriptionId) =>
            Guid.TryParse(subscriptionId, out var id) ? "/subscriptions/" + id.ToString("D") : throw new ArgumentException($"'{subscriptionId}' is not a subscription id.", nameof(subscriptionId));

        /// <summary>The tenantId of a Subscriptions_Get body, or null.</summary>
        public static string? FromSubscription(JsonElement subscription) =>
            subscription.ValueKind == JsonValueKind.Object && subscription.TryGetProperty("tenantId", out var tenant) && tenant.ValueKind == JsonValueKind.String
            && Guid.TryParse(tenant.GetString(), out var id) ? id.ToString("D") : null;

        /// <summary>True for a 401 whose code says the token is from another tenant.</summary>
        public static bool IsWrongTenant(ArmRequestException error) =>
            error != null && error.StatusCode == HttpStatusCode.Unauthorized && string.Equals(error.ErrorCode, WrongTenantErrorCode, StringComparison.OrdinalIgnoreCase);

        /// <summary>The subscription's tenant named by a wrong-tenant 401, or null (another error, or no tenant in the message).</summary>
        public static string? FromWrongTenantError(ArmRequestException error)
        {
            if (!IsWrongTenant(error))
            {
                return null;
            }

            var match = MustMatch.Match(error.Message ?? string.Empty);
            return match.Success ? Guid.Parse(match.Groups["tenant"].Value).ToString("D") : null;
        }
    }
}
