using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        private Stopwatch? _progressClock;

        private AzureHealthRun(ICmdletHost host, ArmConnection arm, FleetScanner scanner, int progressId)
        {
            _host = host;
            _arm = arm;
            _scanner = scanner;
            _progressId = progressId;
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
            return new AzureHealthRun(host, arm, scanner, progressId);
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
