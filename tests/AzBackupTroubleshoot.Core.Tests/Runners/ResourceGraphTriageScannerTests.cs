using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Tests.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Runners
{
    public class ResourceGraphTriageScannerTests
    {
        private static SimulatorOptions Tenant(int vms, int subscriptions) => new SimulatorOptions
        {
            Vms = SimFleet.TenantFleet(vms, subscriptions),

            // ARM's bucket shape with a faster refill, so the comparison read takes seconds.
            Reads = new BucketOptions(250, 400),
        };

        private static IEnumerable<string> Subscriptions(int count) => Enumerable.Range(0, count).Select(SimFleet.TenantSubscription);

        private static async Task<(List<FleetScanItem> Items, ResourceGraphTriageSummary Summary, List<string> Warnings, List<ResourceGraphTriageProgress> Progress)> Triage(ArmClient arm, ResourceGraphScope scope, ResourceGraphTriageOptions? options = null)
        {
            var items = new List<FleetScanItem>();
            var warnings = new List<string>();
            var progress = new List<ResourceGraphTriageProgress>();
            var scanner = new ResourceGraphTriageScanner(arm, new KnowledgeBaseErrorClassifier(), options);
            var summary = await scanner.ScanAsync(scope, items.Add, progress.Add, warnings.Add, CancellationToken.None);
            return (items, summary, warnings, progress);
        }

        private static string Name(FleetScanItem item) => item.Target.Substring(item.Target.LastIndexOf('/') + 1);

        private static IEnumerable<string> Shape(FleetScanItem item) =>
            item.Results.Select(r => $"{r.CheckId}|{r.Status}|{r.Cause}|{r.Message}|{r.RepairAction}");

        [Fact]
        public async Task Every_vm_is_accounted_for_and_failing_ones_get_the_causes_of_the_full_read()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(400, 4));
            using var arm = SimulatorClients.Create(sim);

            // One instant for both reads: results quote the lookback window's start ("No failed backup job since ..."),
            // and two reads that each took the time of day would differ whenever a minute turned between them.
            var now = DateTimeOffset.UtcNow;
            var (items, summary, warnings, progress) = await Triage(arm, ResourceGraphScope.ForSubscriptions(Subscriptions(4)), new ResourceGraphTriageOptions { Clock = () => now });
            var armRequests = sim.Requests.Count(r => r.Method == "GET");
            var vms = sim.Options.Vms;
            var failing = vms.Where(v => v.FailedJobs.Count > 0).ToList();
            var failingSubscriptions = failing.Select(v => v.SubscriptionId).Distinct().Count();

            // Every VM exactly once, each with results.
            Assert.Empty(warnings);
            Assert.Equal(400, items.Count);
            Assert.All(items, i => Assert.True(i.Succeeded, $"{i.Target}: {i.ErrorMessage}"));
            Assert.Equal(sim.Options.Vms.Select(v => v.Name).OrderBy(n => n), items.Select(Name).OrderBy(n => n));

            // Outcomes as the fleet was built (per 100: 3 failing, 1 deallocated, 1 not protected).
            Assert.Equal(12, failing.Count);
            Assert.Equal(12, summary.Outcomes[ResourceGraphTriageOutcome.Failing]);
            Assert.Equal(4, summary.Outcomes[ResourceGraphTriageOutcome.NotRunning]);
            Assert.Equal(4, summary.Outcomes[ResourceGraphTriageOutcome.NotProtected]);
            Assert.Equal(380, summary.Outcomes[ResourceGraphTriageOutcome.Healthy]);
            Assert.Equal(0, summary.Outcomes[ResourceGraphTriageOutcome.Unknown]);
            Assert.Equal(12, summary.Detailed);
            // Failed jobs, restore point resource groups, unfinished jobs, VMs: one query each for the one batch.
            Assert.Equal(4, summary.GraphQueries);

            // The triaged VMs get only the checks Resource Graph answers, and say so.
            var triaged = items.Where(i => i.Results.Any(r => r.Evidence.Contains(ResourceGraphTriageScanner.TriageEvidence))).ToList();
            Assert.Equal(388, triaged.Count);
            Assert.All(triaged, i => Assert.Equal(new[] { CheckCatalog.AzurePowerState, CheckCatalog.AzureBackupJob }, i.Results.Select(r => r.CheckId)));
            var deallocated = items.Single(i => Name(i) == vms.First(v => v.PowerState == "deallocated").Name);
            Assert.Equal(CheckStatus.NotApplicable, deallocated.Results[0].Status);
            var unprotected = items.Single(i => Name(i) == vms.First(v => !v.Protected).Name);
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.NotApplicable }, unprotected.Results.Select(r => r.Status));

            // Resource Manager is read only for the failing VMs: an instance view and the newest job's details each, the
            // restore points of those whose failed jobs do not rule out a full collection (an error the knowledge base does
            // not know), and the subscription's locks once per subscription holding one. Resource Graph answered the rest
            // (the VM model's disks, the restore point collections, the AzureBackupRG_* groups, the unfinished jobs):
            // nothing is listed per subscription but the locks, and nothing is read for a VM whose backups do not fail.
            Assert.True(failingSubscriptions > 1);
            Assert.Equal(12, sim.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/instanceView", StringComparison.Ordinal)));
            var failingNames = failing.Select(v => v.Name).ToList();
            var failingSubscriptionIds = failing.Select(v => v.SubscriptionId).Distinct().ToList();
            Assert.All(
                sim.Requests.Where(r => r.Method == "GET"),
                r => Assert.True(
                    failingNames.Any(n => r.Path.Contains(n, StringComparison.Ordinal)) ||
                    (failingSubscriptionIds.Any(id => r.Path.StartsWith("/subscriptions/" + id + "/", StringComparison.OrdinalIgnoreCase)) &&
                     !r.Path.Contains("/virtualMachines/", StringComparison.OrdinalIgnoreCase)),
                    r.Path));
            var counted = failing.Where(v => v.FailedJobs.SelectMany(j => j).Any(e => new KnowledgeBaseErrorClassifier().Classify(new BackupJobError(e.Code, e.Title, e.Message, null)) is null)).ToList();
            Assert.NotEmpty(counted);
            Assert.True(counted.Count < failing.Count);
            Assert.Equal(counted.Select(v => v.Name).OrderBy(n => n), sim.Requests.Where(r => r.Path.Contains("/restorePointCollections/", StringComparison.OrdinalIgnoreCase))
                .Select(r => failing.Single(v => r.Path.Contains("AzureBackup_" + v.Name + "_", StringComparison.Ordinal)).Name).OrderBy(n => n));
            Assert.Equal((12 * 2) + counted.Count + failingSubscriptions, armRequests);
            Assert.DoesNotContain(sim.Requests, r => r.Path.EndsWith("/resourcegroups", StringComparison.OrdinalIgnoreCase) || r.Path.EndsWith("/restorePointCollections", StringComparison.OrdinalIgnoreCase)
                || r.Path.EndsWith("/backupJobs", StringComparison.OrdinalIgnoreCase) || failing.Any(v => r.Path.EndsWith("/virtualMachines/" + v.Name, StringComparison.Ordinal)));
            Assert.DoesNotContain(sim.Requests, r => r.Path.EndsWith("/instanceView", StringComparison.Ordinal) && !items.Single(i => r.Path.Contains("/" + Name(i) + "/", StringComparison.Ordinal)).Results.Any(x => x.CheckId == CheckCatalog.AzureAgentStatus));

            // Phases in order.
            Assert.Equal("Triage", progress.First().Phase);
            Assert.Equal("Detail", progress.Last().Phase);

            // The same VMs through today's per-VM read: the failing ones have exactly the same results.
            var full = new List<FleetScanItem>();
            var fleet = new FleetScanner(arm, new KnowledgeBaseErrorClassifier(), new FleetScanOptions { MaxParallelism = 8, Backup = new BackupEvidenceOptions { Clock = () => now } });
            await fleet.ScanSubscriptionsAsync(Subscriptions(4), full.Add, null, CancellationToken.None);
            var fullByName = full.ToDictionary(Name);
            var detailed = items.Where(i => !triaged.Contains(i)).ToList();
            Assert.Equal(12, detailed.Count);
            Assert.All(detailed, i => Assert.Equal(Shape(fullByName[Name(i)]), Shape(i)));
            Assert.Contains(detailed, i => i.Results.Any(r => r.CheckId == CheckCatalog.AzureAgentStatus && r.Status == CheckStatus.Failed));
            Assert.Contains(detailed, i => i.Results.Any(r => r.CheckId == CheckCatalog.AzureBackupJob && r.Message.Contains("UserErrorGuestAgentStatusUnavailable", StringComparison.Ordinal)));

            // And the triaged checks agree with the full read where both answer.
            Assert.All(triaged, i => Assert.Equal(
                fullByName[Name(i)].Results.Where(r => r.CheckId == CheckCatalog.AzurePowerState || r.CheckId == CheckCatalog.AzureBackupJob).Select(r => (r.CheckId, r.Status, r.Cause)),
                i.Results.Select(r => (r.CheckId, r.Status, r.Cause))));
        }

        [Fact]
        public async Task A_rejected_query_falls_back_to_the_per_vm_read_for_those_subscriptions_with_a_warning()
        {
            var options = Tenant(40, 4);
            options.GraphRejectSubscriptions.Add(SimFleet.TenantSubscription(3));
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var arm = SimulatorClients.Create(sim);

            var (items, summary, warnings, _) = await Triage(arm, ResourceGraphScope.ForSubscriptions(Subscriptions(4)),
                new ResourceGraphTriageOptions { Graph = new ResourceGraphOptions { SubscriptionsPerRequest = 2 } });

            Assert.Equal(40, items.Count);
            Assert.Equal(40, items.Select(Name).Distinct().Count());
            Assert.Equal(new[] { SimFleet.TenantSubscription(2), SimFleet.TenantSubscription(3) }, summary.FallbackSubscriptions);
            Assert.Equal(20, summary.Fallback!.Succeeded);
            Assert.Equal(20, summary.Vms);
            var warning = Assert.Single(warnings);
            Assert.Contains("read per VM", warning, StringComparison.Ordinal);
            Assert.Contains(SimFleet.TenantSubscription(3), warning, StringComparison.Ordinal);

            // The fallback VMs were read in full (every check), the others triaged.
            var fallbackSubs = new[] { SimFleet.TenantSubscription(2), SimFleet.TenantSubscription(3) };
            Assert.All(items.Where(i => fallbackSubs.Contains(i.Vm!.SubscriptionId)), i => Assert.Equal(AzureCheckList.Create(new KnowledgeBaseErrorClassifier()).Count, i.Results.Count));
            Assert.Contains(sim.Requests, r => r.Path == $"/subscriptions/{SimFleet.TenantSubscription(3)}/providers/Microsoft.Compute/virtualMachines");
        }

        [Fact]
        public async Task A_vm_whose_power_state_resource_graph_does_not_show_is_read_in_detail()
        {
            var options = Tenant(10, 1);
            var hidden = options.Vms.First(v => v.FailedJobs.Count == 0 && v.Protected && v.PowerState == "running");
            hidden.GraphShowsPowerState = false;
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var arm = SimulatorClients.Create(sim);

            var (items, summary, _, _) = await Triage(arm, ResourceGraphScope.ForSubscriptions(Subscriptions(1)));

            Assert.Equal(1, summary.Outcomes[ResourceGraphTriageOutcome.Unknown]);
            var vm = items.Single(i => Name(i) == hidden.Name);
            Assert.Equal(AzureCheckList.Create(new KnowledgeBaseErrorClassifier()).Count, vm.Results.Count);
            Assert.Contains(sim.Requests, r => r.Path.EndsWith($"/{hidden.Name}/instanceView", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_scope_resource_graph_cannot_read_becomes_one_error_item()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(10, 1));
            using var arm = SimulatorClients.Create(sim);

            var (items, summary, _, _) = await Triage(arm, ResourceGraphScope.ForManagementGroups(new[] { "no-such-group" }));

            var item = Assert.Single(items);
            Assert.False(item.Succeeded);
            Assert.Equal("BadRequest", item.ErrorCode);
            Assert.Equal(1, summary.Failed);
        }

        [Fact]
        public async Task A_named_subscription_without_vms_is_a_warning_not_silence()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Tenant(10, 1));
            using var arm = SimulatorClients.Create(sim);
            var unknown = SimFleet.TenantSubscription(41);

            var (items, _, warnings, _) = await Triage(arm, ResourceGraphScope.ForSubscriptions(new[] { SimFleet.TenantSubscription(0), unknown }));

            Assert.Equal(10, items.Count);
            var warning = Assert.Single(warnings);
            Assert.Contains(unknown, warning, StringComparison.Ordinal);
            Assert.DoesNotContain(SimFleet.TenantSubscription(0), warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Cancellation_stops_the_scan_between_pages()
        {
            var options = Tenant(3000, 3);
            options.Latency = TimeSpan.FromMilliseconds(20);
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var arm = SimulatorClients.Create(sim);
            using var cancel = new CancellationTokenSource();
            var items = 0;
            var scanner = new ResourceGraphTriageScanner(arm, new KnowledgeBaseErrorClassifier());

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.ScanAsync(ResourceGraphScope.ForSubscriptions(Subscriptions(3)), _ =>
            {
                if (++items == 10)
                {
                    cancel.Cancel();
                }
            }, null, null, cancel.Token));

            // Stopped within the first page of VMs: the three context queries (failed jobs, groups, unfinished jobs), that
            // page and the one asked for ahead; never the third.
            Assert.True(items < 1000, $"{items} items after cancellation");
            Assert.True(sim.Requests.Count(r => r.Path == "/providers/Microsoft.ResourceGraph/resources") <= 5);
        }
    }
}
