using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01 (Resources - Resources,
    /// https://learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources). Request
    /// {subscriptions | managementGroups | neither (tenant), query, options{$top (at most 1000), $skipToken, resultFormat}};
    /// answer {totalRecords, count, data (objectArray), facets, resultTruncated, $skipToken}. The quota headers on every
    /// answer and a 429 past the quota; x-ms-tenant-subscription-limit-hit when a tenant or management group scope has more
    /// subscriptions than TenantSubscriptionLimit. Only the module's queries are evaluated (SimGraphQueries).
    /// </summary>
    public sealed partial class ArmSimulatorServer
    {
        public const string GraphApiVersion = "2021-03-01";

        private static readonly Regex SubscriptionPrefix = new Regex("^/subscriptions/([^/]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private readonly SimGraphQueries _graphQueries = new SimGraphQueries();

        private static bool IsGraphPath(string path) => string.Equals(path.TrimEnd('/'), "/providers/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase);

        private async Task GraphAsync(HttpContext context, RequestLogEntry entry)
        {
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Options.Token)
            {
                await ErrorAsync(context, entry, 401, "InvalidAuthenticationToken", "The access token is invalid.").ConfigureAwait(false);
                return;
            }

            var allowed = true;
            var remaining = 0;
            var resetsAfter = TimeSpan.Zero;
            if (_graphQuota != null)
            {
                allowed = _graphQuota.TryTake(out remaining, out resetsAfter);
            }

            if (Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Options.Latency).ConfigureAwait(false);
            }

            if (_graphQuota != null)
            {
                // hh:mm:ss, whole seconds rounded up, so a client that waits this long is never early.
                var seconds = (int)Math.Ceiling(resetsAfter.TotalSeconds);
                context.Response.Headers["x-ms-user-quota-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["x-ms-user-quota-resets-after"] = TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
                if (!allowed)
                {
                    entry.Fault = "GraphQuota";
                    context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
                    entry.RetryNotBefore = DateTimeOffset.UtcNow.AddSeconds(Math.Max(1, seconds));
                    entry.RetryKey = entry.Key;
                    await ErrorAsync(context, entry, 429, "RateLimiting", "Please provide below info when asking for support: the user quota of Resource Graph queries is exhausted.").ConfigureAwait(false);
                    return;
                }
            }

            if (context.Request.Method != "POST")
            {
                await ErrorAsync(context, entry, 405, "MethodNotAllowed", "Resource Graph queries are POST requests.").ConfigureAwait(false);
                return;
            }

            if (context.Request.Query["api-version"].ToString() != GraphApiVersion)
            {
                await ErrorAsync(context, entry, 400, "InvalidApiVersionParameter", $"The simulator serves Resource Graph api-version '{GraphApiVersion}'.").ConfigureAwait(false);
                return;
            }

            JsonObject request;
            try
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                request = JsonNode.Parse(await reader.ReadToEndAsync().ConfigureAwait(false)) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException ex)
            {
                await ErrorAsync(context, entry, 400, "InvalidRequestContent", "The request body is not a query request: " + ex.Message).ConfigureAwait(false);
                return;
            }

            var (subscriptions, limitHit, scopeError) = GraphScope(request);
            if (scopeError != null)
            {
                await ErrorAsync(context, entry, 400, "BadRequest", scopeError).ConfigureAwait(false);
                return;
            }

            var query = request["query"]?.GetValue<string>() ?? string.Empty;
            var recognised = _graphQueries.Recognise(query);
            if (recognised is null)
            {
                await ErrorAsync(context, entry, 400, "BadRequest", "Please provide below info when asking for support: the simulator cannot evaluate this query (it evaluates only the module's own queries).").ConfigureAwait(false);
                return;
            }

            if (subscriptions.Any(s => Options.GraphRejectSubscriptions.Contains(s)))
            {
                await ErrorAsync(context, entry, 400, "BadRequest", "Please provide below info when asking for support: query is invalid. (Simulated rejection for this subscription.)").ConfigureAwait(false);
                return;
            }

            var options = request["options"] as JsonObject;
            var top = options?["$top"]?.GetValue<int>() ?? 100;
            var format = options?["resultFormat"]?.GetValue<string>() ?? "table";
            if (top < 1 || top > 1000 || !string.Equals(format, "objectArray", StringComparison.OrdinalIgnoreCase))
            {
                await ErrorAsync(context, entry, 400, "BadRequest", "options.$top must be 1 to 1000, and the simulator answers only resultFormat objectArray.").ConfigureAwait(false);
                return;
            }

            var skip = 0;
            var token = options?["$skipToken"]?.GetValue<string>();
            if (token != null && !TryReadSkipToken(token, out skip))
            {
                await ErrorAsync(context, entry, 400, "BadRequest", "The $skipToken is not valid.").ConfigureAwait(false);
                return;
            }

            List<Func<string>> rows;
            lock (_stateGate)
            {
                var vms = subscriptions.SelectMany(VmsIn).ToList();
                rows = recognised.Value.Name switch
                {
                    SimGraphQueries.TriageVms => _graphQueries.VmRows(vms.Select(v => v.Vm), _documents, Options.CreateBackupResourceGroups).Select(r => r.Row).ToList(),
                    SimGraphQueries.Subscriptions => SimGraphQueries.SubscriptionRows(subscriptions).ToList(),
                    // ResourceContainers, AzureBackupRG_* groups: the groups Resource Groups - List serves for each subscription.
                    SimGraphQueries.BackupResourceGroups => subscriptions
                        .SelectMany(sub => ResourceGroupList(sub)
                            .Where(g => g.Name.StartsWith("AzureBackupRG_", StringComparison.OrdinalIgnoreCase))
                            .Select(g => (Func<string>)(() => SimGraphQueries.GroupRow(_documents.ResourceGroup(g.Name, g.Location, sub), sub).ToJsonString())))
                        .ToList(),
                    // RecoveryServicesResources, unfinished jobs: the items Jobs_List serves with status eq 'InProgress' in the window.
                    SimGraphQueries.RunningBackupJobs => subscriptions
                        .SelectMany(sub => JobItems("InProgress", DateTimeOffset.UtcNow - recognised.Value.Lookback, DateTimeOffset.UtcNow, sub)
                            .Select(j => (Func<string>)(() => SimGraphQueries.RunningJobRow((JsonObject)j, sub).ToJsonString())))
                        .ToList(),
                    _ => SimGraphQueries.JobRows(vms, _documents, DateTimeOffset.UtcNow, recognised.Value.Lookback).Select(r => r.Row).ToList(),
                };
            }

            var page = rows.Skip(skip).Take(top).Select(r => r()).ToList();

            // {totalRecords, count, data, facets, resultTruncated, $skipToken}, written as text: the rows are already JSON.
            var text = new StringBuilder();
            text.Append("{\"totalRecords\":").Append(rows.Count.ToString(CultureInfo.InvariantCulture))
                .Append(",\"count\":").Append(page.Count.ToString(CultureInfo.InvariantCulture))
                .Append(",\"data\":[").AppendJoin(',', page).Append("],\"facets\":[],\"resultTruncated\":\"false\"");
            if (skip + page.Count < rows.Count)
            {
                var next = Convert.ToBase64String(Encoding.UTF8.GetBytes("sim:" + (skip + page.Count).ToString(CultureInfo.InvariantCulture)));
                text.Append(",\"$skipToken\":\"").Append(next).Append('"');
            }

            text.Append('}');
            if (limitHit)
            {
                context.Response.Headers["x-ms-tenant-subscription-limit-hit"] = "true";
            }

            entry.Status = 200;
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(text.ToString()).ConfigureAwait(false);
        }

        /// <summary>The subscriptions a request covers: the listed ones the simulator knows, a management group's, or the tenant's.</summary>
        private (List<string> Subscriptions, bool LimitHit, string? Error) GraphScope(JsonObject request)
        {
            if (request["subscriptions"] is JsonArray listed)
            {
                if (listed.Count > 1000)
                {
                    return (new List<string>(), false, "A query may name at most 1000 subscriptions.");
                }

                return (listed.Select(s => s!.GetValue<string>()).Where(s => _bySubscription.ContainsKey(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), false, null);
            }

            IEnumerable<string> all;
            if (request["managementGroups"] is JsonArray groups)
            {
                var names = groups.Select(g => g!.GetValue<string>()).ToList();
                var unknown = names.FirstOrDefault(n => !Options.ManagementGroups.ContainsKey(n));
                if (unknown != null)
                {
                    return (new List<string>(), false, $"The management group '{unknown}' was not found or the caller cannot read it.");
                }

                all = names.SelectMany(n => Options.ManagementGroups[n]).Where(s => _bySubscription.ContainsKey(s)).Distinct(StringComparer.OrdinalIgnoreCase);
            }
            else
            {
                all = _bySubscription.Keys;
            }

            var list = all.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList();
            var hit = list.Count > Options.TenantSubscriptionLimit;
            return (hit ? list.Take(Options.TenantSubscriptionLimit).ToList() : list, hit, null);
        }

        private static bool TryReadSkipToken(string token, out int skip)
        {
            skip = 0;
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                return text.StartsWith("sim:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out skip);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
