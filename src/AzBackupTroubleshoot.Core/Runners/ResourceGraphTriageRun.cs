using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>
    /// One triage scan's state: the outcome counters, the bounded detail queue, and the serialized hand-over of items,
    /// progress and warnings. Only the detail reads' tasks are kept (a few per cent of the fleet); triaged VMs are handed
    /// over and forgotten, so memory does not grow with the number of healthy VMs.
    /// </summary>
    internal sealed class ResourceGraphTriageRun
    {
        private readonly ResourceGraphTriageScanner _scanner;
        private readonly Action<FleetScanItem> _onItem;
        private readonly Action<ResourceGraphTriageProgress>? _onProgress;
        private readonly Action<string>? _onWarning;
        private readonly CancellationToken _cancellationToken;
        private readonly SemaphoreSlim _gate;
        private readonly object _emitGate = new object();
        private readonly List<Task> _work = new List<Task>();
        private readonly Dictionary<ResourceGraphTriageOutcome, int> _outcomes = Enum.GetValues(typeof(ResourceGraphTriageOutcome)).Cast<ResourceGraphTriageOutcome>().ToDictionary(o => o, _ => 0);
        private readonly List<string> _warnings = new List<string>();
        private readonly HashSet<string> _subscriptionsSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly RestorePointLockReader _locks;
        private readonly BackupConditionReader _conditions;
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private readonly Stopwatch _lastProgress = Stopwatch.StartNew();
        private int _triaged, _toDetail, _detailed, _failed;
        private bool _triageComplete;
        private string _phase = "Triage";

        public ResourceGraphTriageRun(ResourceGraphTriageScanner scanner, Action<FleetScanItem> onItem, Action<ResourceGraphTriageProgress>? onProgress, Action<string>? onWarning, CancellationToken cancellationToken)
        {
            _scanner = scanner;
            _onItem = onItem ?? throw new ArgumentNullException(nameof(onItem));
            _onProgress = onProgress;
            _onWarning = onWarning;
            _cancellationToken = cancellationToken;
            _gate = new SemaphoreSlim(scanner.Options.MaxParallelism);
            _locks = new RestorePointLockReader(scanner.Arm);
            _conditions = new BackupConditionReader(scanner.Arm, null, scanner.Classifier);
        }

        public int Triaged => Volatile.Read(ref _triaged);

        /// <summary>
        /// What a batch's context queries listed (AzureBackupRG_* groups, unfinished backup jobs), handed to the detail
        /// readers so that no subscription of the batch is listed again through Resource Manager.
        /// </summary>
        /// <param name="subscriptions">The batch's subscriptions; null for a management group or tenant batch (every subscription).</param>
        /// <param name="groups">BackupResourceGroups.kql rows.</param>
        /// <param name="runningJobs">RunningBackupJobs.kql rows.</param>
        public void UseContext(IReadOnlyList<string>? subscriptions, IEnumerable<JsonElement> groups, IEnumerable<JsonElement> runningJobs)
        {
            _locks.UseBackupGroups(subscriptions, groups.Select(g => (Id: TriageVmRow.Text(g, "id"), Name: TriageVmRow.Text(g, "name"), Location: TriageVmRow.Text(g, "location")))
                .Where(g => g.Id != null && g.Name != null)
                .Select(g => new BackupResourceGroup(g.Id!, g.Name!, g.Location)));
            _conditions.UseRunningJobs(subscriptions, runningJobs.Select(j => (VaultId: TriageVmRow.Text(j, "vaultId"), Job: JobListItem(j)))
                .Where(j => j.VaultId != null)
                .Select(j => (j.VaultId!, j.Job)));
        }

        /// <summary>A RunningBackupJobs.kql row in the shape of a Backup Jobs - List item ({id, properties{...}}).</summary>
        private static JsonElement JobListItem(JsonElement row)
        {
            var properties = new Dictionary<string, string?>();
            foreach (var name in new[] { "containerName", "entityFriendlyName", "operation", "status", "startTime" })
            {
                properties[name] = TriageVmRow.Text(row, name);
            }

            var item = new Dictionary<string, object?> { ["id"] = TriageVmRow.Text(row, "id"), ["properties"] = properties };
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(item));
            return document.RootElement.Clone();
        }

        public async Task TriageAsync(JsonElement element, TriageJobIndex jobs, DateTimeOffset since)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            TriageVmRow row;
            try
            {
                row = TriageVmRow.Parse(element);
            }
            catch (FormatException ex)
            {
                Interlocked.Increment(ref _triaged);
                Emit(new FleetScanItem(JsonText.String(element, "id") ?? "(Resource Graph row without id)", null, "InvalidResponse", ex.Message, ex), null);
                return;
            }

            lock (_emitGate)
            {
                _subscriptionsSeen.Add(row.Vm.SubscriptionId);
            }

            var failed = jobs.For(row.VaultId, row.Item);
            var outcome = ResourceGraphTriageScanner.Classify(row, failed.Count);
            Interlocked.Increment(ref _triaged);
            if (outcome != ResourceGraphTriageOutcome.Failing && outcome != ResourceGraphTriageOutcome.Unknown)
            {
                var evidence = ResourceGraphTriageScanner.Evidence(row, failed.Take(_scanner.Options.MaxFailedJobsPerVm).Select(j => j.Failure).ToList(), since);
                var results = await _scanner.CheckFromGraphAsync(row, evidence, _cancellationToken).ConfigureAwait(false);
                var facts = new AzureVmFacts(row.Vm, row.PowerState, row.ProvisioningState, null, null, Array.Empty<AzureExtensionView>(), evidence);
                Emit(new FleetScanItem(row.Vm, facts, results), outcome);
                return;
            }

            if (row.RestorePointCollections != null)
            {
                _conditions.UseCollections(row.Vm.Id, row.RestorePointCollections);
            }

            // Queued, not awaited: the page goes on being triaged while at most MaxParallelism VMs are read in detail. The
            // queue holds only VMs to detail (a few per cent of the fleet).
            Interlocked.Increment(ref _toDetail);
            lock (_emitGate)
            {
                _work.Add(Task.Run(async () =>
                {
                    await _gate.WaitAsync(_cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var item = await _scanner.DetailAsync(row, failed, since, _locks, _conditions, _cancellationToken).ConfigureAwait(false);
                        Interlocked.Increment(ref _detailed);
                        Emit(item, outcome);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }));
            }
        }

        /// <summary>A Resource Graph page has been handed over (or the scan starts): progress, whatever the time since the last.</summary>
        public void PageRead()
        {
            lock (_emitGate)
            {
                Progress(force: true);
            }
        }

        /// <summary>The named subscriptions no VM row came from.</summary>
        public IReadOnlyList<string> SubscriptionsWithoutVms(IEnumerable<string> named)
        {
            lock (_emitGate)
            {
                return named.Where(s => !_subscriptionsSeen.Contains(s)).ToList();
            }
        }

        public void ScopeFailed(ResourceGraphScope batch, ArmRequestException ex)
        {
            lock (_emitGate)
            {
                _failed++;
                _onItem(new FleetScanItem(batch.ToString(), null, ex.ErrorCode, "Resource Graph could not be read for " + batch + ": " + ex.Message, ex));
            }
        }

        public void Warn(IEnumerable<string> warnings)
        {
            lock (_emitGate)
            {
                foreach (var warning in warnings)
                {
                    _warnings.Add(warning);
                    _onWarning?.Invoke(warning);
                }
            }
        }

        public async Task FinishTriageAsync()
        {
            lock (_emitGate)
            {
                _triageComplete = true;
                _phase = "Detail";
                Progress(force: true);
            }

            Task[] work;
            lock (_emitGate)
            {
                work = _work.ToArray();
            }

            await Task.WhenAll(work).ConfigureAwait(false);
            _cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>An item of the per-VM fallback read.</summary>
        public void DeliverFallback(FleetScanItem item)
        {
            lock (_emitGate)
            {
                if (!item.Succeeded)
                {
                    _failed++;
                }

                _onItem(item);
            }
        }

        public void FallbackProgress(FleetScanProgress progress)
        {
            lock (_emitGate)
            {
                _phase = "Fallback";
                _onProgress?.Invoke(new ResourceGraphTriageProgress(_phase, _triaged + progress.Listed, _toDetail + progress.Listed, _detailed + progress.Completed, _failed, true));
            }
        }

        public ResourceGraphTriageSummary Summary(int graphQueries, IReadOnlyList<string> fallback, FleetScanSummary? fallbackSummary)
        {
            lock (_emitGate)
            {
                return new ResourceGraphTriageSummary(new Dictionary<ResourceGraphTriageOutcome, int>(_outcomes), _detailed, _failed, graphQueries, fallback, fallbackSummary, _warnings.ToList(), _elapsed.Elapsed);
            }
        }

        private void Emit(FleetScanItem item, ResourceGraphTriageOutcome? outcome)
        {
            lock (_emitGate)
            {
                if (outcome.HasValue)
                {
                    _outcomes[outcome.Value]++;
                }

                if (!item.Succeeded)
                {
                    _failed++;
                }

                _onItem(item);
                Progress(force: false);
            }
        }

        /// <summary>Under the emit lock: progress at most every 100 ms, and always at phase changes.</summary>
        private void Progress(bool force)
        {
            if (_onProgress is null || (!force && _lastProgress.ElapsedMilliseconds < 100))
            {
                return;
            }

            _lastProgress.Restart();
            _onProgress(new ResourceGraphTriageProgress(_phase, Volatile.Read(ref _triaged), Volatile.Read(ref _toDetail), Volatile.Read(ref _detailed), _failed, _triageComplete));
        }
    }
}
