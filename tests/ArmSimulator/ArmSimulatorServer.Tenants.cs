using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// The subscription's tenant: GET /subscriptions/{id} (Subscriptions_Get 2022-12-01: id, subscriptionId, tenantId,
    /// displayName, state), and a 401 InvalidAuthenticationTokenTenant, worded as Resource Manager words it, for a token
    /// from another tenant (<see cref="SimulatorOptions.ForeignTokens"/>).
    /// </summary>
    public sealed partial class ArmSimulatorServer
    {
        /// <summary>The Subscriptions_Get api-version (subscriptions.json 2022-12-01).</summary>
        public const string SubscriptionsApiVersion = "2022-12-01";

        private static readonly Regex SubscriptionPath = new Regex("^/subscriptions/(?<sub>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Answers a token from another tenant with the wrong-tenant 401; false for any other token.</summary>
        private async Task<bool> TryWrongTenantAsync(HttpContext context, RequestLogEntry entry)
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !Options.ForeignTokens.TryGetValue(header.Substring(7), out var issuer))
            {
                return false;
            }

            entry.Fault = "WrongTenant";
            await ErrorAsync(context, entry, 401, "InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer 'https://sts.windows.net/{issuer}/'. It must match the tenant 'https://sts.windows.net/{Options.TenantId}/' associated with this subscription. " +
                $"Please use the authority (URL) 'https://login.windows.net/{Options.TenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.").ConfigureAwait(false);
            return true;
        }

        /// <summary>GET /subscriptions/{id}; false for any other path.</summary>
        private async Task<bool> TryRouteSubscriptionAsync(HttpContext context, RequestLogEntry entry)
        {
            var m = SubscriptionPath.Match(entry.Path);
            if (!m.Success || entry.Method != "GET")
            {
                return false;
            }

            var subscription = m.Groups["sub"].Value;
            if (!_bySubscription.ContainsKey(subscription))
            {
                await ErrorAsync(context, entry, 404, "SubscriptionNotFound", $"The subscription '{m.Groups["sub"].Value}' could not be found.").ConfigureAwait(false);
                return true;
            }

            await JsonAsync(context, entry, 200, new JsonObject
            {
                ["id"] = "/subscriptions/" + subscription,
                ["subscriptionId"] = subscription,
                ["tenantId"] = Options.TenantId,
                ["displayName"] = "Simulated subscription",
                ["state"] = "Enabled",
                ["subscriptionPolicies"] = new JsonObject { ["locationPlacementId"] = "Public_2014-09-01", ["quotaId"] = "PayAsYouGo_2014-09-01", ["spendingLimit"] = "Off" },
                ["authorizationSource"] = "RoleBased",
            }).ConfigureAwait(false);
            return true;
        }
    }
}
