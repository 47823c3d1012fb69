using System.Net.Http;
using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>Settings of a <see cref="ResourceGraphClient"/>.</summary>
    public sealed class ResourceGraphOptions
    {
        /// <summary>Rows per page (<c>options.$top</c>); the service's maximum is 1,000.</summary>
        public int PageSize { get; set; } = 1000;

        /// <summary>Pages read per query and scope batch before the query is stopped with an error (a bounded loop).</summary>
        public int MaxPages { get; set; } = 1000;

        /// <summary>Subscriptions or management groups per request; at most the documented 1,000 (<see cref="ResourceGraphScope.MaxSubscriptionsPerRequest"/>).</summary>
        public int SubscriptionsPerRequest { get; set; } = ResourceGraphScope.MaxSubscriptionsPerRequest;

        /// <summary>The longest wait for the quota to reset that a query accepts.</summary>
        public TimeSpan MaxQuotaWait { get; set; } = TimeSpan.FromMinutes(1);
    }

    /// <summary>What one query returned besides its rows.</summary>
    public sealed class ResourceGraphQueryResult
    {
        internal ResourceGraphQueryResult(long rows, int requests, IReadOnlyList<string> warnings, bool subscriptionLimitHit)
        {
            Rows = rows;
            Requests = requests;
            Warnings = warnings;
            SubscriptionLimitHit = subscriptionLimitHit;
        }

        /// <summary>Rows handed over.</summary>
        public long Rows { get; }

        /// <summary>Requests sent (one per page and scope batch).</summary>
        public int Requests { get; }

        /// <summary>What the caller should be told: a truncated result, the tenant subscription limit.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>True when the service said the scope had more subscriptions than it queries (<c>x-ms-tenant-subscription-limit-hit</c>).</summary>
        public bool SubscriptionLimitHit { get; }
    }

    /// <summary>
    /// Azure Resource Graph through the module's <see cref="ArmClient"/> (same endpoint, token, retries, throttling and
    /// loopback-only plain http): <c>POST /providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01</c> with
    /// <c>{subscriptions | managementGroups, query, options: {$top, $skipToken, resultFormat: objectArray}}</c>, the
    /// answer <c>{totalRecords, count, data, $skipToken, resultTruncated}</c> (Resources - Resources, REST reference,
    /// https://learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources). Subscriptions go in
    /// batches of <see cref="ResourceGraphScope.MaxSubscriptionsPerRequest"/>; pages are handed over one at a time as they
    /// arrive; the per-user quota is honoured before a 429 happens (<see cref="ResourceGraphQuota"/>). One instance
    /// shares one quota across parallel queries.
    /// </summary>
    public sealed class ResourceGraphClient
    {
        /// <summary>The header the service sets when the scope has more subscriptions than it queries.</summary>
        public const string SubscriptionLimitHeader = "x-ms-tenant-subscription-limit-hit";

        private readonly ArmClient _arm;
        private readonly ResourceGraphOptions _options;
        private readonly ResourceGraphQuota _quota;
        private readonly Uri _uri;
        private int _requests;

        /// <summary>Creates a client on an ARM client.</summary>
        public ResourceGraphClient(ArmClient arm, ResourceGraphOptions? options = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _options = options ?? new ResourceGraphOptions();
            if (_options.PageSize < 1 || _options.PageSize > 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "PageSize must be 1 to 1000.");
            }

            if (_options.MaxPages < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxPages must be at least 1.");
            }

            _quota = new ResourceGraphQuota(_options.MaxQuotaWait);
            _uri = new Uri(arm.Endpoint, "providers/Microsoft.ResourceGraph/resources?api-version=" + ArmApiVersions.ResourceGraph);
        }

        /// <summary>The settings.</summary>
        public ResourceGraphOptions Options => _options;

        /// <summary>Queries sent by this client (pages included).</summary>
        public int RequestsSent => Volatile.Read(ref _requests);

        /// <summary>Time spent waiting for the quota.</summary>
        public TimeSpan QuotaWaited => _quota.Waited;

        /// <summary>Runs a query over a scope and hands each page's rows over as it arrives.</summary>
        /// <exception cref="ArmRequestException">The service refused the query (400 for a query it cannot run), or a page failed after retries.</exception>
        public async Task<ResourceGraphQueryResult> QueryAsync(string query, ResourceGraphScope scope, Func<IReadOnlyList<JsonElement>, Task> onPage, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                throw new ArgumentException("The query is empty.", nameof(query));
            }

            if (scope is null)
            {
                throw new ArgumentNullException(nameof(scope));
            }

            if (onPage is null)
            {
                throw new ArgumentNullException(nameof(onPage));
            }

            var warnings = new List<string>();
            long rows = 0;
            var requests = 0;
            var limitHit = false;
            foreach (var batch in scope.Batches(_options.SubscriptionsPerRequest))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);

                // One page ahead: the next page is asked for before this one is handed over, so the service works while
                // the caller does; at most two pages are held at once.
                Task<ArmResponse>? pending = SendAsync(Body(query, batch, null), cancellationToken);
                for (var page = 1; pending != null; page++)
                {
                    var response = await pending.ConfigureAwait(false);
                    pending = null;
                    requests++;
                    const string Request = "POST /providers/Microsoft.ResourceGraph/resources";
                    if (!response.IsSuccess)
                    {
                        throw response.ToException(Request);
                    }

                    if (!limitHit && response.Headers.TryGetValue(SubscriptionLimitHeader, out var hit) && string.Equals(hit?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                    {
                        limitHit = true;
                        warnings.Add($"Resource Graph queried only part of {batch}: the caller can read more subscriptions than it queries at once ({SubscriptionLimitHeader}). Pass -SubscriptionId in batches to cover the rest.");
                    }

                    var body = response.Json(Request);
                    var data = JsonText.Property(body, "data");
                    if (!data.HasValue || data.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw new ArmRequestException("InvalidResponse", $"{Request} returned no data array (resultFormat objectArray was asked for).");
                    }

                    var items = new List<JsonElement>(data.Value.GetArrayLength());
                    foreach (var row in data.Value.EnumerateArray())
                    {
                        items.Add(row);
                    }

                    rows += items.Count;
                    var skipToken = JsonText.String(body, "$skipToken");
                    if (string.IsNullOrEmpty(skipToken))
                    {
                        if (string.Equals(JsonText.String(body, "resultTruncated"), "true", StringComparison.OrdinalIgnoreCase))
                        {
                            warnings.Add($"Resource Graph truncated the result over {batch} without a $skipToken; some rows are missing.");
                        }
                    }
                    else if (!seen.Add(skipToken!))
                    {
                        throw new ArmRequestException("InvalidResponse", $"{Request} returned a $skipToken already used for this query; paging stopped.");
                    }
                    else if (page >= _options.MaxPages)
                    {
                        throw new ArmRequestException("PageLimitExceeded", $"The Resource Graph query over {batch} returned more than {_options.MaxPages.ToString(CultureInfo.InvariantCulture)} pages; it was stopped there.");
                    }
                    else
                    {
                        pending = SendAsync(Body(query, batch, skipToken), cancellationToken);
                    }

                    try
                    {
                        await onPage(items).ConfigureAwait(false);
                    }
                    catch
                    {
                        // The page asked for ahead is not wanted any more: observe its end so nothing goes unobserved.
                        pending?.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        throw;
                    }
                }
            }

            return new ResourceGraphQueryResult(rows, requests, warnings, limitHit);
        }

        /// <summary>The subscription ids a scope covers (Subscriptions.kql), for a per-VM read of a management group or the tenant.</summary>
        public async Task<IReadOnlyList<string>> SubscriptionsAsync(ResourceGraphScope scope, CancellationToken cancellationToken)
        {
            var ids = new List<string>();
            await QueryAsync(ResourceGraphQueries.Subscriptions, scope, page =>
            {
                foreach (var row in page)
                {
                    var id = JsonText.String(row, "subscriptionId");
                    if (!string.IsNullOrEmpty(id))
                    {
                        ids.Add(id!);
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return ids;
        }

        private async Task<ArmResponse> SendAsync(string body, CancellationToken cancellationToken)
        {
            await _quota.EnterAsync(cancellationToken).ConfigureAwait(false);
            ArmResponse? response = null;
            try
            {
                Interlocked.Increment(ref _requests);

                // A query changes nothing, so every transient failure may be retried.
                response = await _arm.SendAsync(HttpMethod.Post, _uri, body, retryAll: true, cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                string? remaining = null, reset = null;
                response?.Headers.TryGetValue(ResourceGraphQuota.RemainingHeader, out remaining);
                response?.Headers.TryGetValue(ResourceGraphQuota.ResetsAfterHeader, out reset);
                _quota.Exit(remaining, reset);
            }
        }

        private string Body(string query, ResourceGraphScope scope, string? skipToken)
        {
            using (var stream = new System.IO.MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    if (scope.Kind != ResourceGraphScopeKind.Tenant)
                    {
                        writer.WriteStartArray(scope.Kind == ResourceGraphScopeKind.Subscriptions ? "subscriptions" : "managementGroups");
                        foreach (var name in scope.Names)
                        {
                            writer.WriteStringValue(name);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteString("query", query);
                    writer.WriteStartObject("options");
                    writer.WriteNumber("$top", _options.PageSize);
                    if (skipToken != null)
                    {
                        writer.WriteString("$skipToken", skipToken);
                    }

                    writer.WriteString("resultFormat", "objectArray");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }
}
