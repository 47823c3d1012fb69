using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Azure;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>The Azure (remote and fleet) parameter sets of Test-AzBackupAgentHealth.</summary>
    public sealed partial class TestAzBackupAgentHealthCommand
    {
        private const string AzureByNameSet = "AzureByName";
        private const string AzureByIdSet = "AzureById";
        private const string AzureSubscriptionSet = "AzureSubscription";
        private const string AzureManagementGroupSet = "AzureManagementGroup";
        private const string AzureTenantSet = "AzureTenant";
        private const string DetailTriage = "Triage";
        private const string DetailAll = "All";

        private readonly List<AzureVm> _azureTargets = new List<AzureVm>();
        private readonly HashSet<string> _azureSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private ArmConnection? _arm;
        private FleetScanner? _scanner;
        private Stopwatch? _progressClock;
        private int _progressId;

        /// <summary>The resource group of the VM (with -VMName); binds from Get-AzVM objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ResourceGroupName { get; set; }

        /// <summary>The name of the VM (with -ResourceGroupName); binds from the Name property of Get-AzVM objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureByNameSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string? VMName { get; set; }

        /// <summary>
        /// The resource ids of the VMs; binds from the Id property of Get-AzVM objects (which also bind -ResourceGroupName
        /// and -VMName: then the id decides, so VMs of other subscriptions than the context's work too).
        /// </summary>
        [Parameter(ParameterSetName = AzureByNameSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = AzureByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[]? ResourceId { get; set; }

        /// <summary>Checks every VM of these subscriptions.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureSubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Checks every VM of the subscriptions under these management groups (names or ids), through Resource Graph.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureManagementGroupSet)]
        [ValidateNotNullOrEmpty]
        public string[]? ManagementGroup { get; set; }

        /// <summary>Checks every VM of every subscription the signed-in identity can read in the tenant, through Resource Graph.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureTenantSet)]
        public SwitchParameter AllSubscriptions { get; set; }

        /// <summary>
        /// Triage (default): Resource Graph reads every VM, its backup item and failed jobs; only VMs whose backups fail
        /// (or whose state Resource Graph cannot show) are read in detail. All: every VM's instance view is read, as before.
        /// </summary>
        [Parameter(ParameterSetName = AzureSubscriptionSet)]
        [Parameter(ParameterSetName = AzureManagementGroupSet)]
        [Parameter(ParameterSetName = AzureTenantSet)]
        [ValidateSet(DetailTriage, DetailAll)]
        public string Detail { get; set; } = DetailTriage;

        /// <summary>The Recovery Services vaults to read backup items and jobs from; by default every vault of the VM's subscription.</summary>
        [Parameter(ParameterSetName = AzureByNameSet)]
        [Parameter(ParameterSetName = AzureByIdSet)]
        [Parameter(ParameterSetName = AzureSubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string[]? VaultId { get; set; }

        /// <summary>How many VMs are read at once (default 16), all under one client-side throttling budget.</summary>
        [Parameter(ParameterSetName = AzureByNameSet)]
        [Parameter(ParameterSetName = AzureByIdSet)]
        [Parameter(ParameterSetName = AzureSubscriptionSet)]
        [Parameter(ParameterSetName = AzureManagementGroupSet)]
        [Parameter(ParameterSetName = AzureTenantSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        private bool IsAzureParameterSet =>
            ParameterSetName == AzureByNameSet || ParameterSetName == AzureByIdSet || ParameterSetName == AzureSubscriptionSet
            || ParameterSetName == AzureManagementGroupSet || ParameterSetName == AzureTenantSet;

        private void BeginAzure()
        {
            if (_arm != null)
            {
                return;
            }

            foreach (var vault in VaultId ?? Array.Empty<string>())
            {
                var type = TryParseId(vault);
                if (type is null || !string.Equals(type.Provider, "Microsoft.RecoveryServices", StringComparison.OrdinalIgnoreCase) || !string.Equals(type.Type, "vaults", StringComparison.OrdinalIgnoreCase))
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, vault,
                        $"-VaultId '{vault}' is not a Recovery Services vault id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>)."));
                }
            }

            try
            {
                _arm = ArmConnection.Open(line => WriteVerbose(line), ThrottleLimit);
            }
            catch (AzAccountsException ex)
            {
                ThrowTerminatingError(ArmErrorRecords.From(ex));
            }

            _scanner = new FleetScanner(_arm!.Client, new KnowledgeBaseErrorClassifier(), new FleetScanOptions
            {
                MaxParallelism = ThrottleLimit,
                VaultIds = VaultId?.Select(v => v.Trim().TrimEnd('/')).ToList(),
            });
            _progressId = Math.Abs(GetHashCode() % 10000) + 1;
        }

        private void ProcessAzure()
        {
            // With pipeline input, BeginProcessing ran before the input chose an Azure parameter set.
            BeginAzure();
            switch (ParameterSetName)
            {
                case AzureSubscriptionSet:
                    // -VaultId names the vaults to read, which only the per-VM read does; Resource Graph sees every vault.
                    if (Detail == DetailAll || VaultId != null)
                    {
                        Scan(cancel => _scanner!.ScanSubscriptionsAsync(SubscriptionId!, Deliver, Progress, cancel));
                    }
                    else
                    {
                        ScanScope(SubscriptionScope());
                    }

                    break;
                case AzureManagementGroupSet:
                    ScanScope(ManagementGroupScope());
                    break;
                case AzureTenantSet:
                    ScanScope(ResourceGraphScope.Tenant);
                    break;
                case AzureByIdSet:
                    foreach (var id in ResourceId!)
                    {
                        AddTarget(id, () => new AzureVm(id));
                    }

                    break;
                default:
                    if (ResourceId is { Length: > 0 })
                    {
                        // A Get-AzVM object: its Id names the subscription too; it must be the same VM.
                        foreach (var id in ResourceId)
                        {
                            AddTarget(id, () => AzureVm.FromId(id, ResourceGroupName!, VMName!));
                        }

                        return;
                    }

                    var subscription = _arm!.Session.SubscriptionId;
                    if (subscription is null)
                    {
                        WriteError(ErrorRecords.Create(ErrorIds.SubscriptionNotSpecified, ErrorCategory.InvalidOperation, VMName,
                            $"VM '{VMName}' in '{ResourceGroupName}' cannot be found: the Az context has no subscription.",
                            recommendedAction: "Run Set-AzContext -Subscription <id>, or pass -ResourceId."));
                        return;
                    }

                    AddTarget($"{ResourceGroupName}/{VMName}", () => AzureVm.FromName(subscription, ResourceGroupName!, VMName!));
                    break;
            }
        }

        private void EndAzure()
        {
            if (_azureTargets.Count > 0)
            {
                // Piped and named VMs are read together, in parallel, as they are in a subscription scan.
                Scan(cancel => _scanner!.ScanVmsAsync(_azureTargets, Deliver, Progress, cancel));
            }
        }

        private void DisposeAzure() => _arm?.Dispose();

        private void AddTarget(string input, Func<AzureVm> create)
        {
            AzureVm vm;
            try
            {
                vm = create();
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, input, ex.Message,
                    recommendedAction: "Pass a VM resource id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>."));
                return;
            }

            if (_azureSeen.Add(vm.Id))
            {
                _azureTargets.Add(vm);
            }
        }

        private void Scan(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<FleetScanSummary>> scan)
        {
            _progressClock = Stopwatch.StartNew();
            var summary = Wait(_arm!.Run(scan, CancellationToken));
            WriteProgress(new ProgressRecord(_progressId, "Test-AzBackupAgentHealth", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Checked {summary.Succeeded.ToString(CultureInfo.InvariantCulture)} of {summary.Listed.ToString(CultureInfo.InvariantCulture)} VMs in {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; {summary.Failed.ToString(CultureInfo.InvariantCulture)} could not be read; {_arm.Client.RequestsSent.ToString(CultureInfo.InvariantCulture)} requests to Resource Manager.");
        }

        /// <summary>Worker thread: hand the VM's results (or its error) to the pipeline thread.</summary>
        private void Deliver(FleetScanItem item) => _arm!.Queue.Post(() =>
        {
            if (item.Succeeded)
            {
                WriteObject(item.Results, enumerateCollection: true);
                return;
            }

            var ex = item.Exception as ArmRequestException;
            WriteError(ArmErrorRecords.From(item.ErrorCode ?? "Error", $"{item.Target}: {item.ErrorMessage}", item.Target, ex));
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
            _arm!.Queue.Post(() =>
            {
                var status = $"{progress.Completed.ToString(CultureInfo.InvariantCulture)} of {progress.Listed.ToString(CultureInfo.InvariantCulture)}{(progress.ListingComplete ? string.Empty : "+")} VMs checked, {progress.Failed.ToString(CultureInfo.InvariantCulture)} failed";
                var record = new ProgressRecord(_progressId, "Test-AzBackupAgentHealth", status)
                {
                    PercentComplete = progress.ListingComplete && progress.Listed > 0 ? Math.Min(100, progress.Completed * 100 / progress.Listed) : -1,
                };
                WriteProgress(record);
            });
        }

        /// <summary>-SubscriptionId as a Resource Graph scope; ids that are not GUIDs are reported and left out.</summary>
        private ResourceGraphScope? SubscriptionScope()
        {
            var valid = new List<string>();
            foreach (var id in SubscriptionId!)
            {
                if (Guid.TryParseExact(id.Trim(), "D", out _))
                {
                    valid.Add(id.Trim());
                    continue;
                }

                WriteError(ErrorRecords.Create(ErrorIds.InvalidResourceId, ErrorCategory.InvalidArgument, id,
                    $"-SubscriptionId '{id}' is not a subscription id (a GUID).", recommendedAction: "Pass subscription ids such as 00000000-0000-0000-0000-000000000000 (Get-AzSubscription)."));
            }

            return valid.Count == 0 ? null : ResourceGraphScope.ForSubscriptions(valid);
        }

        private ResourceGraphScope? ManagementGroupScope()
        {
            try
            {
                return ResourceGraphScope.ForManagementGroups(ManagementGroup!);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidManagementGroup, ErrorCategory.InvalidArgument, ManagementGroup, ex.Message,
                    recommendedAction: "Pass management group names (Get-AzManagementGroup) or ids /providers/Microsoft.Management/managementGroups/<name>."));
                return null;
            }
        }

        /// <summary>Triage through Resource Graph, or with -Detail All the per-VM read of the scope's subscriptions.</summary>
        private void ScanScope(ResourceGraphScope? scope)
        {
            if (scope is null)
            {
                return;
            }

            var options = new ResourceGraphTriageOptions
            {
                MaxParallelism = ThrottleLimit,
                Fallback = new FleetScanOptions { MaxParallelism = ThrottleLimit },
            };
            var triage = new ResourceGraphTriageScanner(_arm!.Client, new KnowledgeBaseErrorClassifier(), options);
            if (Detail == DetailAll)
            {
                // A management group or the tenant: Resource Graph names the subscriptions, then every VM is read as before.
                IReadOnlyList<string> subscriptions;
                try
                {
                    subscriptions = scope.Kind == ResourceGraphScopeKind.Subscriptions ? scope.Names : Wait(_arm.Run(cancel => triage.Graph.SubscriptionsAsync(scope, cancel), CancellationToken));
                }
                catch (ArmRequestException ex)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.ResourceGraphQueryFailed, ErrorCategory.InvalidOperation, scope.ToString(), ex.Message, ex));
                    return;
                }

                WriteVerbose($"{scope}: {subscriptions.Count.ToString(CultureInfo.InvariantCulture)} subscription(s) to read per VM.");
                Scan(cancel => _scanner!.ScanSubscriptionsAsync(subscriptions, Deliver, Progress, cancel));
                return;
            }

            _progressClock = Stopwatch.StartNew();
            var summary = Wait(_arm.Run(cancel => triage.ScanAsync(scope, DeliverTriage, TriageProgress, warning => _arm.Queue.Post(() => WriteWarning(warning)), cancel), CancellationToken));
            WriteProgress(new ProgressRecord(_progressId, "Test-AzBackupAgentHealth", "Done") { RecordType = ProgressRecordType.Completed });
            var counts = string.Join(", ", summary.Outcomes.Select(o => $"{o.Value.ToString(CultureInfo.InvariantCulture)} {o.Key}"));
            WriteVerbose($"Resource Graph triage of {scope}: {summary.Vms.ToString(CultureInfo.InvariantCulture)} VMs ({counts}); {summary.Detailed.ToString(CultureInfo.InvariantCulture)} read in detail; {summary.GraphQueries.ToString(CultureInfo.InvariantCulture)} Resource Graph queries, {_arm.Client.RequestsSent.ToString(CultureInfo.InvariantCulture)} requests in all, {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s."
                + (summary.FallbackSubscriptions.Count > 0 ? $" Read per VM (Resource Graph rejected the query): {string.Join(", ", summary.FallbackSubscriptions)}." : string.Empty));
        }

        /// <summary>Worker thread: a triage item; a scope Resource Graph could not read has its own error id.</summary>
        private void DeliverTriage(FleetScanItem item)
        {
            if (item.Succeeded || item.Vm != null || item.Target.StartsWith("/", StringComparison.Ordinal))
            {
                Deliver(item);
                return;
            }

            _arm!.Queue.Post(() => WriteError(ErrorRecords.Create(ErrorIds.ResourceGraphQueryFailed, ErrorCategory.InvalidOperation, item.Target, item.ErrorMessage ?? "Resource Graph could not be read.", item.Exception,
                "Check that the identity can read the scope (Reader), or pass -SubscriptionId.")));
        }

        /// <summary>Worker thread: progress by phase, at most every 200 ms.</summary>
        private void TriageProgress(ResourceGraphTriageProgress progress)
        {
            // The core sends one record per Resource Graph page and phase change, and at most one per 100 ms between.
            var clock = _progressClock;
            if (clock != null && clock.ElapsedMilliseconds < 200 && progress.Phase == "Triage" && progress.VmsRead > 0)
            {
                return;
            }

            clock?.Restart();
            _arm!.Queue.Post(() =>
            {
                var status = progress.Phase == "Triage"
                    ? $"Triage (Resource Graph): {progress.VmsRead.ToString(CultureInfo.InvariantCulture)} VMs read, {progress.ToDetail.ToString(CultureInfo.InvariantCulture)} to read in detail"
                    : $"{progress.Phase}: {progress.Detailed.ToString(CultureInfo.InvariantCulture)} of {progress.ToDetail.ToString(CultureInfo.InvariantCulture)} VMs read in detail ({progress.VmsRead.ToString(CultureInfo.InvariantCulture)} VMs in all), {progress.Failed.ToString(CultureInfo.InvariantCulture)} failed";
                WriteProgress(new ProgressRecord(_progressId, "Test-AzBackupAgentHealth", status)
                {
                    PercentComplete = progress.TriageComplete && progress.ToDetail > 0 ? Math.Min(100, progress.Detailed * 100 / progress.ToDetail) : -1,
                });
            });
        }

        private static ArmResourceId? TryParseId(string text)
        {
            try
            {
                return ArmResourceId.Parse(text);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
