using System.Net.Http;
using System.Text.Json;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ResourceGraphClientTests
    {
        private static SimulatorOptions Tenant(int vms, int subscriptions, GraphQuotaOptions? quota = null) => new SimulatorOptions
        {
            Vms = SimFleet.TenantFleet(vms, subscriptions),
            GraphQuota = quota ?? new GraphQuotaOptions(),
        };

        private static ResourceGraphScope AllOf(ArmSimulatorServer sim, int subscriptions) =>
            ResourceGraphScope.ForSubscriptions(Enumerable.Range(0, subscriptions).Select(SimFleet.TenantSubscription));

        private static async Task<(List<int> Pages, List<string> Ids, ResourceGraphQueryResult Result)> Run(ResourceGraphClient graph, string query, ResourceGraphScope scope)
        {
            var pages = new List<int>();
            var ids = new List<string>();
            var result = await graph.QueryAsync(query, scope, page =>
            {
                pages.Add(page.Count);
                ids.AddRange(page.Select(r => r.GetProperty("id").GetString()!));
                return Task.CompletedTask;
            }, CancellationToken.None);
            return (pages, ids, result);
        }

        [Fact]
        public async Task Pages_arrive_one_by_one_and_every_vm_of_every_subscription_is_returned_once()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(2500, 5));
            using var arm = SimulatorClients.Create(sim);
            var graph = new ResourceGraphClient(arm);

            var (pages, ids, result) = await Run(graph, ResourceGraphQueries.TriageVms, AllOf(sim, 5));

            Assert.Equal(new[] { 1000, 1000, 500 }, pages);
            Assert.Equal(2500, result.Rows);
            Assert.Equal(3, result.Requests);
            Assert.Equal(2500, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal(sim.Options.Vms.Select(v => v.Name).OrderBy(n => n), ids.Select(i => i.Substring(i.LastIndexOf('/') + 1)).OrderBy(n => n));
            Assert.All(sim.Requests, r => Assert.Equal("POST", r.Method));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public async Task The_quota_is_honoured_before_a_429_happens()
        {
            // 3 queries per second: 9 pages need three windows.
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(900, 3, new GraphQuotaOptions { Queries = 3, Window = TimeSpan.FromSeconds(1) }));
            using var arm = SimulatorClients.Create(sim);
            var graph = new ResourceGraphClient(arm, new ResourceGraphOptions { PageSize = 100 });

            var (pages, _, result) = await Run(graph, ResourceGraphQueries.TriageVms, AllOf(sim, 3));

            Assert.Equal(9, pages.Count);
            Assert.Equal(900, result.Rows);
            Assert.DoesNotContain(sim.Requests, r => r.Status == 429);
            Assert.Equal(9, sim.Requests.Count);
            Assert.True(graph.QuotaWaited > TimeSpan.Zero, "the client should have waited for the quota to reset");
        }

        [Fact]
        public async Task The_simulator_answers_429_to_a_client_that_ignores_the_quota()
        {
            // The contrast to the test above: the same quota, queries sent without looking at the headers.
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(10, 1, new GraphQuotaOptions { Queries = 3, Window = TimeSpan.FromSeconds(30) }));
            using var http = new HttpClient();
            var statuses = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sim.Options.Token);
                var body = JsonSerializer.Serialize(new { query = ResourceGraphQueries.TriageVms, options = new Dictionary<string, object> { ["resultFormat"] = "objectArray", ["$top"] = 10 } });
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(request);
                statuses.Add((int)response.StatusCode);
                Assert.True(response.Headers.Contains("x-ms-user-quota-remaining"));
                Assert.Matches(@"^\d\d:\d\d:\d\d$", response.Headers.GetValues("x-ms-user-quota-resets-after").Single());
            }

            Assert.Equal(new[] { 200, 200, 200, 429, 429 }, statuses);
        }

        [Fact]
        public async Task Management_group_and_tenant_scope_and_the_subscription_limit_warning()
        {
            var options = Tenant(30, 3);
            options.ManagementGroups["mg-prod"] = new List<string> { SimFleet.TenantSubscription(0), SimFleet.TenantSubscription(1) };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var arm = SimulatorClients.Create(sim);
            var graph = new ResourceGraphClient(arm);

            var (_, group, groupResult) = await Run(graph, ResourceGraphQueries.TriageVms, ResourceGraphScope.ForManagementGroups(new[] { "/providers/Microsoft.Management/managementGroups/mg-prod" }));
            var (_, tenant, tenantResult) = await Run(graph, ResourceGraphQueries.TriageVms, ResourceGraphScope.Tenant);

            Assert.Equal(20, group.Count);
            Assert.All(group, id => Assert.DoesNotContain(SimFleet.TenantSubscription(2), id, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(30, tenant.Count);
            Assert.False(groupResult.SubscriptionLimitHit);
            Assert.False(tenantResult.SubscriptionLimitHit);

            // The simulator's default subscription (no VMs) sorts first, so a limit of 3 leaves two of the fleet's three.
            Assert.Equal(new[] { SimFleet.TenantSubscription(0), SimFleet.TenantSubscription(1) }, await graph.SubscriptionsAsync(ResourceGraphScope.ForManagementGroups(new[] { "mg-prod" }), CancellationToken.None));
            sim.Options.TenantSubscriptionLimit = 3;
            var (_, limited, limitedResult) = await Run(graph, ResourceGraphQueries.TriageVms, ResourceGraphScope.Tenant);
            Assert.Equal(20, limited.Count);
            Assert.True(limitedResult.SubscriptionLimitHit);
            Assert.Contains(limitedResult.Warnings, w => w.Contains(ResourceGraphClient.SubscriptionLimitHeader, StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_query_the_simulator_cannot_evaluate_is_an_error_not_an_empty_answer()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(10, 1));
            using var arm = SimulatorClients.Create(sim);
            var graph = new ResourceGraphClient(arm);

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => Run(graph, "Resources | project id", AllOf(sim, 1)));

            Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.Equal("BadRequest", ex.ErrorCode);
        }

        [Fact]
        public async Task The_jobs_query_returns_the_failed_jobs_of_the_window_newest_first()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(200, 2));
            using var arm = SimulatorClients.Create(sim);
            var graph = new ResourceGraphClient(arm);
            var starts = new List<DateTimeOffset>();

            var week = await graph.QueryAsync(ResourceGraphQueries.FailedBackupJobs(TimeSpan.FromDays(7)), AllOf(sim, 2), page =>
            {
                starts.AddRange(page.Select(r => DateTimeOffset.Parse(r.GetProperty("startTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
                return Task.CompletedTask;
            }, CancellationToken.None);
            var hours = await graph.QueryAsync(ResourceGraphQueries.FailedBackupJobs(TimeSpan.FromHours(3)), AllOf(sim, 2), _ => Task.CompletedTask, CancellationToken.None);

            // 6 failing VMs (3 %), two jobs each, 1 h and 7 h ago.
            Assert.Equal(6, sim.Options.Vms.Count(v => v.FailedJobs.Count > 0));
            Assert.Equal(12, week.Rows);
            Assert.Equal(starts.OrderByDescending(s => s), starts);
            Assert.Equal(6, hours.Rows);
        }

        [Fact]
        public void Scopes_are_validated_and_split_at_the_documented_limit()
        {
            var ids = Enumerable.Range(0, 2500).Select(SimFleet.TenantSubscription).ToList();
            var batches = ResourceGraphScope.ForSubscriptions(ids.Concat(ids.Take(3).Select(i => i.ToUpperInvariant()))).Batches().ToList();

            Assert.Equal(new[] { 1000, 1000, 500 }, batches.Select(b => b.Names.Count));
            Assert.Equal(ids, batches.SelectMany(b => b.Names));
            Assert.Throws<ArgumentException>(() => ResourceGraphScope.ForSubscriptions(new[] { "not-a-guid" }));
            Assert.Throws<ArgumentException>(() => ResourceGraphScope.ForSubscriptions(Array.Empty<string>()));
            Assert.Throws<ArgumentException>(() => ResourceGraphScope.ForManagementGroups(new[] { "mg/../x" }));
            Assert.Equal("mg-1", ResourceGraphScope.ForManagementGroups(new[] { "/providers/Microsoft.Management/managementGroups/mg-1" }).Names.Single());
            Assert.Single(ResourceGraphScope.Tenant.Batches());
        }

        [Fact]
        public void Queries_are_embedded_sent_without_comments_and_take_the_lookback()
        {
            var vms = ResourceGraphQueries.TriageVms;
            var jobs = ResourceGraphQueries.FailedBackupJobs(TimeSpan.FromDays(3));

            Assert.StartsWith("Resources", vms, StringComparison.Ordinal);
            Assert.DoesNotContain("//", vms, StringComparison.Ordinal);
            Assert.StartsWith("let lookback = 4320m;", jobs, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => ResourceGraphQueries.FailedBackupJobs(TimeSpan.Zero));
            Assert.Throws<InvalidOperationException>(() => ResourceGraphQueries.Load("NoSuchQuery"));
        }

        [Fact]
        public void The_reset_header_is_read_as_hh_mm_ss()
        {
            Assert.True(ResourceGraphQuota.TryParseReset("00:00:03", out var three));
            Assert.Equal(TimeSpan.FromSeconds(3), three);
            Assert.False(ResourceGraphQuota.TryParseReset("3", out _));
            Assert.False(ResourceGraphQuota.TryParseReset(null, out _));
        }
    }
}
