using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>
    /// Tenant-scale scan: Resource Graph first, Resource Manager only where backups fail. Per scope batch it reads the
    /// failed backup jobs of the window (FailedBackupJobs.kql), the AzureBackupRG_* groups (BackupResourceGroups.kql) and
    /// the unfinished backup jobs (RunningBackupJobs.kql), then every VM with its backup item, disks and restore point
    /// collections (TriageVms.kql), page by page. Each VM is accounted for from those rows alone
    /// (<see cref="ResourceGraphTriageOutcome"/>): healthy, not protected and not running VMs get the checks Resource Graph
    /// can answer (Azure.PowerState, Azure.BackupJob) at once; failing VMs and VMs whose power state Resource Graph does not
    /// show are read in detail (instance view, the newest failed job's details when the row lacks them, the subscription's
    /// locks, key vaults, restore points where a full collection can be the cause) and get every Azure check, while later
    /// pages are still being read: what the batch's rows already hold is handed to the detail readers
    /// (<see cref="RestorePointLockReader.UseBackupGroups"/>, <see cref="BackupConditionReader.UseRunningJobs"/>,
    /// <see cref="BackupConditionReader.UseCollections"/>), so no subscription is listed but for its locks. Where Resource
    /// Graph rejects a query (400) for a subscription batch, those subscriptions are read per VM by
    /// <see cref="FleetScanner"/>, with a warning. Items, progress and warnings are delivered one at a time (never
    /// concurrently).
    /// </summary>
    public sealed class ResourceGraphTriageScanner
    {
        /// <summary>The evidence line every result of a VM that was not read in detail carries.</summary>
        public const string TriageEvidence = "source: Azure Resource Graph triage (instance view not read: backups do not fail)";

        private readonly ArmClient _arm;
        private readonly ResourceGraphClient _graph;
        private readonly IBackupErrorClassifier _classifier;
        private readonly ResourceGraphTriageOptions _options;
        private readonly CheckSet<AzureVmFacts> _checks;
        private readonly IReadOnlyList<HealthCheck<AzureVmFacts>> _graphChecks;
        private readonly CheckEngine _engine;
        private readonly FleetScanner _reader;

        /// <summary>Creates a scanner.</summary>
        public ResourceGraphTriageScanner(ArmClient arm, IBackupErrorClassifier classifier, ResourceGraphTriageOptions? options = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
            _options = options ?? new ResourceGraphTriageOptions();
            if (_options.MaxParallelism < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxParallelism must be at least 1.");
            }

            _graph = new ResourceGraphClient(arm, _options.Graph);
            _checks = AzureCheckList.Create(classifier);
            _graphChecks = _checks.Where(c => c.Id == CheckCatalog.AzurePowerState || c.Id == CheckCatalog.AzureBackupJob).ToList();
            _engine = new CheckEngine(new CheckEngineOptions { EvaluateInline = true });
            _reader = new FleetScanner(arm, classifier, new FleetScanOptions { MaxParallelism = _options.MaxParallelism, IncludeBackupEvidence = false });
        }

        /// <summary>The Resource Graph client (its request and quota counters).</summary>
        public ResourceGraphClient Graph => _graph;

        internal ResourceGraphTriageOptions Options => _options;

        internal ArmClient Arm => _arm;

        internal IBackupErrorClassifier Classifier => _classifier;

        /// <summary>Scans every VM of the scope.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<ResourceGraphTriageSummary> ScanAsync(ResourceGraphScope scope, Action<FleetScanItem> onItem, Action<ResourceGraphTriageProgress>? onProgress, Action<string>? onWarning, CancellationToken cancellationToken)
        {
            if (scope is null)
            {
                throw new ArgumentNullException(nameof(scope));
            }

            var run = new ResourceGraphTriageRun(this, onItem, onProgress, onWarning, cancellationToken);
            var fallback = new List<string>();
            var since = _options.Clock() - _options.Lookback;
            var jobsQuery = ResourceGraphQueries.FailedBackupJobs(_options.Lookback);
            var vmQuery = ResourceGraphQueries.TriageVms;
            var groupsQuery = ResourceGraphQueries.BackupResourceGroups;
            var runningQuery = ResourceGraphQueries.RunningBackupJobs(BackupConditionReader.DefaultRunningJobLookback);
            run.PageRead();
            foreach (var batch in scope.Batches(_options.Graph.SubscriptionsPerRequest))
            {
                var emittedBefore = run.Triaged;
                try
                {
                    var jobs = new TriageJobIndex(_options.MaxFailedJobs);
                    var result = await _graph.QueryAsync(jobsQuery, batch, page =>
                    {
                        foreach (var row in page)
                        {
                            jobs.Add(row);
                        }

                        return Task.CompletedTask;
                    }, cancellationToken).ConfigureAwait(false);
                    run.Warn(result.Warnings);

                    // The detail reads' shared context, listed once for the batch rather than once per subscription.
                    var groups = new List<JsonElement>();
                    var running = new List<JsonElement>();
                    result = await _graph.QueryAsync(groupsQuery, batch, page => Keep(page, groups), cancellationToken).ConfigureAwait(false);
                    run.Warn(result.Warnings);
                    result = await _graph.QueryAsync(runningQuery, batch, page => Keep(page, running), cancellationToken).ConfigureAwait(false);
                    run.Warn(result.Warnings);
                    run.UseContext(batch.Kind == ResourceGraphScopeKind.Subscriptions ? batch.Names : null, groups, running);

                    result = await _graph.QueryAsync(vmQuery, batch, async page =>
                    {
                        foreach (var row in page)
                        {
                            await run.TriageAsync(row, jobs, since).ConfigureAwait(false);
                        }

                        run.PageRead();
                    }, cancellationToken).ConfigureAwait(false);
                    run.Warn(result.Warnings);
                }
                catch (ArmRequestException ex) when ((int?)ex.StatusCode == 400 && batch.Kind == ResourceGraphScopeKind.Subscriptions && run.Triaged == emittedBefore)
                {
                    fallback.AddRange(batch.Names);
                    run.Warn(new[] { $"Resource Graph rejected the triage query for {batch} ({ex.ErrorCode}: {ex.Message}); these subscriptions are read per VM through Resource Manager instead." });
                }
                catch (ArmRequestException ex)
                {
                    run.ScopeFailed(batch, ex);
                }
            }

            if (scope.Kind == ResourceGraphScopeKind.Subscriptions)
            {
                // Resource Graph leaves out what the identity cannot read, without an error: say so rather than report nothing.
                var empty = run.SubscriptionsWithoutVms(scope.Names.Except(fallback, StringComparer.OrdinalIgnoreCase)).ToList();
                if (empty.Count > 0)
                {
                    run.Warn(new[] { $"Resource Graph returned no VM for subscription(s) {string.Join(", ", empty)}: they have none, or the identity cannot read them (Reader)." });
                }
            }

            await run.FinishTriageAsync().ConfigureAwait(false);
            FleetScanSummary? fallbackSummary = null;
            if (fallback.Count > 0)
            {
                var scanner = new FleetScanner(_arm, _classifier, _options.Fallback);
                fallbackSummary = await scanner.ScanSubscriptionsAsync(fallback, run.DeliverFallback, run.FallbackProgress, cancellationToken).ConfigureAwait(false);
            }

            return run.Summary(_graph.RequestsSent, fallback, fallbackSummary);
        }

        private static Task Keep(IEnumerable<JsonElement> page, List<JsonElement> into)
        {
            into.AddRange(page.Select(r => r.Clone()));
            return Task.CompletedTask;
        }

        /// <summary>Decides a VM's outcome from its Resource Graph row and its failed jobs.</summary>
        internal static ResourceGraphTriageOutcome Classify(TriageVmRow row, int failedJobs)
        {
            var item = row.Item;
            var failing = item != null && (failedJobs > 0
                || string.Equals(item.LastBackupStatus, "Failed", StringComparison.OrdinalIgnoreCase)
                || string.Equals(item.ProtectionState, "ProtectionError", StringComparison.OrdinalIgnoreCase)
                || string.Equals(item.HealthStatus, "ActionRequired", StringComparison.OrdinalIgnoreCase));
            if (failing)
            {
                return ResourceGraphTriageOutcome.Failing;
            }

            if (row.PowerState is null)
            {
                return ResourceGraphTriageOutcome.Unknown;
            }

            var facts = new AzureVmFacts(row.Vm, row.PowerState, null, null, null, Array.Empty<AzureExtensionView>());
            if (facts.IsNotRunning)
            {
                return ResourceGraphTriageOutcome.NotRunning;
            }

            return item is null ? ResourceGraphTriageOutcome.NotProtected : ResourceGraphTriageOutcome.Healthy;
        }

        /// <summary>The checks Resource Graph answers, on the row alone; every result says where it came from.</summary>
        internal async Task<IReadOnlyList<HealthCheckResult>> CheckFromGraphAsync(TriageVmRow row, BackupEvidence evidence, CancellationToken cancellationToken)
        {
            // Pure functions of the row, evaluated in line by the engine (EvaluateInline): no thread per check and VM.
            var facts = new AzureVmFacts(row.Vm, row.PowerState, row.ProvisioningState, null, null, Array.Empty<AzureExtensionView>(), evidence);
            var found = await _engine.RunAsync(facts, _graphChecks, new CheckContext(CheckTarget.For(row.Vm)), cancellationToken).ConfigureAwait(false);
            return found.Select(r => new HealthCheckResult(r.TypedTarget, r.CheckId, r.Cause, r.Status, r.Message,
                r.Evidence.Concat(new[] { TriageEvidence }).ToList(), r.Remediation, r.RepairAction, r.Region)).ToList();
        }

        /// <summary>The full read of one VM: instance view by Resource Manager, backup evidence from the rows (job details by Resource Manager when missing), locks, backup conditions, every check.</summary>
        internal async Task<FleetScanItem> DetailAsync(TriageVmRow row, IReadOnlyList<(BackupJobFailure Failure, bool HasDetails)> jobs, DateTimeOffset since, RestorePointLockReader locks, BackupConditionReader conditions, CancellationToken cancellationToken)
        {
            try
            {
                // The three reads are independent: side by side, as the per-VM read does with evidence and locks.
                var factsRead = _reader.ReadFactsAsync(row.Vm, cancellationToken);
                var newest = jobs.Take(Math.Max(1, _options.MaxFailedJobsPerVm)).ToList();
                var detailsRead = newest.Count > 0 && !newest[0].HasDetails ? JobDetailsAsync(newest[0].Failure, cancellationToken) : null;
                var locksRead = row.Item != null ? LocksAsync(row.Vm, locks, cancellationToken) : null;

                var facts = await factsRead.ConfigureAwait(false);
                var failures = newest.Select(j => j.Failure).ToList();
                if (detailsRead != null)
                {
                    failures[0] = await detailsRead.ConfigureAwait(false);
                }

                facts = facts.WithBackup(Evidence(row, failures, since), null);
                if (locksRead != null)
                {
                    var (evidence, error) = await locksRead.ConfigureAwait(false);
                    facts = facts.WithRestorePointLocks(evidence, error);
                }

                // Running jobs, restore point collections, key vaults and disks, as the per-VM read gives them (the reader
                // caches the reads VMs share), so a VM read in detail gets the same results either way.
                facts = facts.WithConditions(await conditions.ReadAsync(facts, cancellationToken).ConfigureAwait(false));

                var results = await _checks.RunAsync(facts, new CheckContext(CheckTarget.For(facts.Vm)), _engine, cancellationToken).ConfigureAwait(false);
                return new FleetScanItem(facts.Vm, facts, results);
            }
            catch (ArmRequestException ex)
            {
                return new FleetScanItem(row.Vm.Id, row.Vm, ex.ErrorCode, ex.Message, ex);
            }
            catch (FormatException ex)
            {
                return new FleetScanItem(row.Vm.Id, row.Vm, "InvalidResponse", ex.Message, ex);
            }
        }

        /// <summary>The backup evidence a row and its jobs give.</summary>
        internal static BackupEvidence Evidence(TriageVmRow row, IReadOnlyList<BackupJobFailure> failures, DateTimeOffset since) =>
            new BackupEvidence(
                row.VaultId != null ? new[] { row.VaultId } : new[] { "Azure Resource Graph: every Recovery Services vault of the scope" },
                row.VaultId,
                row.Item,
                failures,
                since);

        private static async Task<(RestorePointLockEvidence? Evidence, string? Error)> LocksAsync(AzureVm vm, RestorePointLockReader locks, CancellationToken cancellationToken)
        {
            try
            {
                return (await locks.ReadAsync(vm, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is ArmRequestException || ex is FormatException)
            {
                return (null, ex.Message);
            }
        }

        private async Task<BackupJobFailure> JobDetailsAsync(BackupJobFailure failure, CancellationToken cancellationToken)
        {
            try
            {
                var details = await _arm.GetAsync(failure.JobId, null, cancellationToken).ConfigureAwait(false);
                var properties = JsonText.Property(details, "properties");
                return properties.HasValue ? BackupEvidenceReader.ParseJob(failure.JobId, properties.Value, null) : failure;
            }
            catch (ArmRequestException ex)
            {
                return new BackupJobFailure(failure.JobId, failure.Operation, failure.Status, failure.StartTime, failure.Errors, "The job details could not be read: " + ex.Message);
            }
        }
    }
}
