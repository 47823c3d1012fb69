using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Runners
{
    public class FleetScannerTests
    {
        private static readonly string[] CheckOrder =
        {
            CheckCatalog.AzurePowerState, CheckCatalog.AzureAgentStatus, CheckCatalog.AzureAgentVersion,
            CheckCatalog.AzureSnapshotExtension, CheckCatalog.AzureExtensionProvisioning, CheckCatalog.AzureBackupJob,
            CheckCatalog.AzureResourceGroupLock, CheckCatalog.AzureProvisioningState, CheckCatalog.AzureProtectionState,
            CheckCatalog.AzureBackupJobInProgress, CheckCatalog.AzurePolicyDenial, CheckCatalog.AzureRestorePointLimit,
            CheckCatalog.AzureKeyVaultAccess, CheckCatalog.AzureDiskSize,
        };

        private static SimulatorOptions Fleet(int count) => new SimulatorOptions
        {
            Vms = SimFleet.MixedFleet(count),
            PageSize = 100,

            // ARM's bucket shape with a faster refill, so 1,000 VMs take seconds, not half a minute.
            Reads = new BucketOptions(250, 400),
        };

        private const CheckStatus P = CheckStatus.Passed;
        private const CheckStatus F = CheckStatus.Failed;
        private const CheckStatus W = CheckStatus.Warning;
        private const CheckStatus NA = CheckStatus.NotApplicable;

        /// <summary>What each kind of VM must yield, check by check (written from the scenario, not from the code).</summary>
        private static CheckStatus[] Expected(SimVmKind kind) => kind switch
        {
            // The last seven: provisioning, protection, running job, policy, restore points, key vault (no VM is encrypted), disk size.
            SimVmKind.HealthyWindows => new[] { P, P, P, P, P, P, P, P, P, P, P, P, NA, P },
            SimVmKind.HealthyLinux => new[] { P, P, P, P, P, P, P, P, P, P, P, P, NA, P },
            SimVmKind.AgentNotReady => new[] { P, F, W, P, P, P, P, P, P, P, P, P, NA, P },
            SimVmKind.OldWindowsAgent => new[] { P, P, F, P, P, P, P, P, P, P, P, P, NA, P },
            SimVmKind.OldLinuxAgent => new[] { P, P, F, P, P, P, P, P, P, P, P, P, NA, P },
            SimVmKind.FailedSnapshotExtension => new[] { P, P, P, F, F, P, P, P, P, P, P, P, NA, P },
            SimVmKind.Deallocated => new[] { NA, NA, NA, NA, NA, P, P, P, P, P, P, P, NA, P },
            SimVmKind.FailedBackupJobs => new[] { P, P, P, P, P, F, P, P, P, P, P, P, NA, P },
            SimVmKind.NotProtected => new[] { P, P, P, P, P, NA, NA, P, NA, NA, NA, NA, NA, P },
            SimVmKind.FailedLinuxExtensions => new[] { P, P, P, F, F, F, P, P, P, P, P, P, NA, P },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        private static void AssertExactResults(ArmSimulatorServer sim, IReadOnlyCollection<FleetScanItem> items)
        {
            Assert.Equal(sim.Options.Vms.Count, items.Count);
            Assert.All(items, item => Assert.True(item.Succeeded, $"{item.Target}: {item.ErrorCode} {item.ErrorMessage}"));
            var byName = items.ToDictionary(i => i.Vm!.Name);
            Assert.Equal(sim.Options.Vms.Count, byName.Count);
            var knowledge = KnowledgeBase.Default;
            var agentHeading = knowledge.FindByMessage(SimFleet.KnownJobMessage)!.Heading;
            for (var i = 0; i < sim.Options.Vms.Count; i++)
            {
                var vm = sim.Options.Vms[i];
                var kind = SimFleet.KindOf(i);
                var item = byName[vm.Name];
                Assert.Equal(CheckOrder, item.Results.Select(r => r.CheckId));
                var statuses = item.Results.Select(r => r.Status).ToArray();
                Assert.True(Expected(kind).SequenceEqual(statuses), $"{vm.Name} ({kind}): expected {string.Join(",", Expected(kind))}, got {string.Join(",", statuses)}");
                Assert.All(item.Results, r => Assert.EndsWith("/virtualMachines/" + vm.Name, r.Target, StringComparison.Ordinal));

                var job = item.Results[5];
                if (kind == SimVmKind.FailedBackupJobs)
                {
                    Assert.Contains("UserErrorGuestAgentStatusUnavailable", job.Message, StringComparison.Ordinal);
                    Assert.Equal(knowledge.CausesOf(agentHeading, "Message")[0].Cause, job.Cause);
                    Assert.Equal(2, item.Facts!.Backup!.FailedJobs.Count);
                    Assert.Equal(400038, item.Facts.Backup.FailedJobs[0].Errors[0].ErrorCode);
                }

                if (kind == SimVmKind.FailedLinuxExtensions)
                {
                    Assert.Contains(SimFleet.UnknownJobMessage, job.Message, StringComparison.Ordinal);
                    Assert.Equal(Cause.Unclassified, job.Cause);
                    Assert.Equal(RepairAction.None, item.Results[4].RepairAction);
                }

                if (kind == SimVmKind.FailedSnapshotExtension)
                {
                    Assert.Equal(RepairAction.UninstallSnapshotExtension, item.Results[3].RepairAction);
                    Assert.Equal(RepairAction.UninstallSnapshotExtension, item.Results[4].RepairAction);
                }
            }
        }

        private static async Task<(List<FleetScanItem> Items, List<FleetScanProgress> Progress, FleetScanSummary Summary)> Scan(ArmSimulatorServer sim, ArmClient client, FleetScanOptions? options = null)
        {
            var items = new List<FleetScanItem>();
            var progress = new List<FleetScanProgress>();
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier(), options);
            var summary = await scanner.ScanSubscriptionsAsync(new[] { sim.Options.SubscriptionId }, items.Add, progress.Add, CancellationToken.None);
            return (items, progress, summary);
        }

        [Fact]
        public async Task AThousandVmMixedFleetGivesExactlyTheExpectedResults()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(1000));
            using var client = SimulatorClients.Create(sim);
            var (items, progress, summary) = await Scan(sim, client);

            AssertExactResults(sim, items);
            Assert.Equal(1000, summary.Listed);
            Assert.Equal(1000, summary.Succeeded);
            Assert.Equal(0, summary.Failed);
            Assert.Equal(1000, progress[^1].Completed);
            Assert.True(progress[^1].ListingComplete);

            // One instance view per VM, ten list pages, the vault's handful and two lists for the restore point locks
            // (resource groups, the subscription's locks, which hold the groups' locks): no request repeated.
            var requests = sim.Requests;
            Assert.Equal(1000, requests.Count(r => r.Path.EndsWith("/instanceView", StringComparison.Ordinal)));
            Assert.Equal(10, requests.Count(r => r.Path.EndsWith("/Microsoft.Compute/virtualMachines", StringComparison.Ordinal)));
            Assert.Equal(1, requests.Count(r => r.Path.EndsWith("/Microsoft.RecoveryServices/vaults", StringComparison.Ordinal)));
            Assert.Equal(1, requests.Count(r => r.Path.EndsWith("/resourcegroups", StringComparison.Ordinal)));
            Assert.Equal(1, requests.Count(r => r.Path.EndsWith("/Microsoft.Authorization/locks", StringComparison.Ordinal)));

            // The backup conditions: one restore point collection list, one in-progress job list for the vault, and one
            // expanded GET per collection of a protected VM whose failed job does not rule out a full collection: kind 9's
            // error is unknown to the knowledge base (100 of 1,000 VMs); kind 7's jobs name UserErrorGuestAgentStatusUnavailable,
            // another cause, so its restore points are not counted.
            Assert.Equal(1, requests.Count(r => r.Path.EndsWith("/Microsoft.Compute/restorePointCollections", StringComparison.Ordinal)));
            var counted = requests.Where(r => r.Path.Contains("/restorePointCollections/", StringComparison.Ordinal)).ToList();
            Assert.Equal(100, counted.Count);
            Assert.All(counted, r => Assert.Equal(SimVmKind.FailedLinuxExtensions, SimFleet.KindOf(int.Parse(r.Path.Split("AzureBackup_vm")[1].Split('_')[0], CultureInfo.InvariantCulture))));
            Assert.Equal(2, requests.Count(r => r.Path.EndsWith("/backupJobs", StringComparison.Ordinal)));
            Assert.All(requests, r => Assert.Equal(200, r.Status));
            Assert.Equal(requests.Count, requests.Select(r => r.Key).Distinct().Count());
        }

        [Fact]
        public async Task WithFaultsOnTenPercentOfRequestsEveryVmIsAccountedForAndNoRetryIsEarly()
        {
            var options = Fleet(1000);
            options.Faults = new FaultOptions { ThrottleRate = 0.05, ServerErrorRate = 0.05, ThrottleRetryAfterSeconds = 1, Seed = 2024 };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var (items, _, summary) = await Scan(sim, client);

            var requests = sim.Requests;
            var faults = requests.Count(r => r.Fault is "Throttle" or "ServerError");
            Assert.InRange(faults, (int)(requests.Count * 0.07), (int)(requests.Count * 0.13));
            AssertExactResults(sim, items);
            Assert.Equal(1000, summary.Succeeded);
            Assert.Empty(RequestLogChecks.EarlyRetries(requests));
            Assert.Contains(requests, r => r.Status == 429);
            Assert.Contains(requests, r => r.Status >= 500);
        }

        [Fact]
        public async Task DroppedConnectionsAndHttpDateRetryAfterAreSurvived()
        {
            var options = Fleet(200);
            options.Faults = new FaultOptions { ThrottleRate = 0.05, DropRate = 0.05, RetryAfterAsHttpDate = true, Seed = 99 };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var (items, _, _) = await Scan(sim, client);

            AssertExactResults(sim, items);
            Assert.Contains(sim.Requests, r => r.Fault == "Drop");
            Assert.Empty(RequestLogChecks.EarlyRetries(sim.Requests));
        }

        [Fact]
        public async Task AVmThatKeepsFailingIsAnErrorItemAndTheScanGoesOn()
        {
            var options = Fleet(30);
            var broken = options.Vms[3];
            options.Faults = new FaultOptions { ServerErrorRate = 1.0, Applies = (method, path) => path.EndsWith("/" + broken.Name + "/instanceView", StringComparison.Ordinal) };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var clientOptions = SimulatorClients.Options(sim);
            clientOptions.MaxRetries = 2;
            using var client = new ArmClient(clientOptions, new FixedTokenProvider(sim.Options.Token));
            var (items, _, summary) = await Scan(sim, client);

            Assert.Equal(30, items.Count);
            var failed = Assert.Single(items, i => !i.Succeeded);
            Assert.Equal(broken.Name, failed.Vm!.Name);
            Assert.EndsWith("/virtualMachines/" + broken.Name, failed.Target, StringComparison.Ordinal);
            Assert.Equal("InternalServerError", failed.ErrorCode);
            Assert.Contains("3 attempts", failed.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal(29, summary.Succeeded);
            Assert.Equal(1, summary.Failed);
            Assert.Equal(3, sim.Requests.Count(r => r.Path.EndsWith("/" + broken.Name + "/instanceView", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task ResultsStreamWhileTheListingIsStillRunning()
        {
            var options = Fleet(60);
            options.PageSize = 10;
            options.Latency = TimeSpan.FromMilliseconds(30);
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var listingDoneAtFirstItem = (bool?)null;
            var lastProgress = (FleetScanProgress?)null;
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier(), new FleetScanOptions { MaxParallelism = 4 });
            await scanner.ScanSubscriptionsAsync(new[] { sim.Options.SubscriptionId }, item => listingDoneAtFirstItem ??= lastProgress?.ListingComplete ?? false, p => lastProgress = p, CancellationToken.None);

            Assert.False(listingDoneAtFirstItem);
        }

        [Fact]
        public async Task ParallelismIsBounded()
        {
            var options = Fleet(64);
            options.Latency = TimeSpan.FromMilliseconds(100);
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            await Scan(sim, client, new FleetScanOptions { MaxParallelism = 4, IncludeBackupEvidence = false });

            var views = sim.Requests.Where(r => r.Path.EndsWith("/instanceView", StringComparison.Ordinal)).ToList();
            var most = views.Max(v => views.Count(o => o.ArrivedAt <= v.ArrivedAt && o.RespondedAt > v.ArrivedAt));
            Assert.InRange(most, 2, 4);
        }

        [Fact]
        public async Task CancellationStopsTheScanPromptly()
        {
            var options = Fleet(500);
            options.Latency = TimeSpan.FromMilliseconds(50);
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            using var cts = new CancellationTokenSource();
            var count = 0;
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.ScanSubscriptionsAsync(new[] { sim.Options.SubscriptionId }, _ =>
            {
                if (++count == 5)
                {
                    cts.Cancel();
                }
            }, null, cts.Token));

            // What shows the scan stopped is the requests: the 500-VM scan had only begun, and at most the requests already
            // in flight (the parallelism) follow the cancellation. No clock budget: load would make it flaky.
            Assert.True(sim.Requests.Count < 500, $"{sim.Requests.Count} requests were sent before the scan ended");
            var sent = sim.Requests.Count;
            await Task.Delay(300);
            Assert.InRange(sim.Requests.Count - sent, 0, 16);
        }

        [Fact]
        public async Task NamedVmsAreReadWithTheirOsTypeAndMissingOnesAreErrors()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(5));
            using var client = SimulatorClients.Create(sim);
            var items = new List<FleetScanItem>();
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier());
            var sub = sim.Options.SubscriptionId;
            var oldLinux = sim.Options.Vms[4];
            var summary = await scanner.ScanVmsAsync(new[]
            {
                AzureVm.FromName(sub, oldLinux.ResourceGroup, oldLinux.Name),
                AzureVm.FromName(sub, "rg-fleet-0", "nosuchvm"),
            }, items.Add, null, CancellationToken.None);

            Assert.Equal(2, summary.Listed);
            var found = Assert.Single(items, i => i.Succeeded);
            Assert.Equal(AzureOsType.Linux, found.Facts!.Vm.OsType);
            Assert.Equal(CheckStatus.Failed, found.Results.Single(r => r.CheckId == CheckCatalog.AzureAgentVersion).Status);
            var missing = Assert.Single(items, i => !i.Succeeded);
            Assert.Equal("ResourceNotFound", missing.ErrorCode);
            Assert.EndsWith("/nosuchvm", missing.Target, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnUnreadableSubscriptionIsReportedAndOthersAreScanned()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(Fleet(10));
            using var client = SimulatorClients.Create(sim);
            var items = new List<FleetScanItem>();
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier());
            var summary = await scanner.ScanSubscriptionsAsync(new[] { "11111111-2222-3333-4444-555555555555", sim.Options.SubscriptionId }, items.Add, null, CancellationToken.None);

            Assert.Equal(1, summary.ListingErrors);
            Assert.Equal(10, summary.Succeeded);
            var listing = Assert.Single(items, i => i.Vm is null);
            Assert.Equal("SubscriptionNotFound", listing.ErrorCode);
            Assert.Equal("/subscriptions/11111111-2222-3333-4444-555555555555", listing.Target);
        }

        [Fact]
        public async Task UnreadableBackupEvidenceIsAnErrorResultNotAFailedScan()
        {
            var options = Fleet(10);
            options.Faults = new FaultOptions { ServerErrorRate = 1.0, Applies = (method, path) => path.EndsWith("/backupProtectedItems", StringComparison.Ordinal) };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var clientOptions = SimulatorClients.Options(sim);
            clientOptions.MaxRetries = 1;
            using var client = new ArmClient(clientOptions, new FixedTokenProvider(sim.Options.Token));
            var (items, _, summary) = await Scan(sim, client);

            Assert.Equal(10, summary.Succeeded);
            Assert.All(items, i => Assert.Equal(CheckStatus.Error, i.Results.Single(r => r.CheckId == CheckCatalog.AzureBackupJob).Status));
        }
    }
}
