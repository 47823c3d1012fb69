using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>
    /// Scans many VMs through Resource Manager: lists the VMs of one or more subscriptions page by page (or takes a
    /// given list), reads each instance view with bounded parallelism, adds the vaults' backup evidence and the locks on
    /// the restore point resource groups (<see cref="RestorePointLockReader"/>, per subscription and region), runs the
    /// <c>Azure.*</c> checks and hands each VM's results over as soon as they are ready. A VM that still fails after the
    /// client's retries becomes an error item and the scan goes on; every VM listed yields exactly one item.
    /// Items and progress are delivered one at a time (never concurrently), in completion order.
    /// </summary>
    public sealed class FleetScanner
    {
        private readonly IArmClient _arm;
        private readonly IBackupErrorClassifier _classifier;
        private readonly FleetScanOptions _options;
        private readonly CheckSet<AzureVmFacts> _checks;
        private readonly CheckEngine _engine;
        private readonly BackupEvidenceReader _backup;

        /// <summary>Creates a scanner.</summary>
        public FleetScanner(IArmClient arm, IBackupErrorClassifier classifier, FleetScanOptions? options = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _options = options ?? new FleetScanOptions();
            if (_options.MaxParallelism < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxParallelism must be at least 1.");
            }

            _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
            _checks = AzureCheckList.Create(classifier);
            // The Azure checks only look at facts read before they run: in line, not on a thread each (CheckEngineOptions.EvaluateInline).
            _engine = new CheckEngine(new CheckEngineOptions { EvaluateInline = true });
            _backup = new BackupEvidenceReader(arm, _options.Backup);
        }

        /// <summary>Scans every VM of the subscriptions.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<FleetScanSummary> ScanSubscriptionsAsync(IEnumerable<string> subscriptionIds, Action<FleetScanItem> onItem, Action<FleetScanProgress>? onProgress, CancellationToken cancellationToken)
        {
            var run = new Run(this, onItem, onProgress, cancellationToken);
            foreach (var subscription in (subscriptionIds ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var path = $"/subscriptions/{subscription}/providers/Microsoft.Compute/virtualMachines";
                try
                {
                    await _arm.ListAsync(path, null, async page =>
                    {
                        foreach (var element in page)
                        {
                            await run.DispatchAsync(element, subscription).ConfigureAwait(false);
                        }
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (ArmRequestException ex)
                {
                    run.ListingFailed("/subscriptions/" + subscription, ex);
                }
            }

            return await run.FinishAsync().ConfigureAwait(false);
        }

        /// <summary>Scans the given VMs (their OS type is read first when unknown).</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<FleetScanSummary> ScanVmsAsync(IEnumerable<AzureVm> vms, Action<FleetScanItem> onItem, Action<FleetScanProgress>? onProgress, CancellationToken cancellationToken)
        {
            var run = new Run(this, onItem, onProgress, cancellationToken);
            foreach (var vm in vms ?? Array.Empty<AzureVm>())
            {
                await run.DispatchAsync(vm).ConfigureAwait(false);
            }

            return await run.FinishAsync().ConfigureAwait(false);
        }

        /// <summary>Reads one VM's facts (instance view, plus the VM itself, with its region, when its OS type is unknown).</summary>
        public async Task<AzureVmFacts> ReadFactsAsync(AzureVm vm, CancellationToken cancellationToken)
        {
            if (vm.OsType == AzureOsType.Unknown)
            {
                var resource = await _arm.GetAsync(vm.Id, null, cancellationToken).ConfigureAwait(false);
                var read = InstanceViewParser.ParseVm(resource);
                vm = new AzureVm(vm.Id, read.OsType, vm.Location ?? read.Location, read.Storage);
            }

            var view = await _arm.GetAsync(vm.Id + "/instanceView", null, cancellationToken).ConfigureAwait(false);
            return InstanceViewParser.Parse(vm, view);
        }

        /// <summary>One scan: the parallelism gate, the counters, the serialized hand-over and the per-subscription evidence.</summary>
        private sealed class Run
        {
            private readonly FleetScanner _scanner;
            private readonly Action<FleetScanItem> _onItem;
            private readonly Action<FleetScanProgress>? _onProgress;
            private readonly CancellationToken _cancellationToken;
            private readonly SemaphoreSlim _gate;
            private readonly object _emitGate = new object();
            private readonly List<Task> _work = new List<Task>();
            private readonly ConcurrentDictionary<string, Lazy<Task<(BackupEvidenceIndex? Index, string? Error)>>> _evidence =
                new ConcurrentDictionary<string, Lazy<Task<(BackupEvidenceIndex?, string?)>>>(StringComparer.OrdinalIgnoreCase);
            private readonly RestorePointLockReader _locks;
            private readonly BackupConditionReader _conditions;
            private readonly Stopwatch _elapsed = Stopwatch.StartNew();
            private int _listed, _succeeded, _failed, _listingErrors;
            private bool _listingComplete;

            public Run(FleetScanner scanner, Action<FleetScanItem> onItem, Action<FleetScanProgress>? onProgress, CancellationToken cancellationToken)
            {
                _scanner = scanner;
                _onItem = onItem ?? throw new ArgumentNullException(nameof(onItem));
                _onProgress = onProgress;
                _cancellationToken = cancellationToken;
                _gate = new SemaphoreSlim(scanner._options.MaxParallelism);
                _locks = new RestorePointLockReader(scanner._arm);
                _conditions = new BackupConditionReader(scanner._arm, null, scanner._classifier);
            }

            public Task DispatchAsync(JsonElement listed, string subscription)
            {
                AzureVm vm;
                try
                {
                    vm = InstanceViewParser.ParseVm(listed);
                }
                catch (FormatException ex)
                {
                    Interlocked.Increment(ref _listed);
                    var id = JsonText.String(listed, "id") ?? $"/subscriptions/{subscription} (item without id)";
                    Emit(new FleetScanItem(id, null, "InvalidResponse", ex.Message, ex));
                    return Task.CompletedTask;
                }

                return DispatchAsync(vm);
            }

            public async Task DispatchAsync(AzureVm vm)
            {
                Interlocked.Increment(ref _listed);
                Progress();
                await _gate.WaitAsync(_cancellationToken).ConfigureAwait(false);
                _work.Add(Task.Run(() => ScanOneAsync(vm)));
            }

            public void ListingFailed(string target, ArmRequestException ex)
            {
                Interlocked.Increment(ref _listingErrors);
                lock (_emitGate)
                {
                    _onItem(new FleetScanItem(target, null, ex.ErrorCode, ex.Message, ex));
                }
            }

            public async Task<FleetScanSummary> FinishAsync()
            {
                _listingComplete = true;
                Progress();
                await Task.WhenAll(_work).ConfigureAwait(false);
                _cancellationToken.ThrowIfCancellationRequested();
                return new FleetScanSummary(_listed, _succeeded, _failed, _listingErrors, _elapsed.Elapsed);
            }

            private async Task ScanOneAsync(AzureVm vm)
            {
                FleetScanItem item;
                try
                {
                    var facts = await _scanner.ReadFactsAsync(vm, _cancellationToken).ConfigureAwait(false);
                    if (_scanner._options.IncludeBackupEvidence)
                    {
                        // Both are read once per subscription (locks: plus once per region), side by side.
                        var locks = LocksFor(facts.Vm);
                        var (index, error) = await EvidenceFor(facts.Vm.SubscriptionId).ConfigureAwait(false);
                        facts = facts.WithBackup(index?.For(facts.Vm), error);
                        var (lockEvidence, lockError) = await locks.ConfigureAwait(false);
                        if (facts.Backup?.Item != null || facts.BackupReadError != null)
                        {
                            facts = facts.WithRestorePointLocks(lockEvidence, lockError);
                        }

                        // Running jobs, restore point collections, key vaults and disks (BackupConditionReader caches the shared reads).
                        facts = facts.WithConditions(await _conditions.ReadAsync(facts, _cancellationToken).ConfigureAwait(false));
                    }

                    var results = await _scanner._checks.RunAsync(facts, new CheckContext(CheckTarget.For(facts.Vm)), _scanner._engine, _cancellationToken).ConfigureAwait(false);
                    item = new FleetScanItem(facts.Vm, facts, results);
                }
                catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
                {
                    _gate.Release();
                    throw;
                }
                catch (ArmRequestException ex)
                {
                    item = new FleetScanItem(vm.Id, vm, ex.ErrorCode, ex.Message, ex);
                }
                catch (Exception ex)
                {
                    // An unreadable answer or a defect: reported for this VM, the scan goes on.
                    item = new FleetScanItem(vm.Id, vm, ex is FormatException ? "InvalidResponse" : "UnexpectedError", ex.Message, ex);
                }

                _gate.Release();
                Emit(item);
            }

            private Task<(BackupEvidenceIndex? Index, string? Error)> EvidenceFor(string subscription)
            {
                var key = _scanner._options.VaultIds != null ? "*" : subscription;
                return _evidence.GetOrAdd(key, k => new Lazy<Task<(BackupEvidenceIndex?, string?)>>(() => ReadEvidenceAsync(k))).Value;
            }

            private async Task<(BackupEvidenceIndex?, string?)> ReadEvidenceAsync(string key)
            {
                try
                {
                    var vaults = _scanner._options.VaultIds ?? await _scanner._backup.ListVaultsAsync(key, _cancellationToken).ConfigureAwait(false);
                    return (await _scanner._backup.ReadAsync(vaults, _cancellationToken).ConfigureAwait(false), null);
                }
                catch (ArmRequestException ex)
                {
                    return (null, ex.Message);
                }
            }

            private async Task<(RestorePointLockEvidence?, string?)> LocksFor(AzureVm vm)
            {
                try
                {
                    return (await _locks.ReadAsync(vm, _cancellationToken).ConfigureAwait(false), null);
                }
                catch (ArmRequestException ex)
                {
                    return (null, ex.Message);
                }
                catch (FormatException ex)
                {
                    return (null, ex.Message);
                }
            }

            private void Emit(FleetScanItem item)
            {
                lock (_emitGate)
                {
                    if (item.Succeeded)
                    {
                        _succeeded++;
                    }
                    else
                    {
                        _failed++;
                    }

                    _onItem(item);
                    _onProgress?.Invoke(new FleetScanProgress(Volatile.Read(ref _listed), _succeeded + _failed, _failed, _listingComplete));
                }
            }

            private void Progress()
            {
                lock (_emitGate)
                {
                    _onProgress?.Invoke(new FleetScanProgress(Volatile.Read(ref _listed), _succeeded + _failed, _failed, _listingComplete));
                }
            }
        }
    }
}
