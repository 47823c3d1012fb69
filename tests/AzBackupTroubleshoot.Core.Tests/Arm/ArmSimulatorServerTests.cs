using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Tests.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>The simulator itself: it must keep to the official shapes and enforce what ARM enforces.</summary>
    public class ArmSimulatorServerTests
    {
        private static HttpClient Http(ArmSimulatorServer sim, string? token = null)
        {
            var http = new HttpClient { BaseAddress = sim.BaseUri };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? sim.Options.Token);
            return http;
        }

        [Fact]
        public async Task ListensOnLoopbackOnly()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions());
            Assert.Equal("127.0.0.1", sim.BaseUri.Host);
            Assert.NotEqual(0, sim.BaseUri.Port);
        }

        [Fact]
        public async Task AHealthyVmsInstanceViewKeepsTheExamplesShape()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Vms = { new SimVm("myVM") { AgentVersion = "2.7.41491.949", SnapshotExtension = SimExtensionState.None } } });
            using var http = Http(sim);
            var body = await http.GetStringAsync($"subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/myVM/instanceView?api-version=2025-04-01");
            using var served = JsonDocument.Parse(body);
            var example = InstanceViewParserTests.Example("VirtualMachine_Get_InstanceView.json");

            Assert.Equal(example.EnumerateObject().Select(p => p.Name), served.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example.GetProperty("vmAgent").GetRawText()), JsonNode.Parse(served.RootElement.GetProperty("vmAgent").GetRawText())));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example.GetProperty("statuses").GetRawText()), JsonNode.Parse(served.RootElement.GetProperty("statuses").GetRawText())));
        }

        [Fact]
        public async Task RejectsAWrongTokenAndAWrongApiVersion()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Vms = { new SimVm("vm1") } });
            var path = $"subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/vm1";
            using (var wrong = Http(sim, "nope"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(path + "?api-version=2025-04-01")).StatusCode);
            }

            using var http = Http(sim);
            var response = await http.GetAsync(path + "?api-version=2023-03-01");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("InvalidApiVersionParameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task LocksAndResourceGroupsKeepTheExamplesShapesAndVersions()
        {
            var options = new SimulatorOptions { Vms = { new SimVm("vm1") }, Locks = { new SimLock("keep", "CanNotDelete", "AzureBackupRG_westus_1") } };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var http = Http(sim);
            var sub = $"subscriptions/{sim.Options.SubscriptionId}";

            using var locks = JsonDocument.Parse(await http.GetStringAsync($"{sub}/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Authorization/locks?api-version=2020-05-01"));
            var example = ManagementLockTests.SimulatorExample("ManagementLocks_ListAtResourceGroupLevel.json").GetProperty("value")[0];
            var served = Assert.Single(locks.RootElement.GetProperty("value").EnumerateArray());
            Assert.Equal(example.EnumerateObject().Select(p => p.Name), served.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Microsoft.Authorization/locks", served.GetProperty("type").GetString());
            Assert.Equal("CanNotDelete", served.GetProperty("properties").GetProperty("level").GetString());

            using var groups = JsonDocument.Parse(await http.GetStringAsync($"{sub}/resourcegroups?api-version=2024-11-01"));
            var groupExample = ManagementLockTests.SimulatorExample("CreateResourceGroup.json");
            Assert.Equal(new[] { "rg-fleet", "rg-backup", "AzureBackupRG_westus_1" }, groups.RootElement.GetProperty("value").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
            Assert.All(groups.RootElement.GetProperty("value").EnumerateArray(), g => Assert.Equal(groupExample.EnumerateObject().Select(p => p.Name), g.EnumerateObject().Select(p => p.Name)));

            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{sub}/providers/Microsoft.Authorization/locks?api-version=2016-09-01")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{sub}/resourceGroups/nosuch/providers/Microsoft.Authorization/locks?api-version=2020-05-01")).StatusCode);
            Assert.Equal(new[] { 200, 200, 400, 404 }, sim.Requests.Select(r => r.Status));
        }

        [Fact]
        public async Task EnforcesItsReadBucketWithRetryAfter()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Vms = { new SimVm("vm1") }, Reads = new BucketOptions(3, 1) });
            using var http = Http(sim);
            var path = $"subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2025-04-01";
            var statuses = new int[5];
            HttpResponseMessage? last = null;
            for (var i = 0; i < 5; i++)
            {
                last = await http.GetAsync(path);
                statuses[i] = (int)last.StatusCode;
            }

            Assert.Equal(new[] { 200, 200, 200, 429, 429 }, statuses);
            Assert.Equal(TimeSpan.FromSeconds(1), last!.Headers.RetryAfter!.Delta);
            Assert.Equal("0", last.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single());
            Assert.Equal(5, sim.Requests.Count);
            Assert.Equal(2, sim.Requests.Count(r => r.Fault == "Bucket"));
        }

        [Fact]
        public async Task ATenantFleetListsAndServesEachSubscriptionsOwnRestorePointCollections()
        {
            // Before 2026-12-02 every subscription's ListAll answered with the whole tenant's collections, under the default
            // subscription's ids (10,000 items per subscription in the bench's fleet, 2.2 GB of heap in the triage), and a
            // collection of a VM outside the default subscription was not found.
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Vms = SimFleet.TenantFleet(60, 3) });
            using var http = Http(sim);
            var other = sim.Options.Vms.First(v => v.Protected && v.SubscriptionId != null && v.SubscriptionId != sim.Options.SubscriptionId);
            var sub = other.SubscriptionId!;
            var mine = sim.Options.Vms.Count(v => v.Protected && v.SubscriptionId == sub);

            using var list = JsonDocument.Parse(await http.GetStringAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/restorePointCollections?api-version=2025-04-01"));
            var ids = list.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(mine, ids.Count);
            Assert.All(ids, id => Assert.StartsWith($"/subscriptions/{sub}/", id, StringComparison.Ordinal));

            var one = ids.Single(id => id.EndsWith("/AzureBackup_" + other.Name + "_1", StringComparison.Ordinal));
            var answer = await http.GetAsync(one + "?api-version=2025-04-01&$expand=restorePoints");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }
}
