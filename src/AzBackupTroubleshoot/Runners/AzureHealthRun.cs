using System.Diagnostics;
using System.Management.Automation;
using AzBackupTroubleshoot.Azure;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Test-AzBackupAgentHealth on Azure VMs: collects the named and piped VMs and reads them together, in parallel, with
    /// <see cref="FleetScanner"/> (as a subscription scan does); results and errors come back to the pipeline thread.
    /// </summary>
    internal sealed class AzureHealthRun : IDisposable
    {
        private const string Activity = "Test-AzBackupAgentHealth";
        private readonly ICmdletHost _host;
        private readonly List<AzureVm> _targets = new List<AzureVm>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly ArmConnection _arm;
        private readonly FleetScanner _scanner;
        private readonly int _progressId;
        private readonly int _throttleLimit;
        private Stopwatch? _progressClock;

        private AzureHealthRun(ICmdletHost host, ArmConnection arm, FleetScanner scanner, int progressId, int throttleLimit)
        {
            _host = host;
            _arm = arm;
            _scanner = scanner;
            _progressId = progressId;
            _throttleLimit = throttleLimit;
        }

        /// <summary>The subscription of the Az context, or null.</summary>
        public string? ContextSubscription => _arm.Session.SubscriptionId;

        /// <summary>Checks -VaultId and opens the connection; a terminating error when either fails.</summary>
        public static AzureHealthRun Open(ICmdletHost host, IReadOnlyList<string>? vaultIds, int throttleLimit, int progressId)
        {
            foreach (var vault in vaultIds ?? Array.Empty<string>())
            {
                if (!IsVaultId(vault))
                {
                    host.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, vault,
                        $"-VaultId '{vault}' is not a Recovery Services vault id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>)."));
                }
            }

            ArmConnection? arm = null;
            try
            {
                arm = ArmConnection.Open(host.WriteVerbose, throttleLimit);
            }
            catch (AzAccountsException ex)
            {
                host.ThrowTerminatingError(ArmErrorRecords.From(ex));
            }

            var scanner = new FleetScanner(arm!.Client, new KnowledgeBaseErrorClassifier(), new FleetScanOptions
            {
                MaxParallelism = throttleLimit,
                VaultIds = vaultIds?.Select(v => v.Trim().TrimEnd('/')).ToList(),
            });
            return new AzureHealthRun(host, arm, scanner, progressId, throttleLimit);
        }

        /// <summary>Adds a VM (once) to be read at <see cref="End"/>; an invalid id is an InvalidResourceId error.</summary>
        public void Add(string input, Func<AzureVm> create)
        {
            AzureVm vm;
            try
            {
                vm = create();
            }
            catch (ArgumentException ex)
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, input, ex.Message,
                    recommendedAction: "Pass a VM resource id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>."));
                return;
            }

            if (_seen.Add(vm.Id))
            {
                _targets.Add(vm);
            }
        }

        /// <summary>Checks every VM of the subscriptions now.</summary>
        public void ScanSubscriptions(IReadOnlyList<string> subscriptionIds) =>
            Scan(cancel => _scanner.ScanSubscriptionsAsync(subscriptionIds, Deliver, Progress, cancel));

        /// <summary>
        /// Checks every VM of a scope: by default the Resource Graph triage (<see cref="ResourceGraphTriageScanner"/>),
        /// with <paramref name="detailAll"/> the per-VM read of the scope's subscriptions (a management group's or the
        /// tenant's named by Resource Graph).
        /// </summary>
        public void ScanScope(ResourceGraphScope scope, bool detailAll)
        {
            var triage = new ResourceGraphTriageScanner(_arm.Client, new KnowledgeBaseErrorClassifier(), new ResourceGraphTriageOptions
            {
                MaxParallelism = _throttleLimit,
                Fallback = new FleetScanOptions { MaxParallelism = _throttleLimit },
            });
            if (detailAll)
            {
                IReadOnlyList<string> subscriptions;
                try
                {
                    subscriptions = scope.Kind == ResourceGraphScopeKind.Subscriptions ? scope.Names : _host.Wait(_arm.Run(cancel => triage.Graph.SubscriptionsAsync(scope, cancel), _host.CancellationToken));
                }
                catch (ArmRequestException ex)
                {
                    _host.WriteError(ErrorRecords.Create(ErrorIds.ResourceGraphQueryFailed, ErrorCategory.InvalidOperation, scope.ToString(), ex.Message, ex));
                    return;
                }

                _host.WriteVerbose($"{scope}: {subscriptions.Count.ToString(CultureInfo.InvariantCulture)} subscription(s) to read per VM.");
                ScanSubscriptions(subscriptions);
                return;
            }

            _progressClock = Stopwatch.StartNew();
            var summary = _host.Wait(_arm.Run(cancel => triage.ScanAsync(scope, DeliverTriage, TriageProgress, warning => _arm.Queue.Post(() => _host.WriteWarning(warning)), cancel), _host.CancellationToken));
            _host.WriteProgress(new ProgressRecord(_progressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            var counts = string.Join(", ", summary.Outcomes.Select(o => $"{o.Value.ToString(CultureInfo.InvariantCulture)} {o.Key}"));
            _host.WriteVerbose($"Resource Graph triage of {scope}: {summary.Vms.ToString(CultureInfo.InvariantCulture)} VMs ({counts}); {summary.Detailed.ToString(CultureInfo.InvariantCulture)} read in detail; {summary.GraphQueries.ToString(CultureInfo.InvariantCulture)} Resource Graph queries, {_arm.Client.RequestsSent.ToString(CultureInfo.InvariantCulture)} requests in all, {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s."
                + (summary.FallbackSubscriptions.Count > 0 ? $" Read per VM (Resource Graph rejected the query): {string.Join(", ", summary.FallbackSubscriptions)}." : string.Empty));
        }

        /// <summary>Checks the added VMs.</summary>
        public void End()
        {
            if (_targets.Count > 0)
            {
                Scan(cancel => _scanner.ScanVmsAsync(_targets, Deliver, Progress, cancel));
            }
        }

        public void Dispose() => _arm.Dispose();

        private static bool IsVaultId(string text)
        {
            try
            {
                var id = ArmResourceId.Parse(text);
                return string.Equals(id.Provider, "Microsoft.RecoveryServices", StringComparison.OrdinalIgnoreCase) && string.Equals(id.Type, "vaults", StringComparison.OrdinalIgnoreCase);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private void Scan(Func<CancellationToken, Task<FleetScanSummary>> scan)
        {
            _progressClock = Stopwatch.StartNew();
            var summary = _host.Wait(_arm.Run(scan, _host.CancellationToken));
            _host.WriteProgress(new ProgressRecord(_progressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            _host.WriteVerbose($"Checked {summary.Succeeded.ToString(CultureInfo.InvariantCulture)} of {summary.Listed.ToString(CultureInfo.InvariantCulture)} VMs in {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; {summary.Failed.ToString(CultureInfo.InvariantCulture)} could not be read; {_arm.Client.RequestsSent.ToString(CultureInfo.InvariantCulture)} requests to Resource Manager.");
        }

        /// <summary>Worker thread: hand the VM's results (or its error) to the pipeline thread.</summary>
        private void Deliver(FleetScanItem item) => _arm.Queue.Post(() =>
        {
            if (item.Succeeded)
            {
                _host.WriteObject(item.Results, true);
                return;
            }

            var ex = item.Exception as ArmRequestException;
            _host.WriteError(ArmErrorRecords.From(item.ErrorCode ?? "Error", $"{item.Target}: {item.ErrorMessage}", item.Target, ex));
        });

        /// <summary>Worker thread: a triage item; a scope Resource Graph could not read has its own error id.</summary>
        private void DeliverTriage(FleetScanItem item)
        {
            if (item.Succeeded || item.Vm != null || item.Target.StartsWith("/", StringComparison.Ordinal))
            {
                Deliver(item);
                return;
            }

            _arm.Queue.Post(() => _host.WriteError(ErrorRecords.Create(ErrorIds.ResourceGraphQueryFailed, ErrorCategory.InvalidOperation, item.Target, item.ErrorMessage ?? "Resource Graph could not be read.", item.Exception,
                "Check that the identity can read the scope (Reader), or pass -SubscriptionId.")));
        }

        /// <summary>Worker thread: progress by phase (the core sends one record per Resource Graph page and phase change, at most one per 100 ms between).</summary>
        private void TriageProgress(ResourceGraphTriageProgress progress)
        {
            var clock = _progressClock;
            if (clock != null && clock.ElapsedMilliseconds < 200 && progress.Phase == "Triage" && progress.VmsRead > 0)
            {
                return;
            }

            clock?.Restart();
            _arm.Queue.Post(() =>
            {
                var status = progress.Phase == "Triage"
                    ? $"Triage (Resource Graph): {progress.VmsRead.ToString(CultureInfo.InvariantCulture)} VMs read, {progress.ToDetail.ToString(CultureInfo.InvariantCulture)} to read in detail"
                    : $"{progress.Phase}: {progress.Detailed.ToString(CultureInfo.InvariantCulture)} of {progress.ToDetail.ToString(CultureInfo.InvariantCulture)} VMs read in detail ({progress.VmsRead.ToString(CultureInfo.InvariantCulture)} VMs in all), {progress.Failed.ToString(CultureInfo.InvariantCulture)} failed";
                _host.WriteProgress(new ProgressRecord(_progressId, Activity, status)
                {
                    PercentComplete = progress.TriageComplete && progress.ToDetail > 0 ? Math.Min(100, progress.Detailed * 100 / progress.ToDetail) : -1,
                });
            });
        }

        /// <summary>Worker thread: post progress at most every 200 ms (and at the end).</summary>
        private void Progress(FleetScanProgress progress)
        {
            var clock = _progressClock;
            var last = progress.ListingComplete && progress.Completed == progress.Listed;
            if (clock != null && clock.ElapsedMilliseconds < 200 && !last)
            {
                return;
            }

            clock?.Restart();
            _arm.Queue.Post(() =>
            {
                var status = $"{progress.Completed.ToString(CultureInfo.InvariantCulture)} of {progress.Listed.ToString(CultureInfo.InvariantCulture)}{(progress.ListingComplete ? string.Empty : "+")} VMs checked, {progress.Failed.ToString(CultureInfo.InvariantCulture)} failed";
                _host.WriteProgress(new ProgressRecord(_progressId, Activity, status)
                {
                    PercentComplete = progress.ListingComplete && progress.Listed > 0 ? Math.Min(100, progress.Completed * 100 / progress.Listed) : -1,
                });
            });
        }
    }
}
