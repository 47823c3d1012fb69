using System.Management.Automation;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;
using AzBackupTroubleshoot.Runners;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Checks the VM guest agent and the backup extension for the causes of Azure VM backup failures: on the running machine,
    /// offline on a mounted Linux OS disk, a bundle or a Windows capture (-Path), on Windows VMs through CIM, or from Azure
    /// Resource Manager for VMs and subscriptions. The runners (<see cref="LinuxHealthRun"/>, <see cref="WindowsHealthRun"/>,
    /// <see cref="AzureHealthRun"/>) do the work; this class binds parameters and picks the runner.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBackupAgentHealth", DefaultParameterSetName = LinuxSet)]
    [OutputType(typeof(HealthCheckResult))]
    public sealed class TestAzBackupAgentHealthCommand : ComputerNameSetCmdlet
    {
        private const string LinuxSet = "Linux";
        private const string CimSessionSet = "CimSession";
        private const string AzureByNameSet = "AzureByName";
        private const string AzureByIdSet = "AzureById";
        private const string AzureSubscriptionSet = "AzureSubscription";
        private const string AzureManagementGroupSet = "AzureManagementGroup";
        private const string AzureTenantSet = "AzureTenant";
        private const string DetailTriage = "Triage";
        private const string DetailAll = "All";
        private LinuxHealthRun? _linux;
        private WindowsHealthRun? _windows;
        private AzureHealthRun? _azure;

        /// <summary>An offline root: a folder (an OS disk mounted on a rescue VM), a bundle from Save-AzBackupAgentLog or a Windows capture. Without it, the running machine is checked.</summary>
        [Parameter(ParameterSetName = LinuxSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Runs only the checks with these ids (wildcards allowed), for example Linux.ExtensionsEnabled or Network.*.</summary>
        [Parameter(ParameterSetName = LinuxSet)]
        [Parameter(ParameterSetName = CimSessionSet)]
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Check { get; set; }

        /// <summary>Runs only the checks for these causes.</summary>
        [Parameter(ParameterSetName = LinuxSet)]
        [Parameter(ParameterSetName = CimSessionSet)]
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public Cause[]? Cause { get; set; }

        /// <summary>How long each connectivity probe may take, in seconds (the probes run in parallel).</summary>
        [Parameter(ParameterSetName = LinuxSet)]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 3;

        /// <summary>Storage endpoints to probe as host or host:port (443 by default; 8443 for managed disks).</summary>
        [Parameter(ParameterSetName = LinuxSet)]
        [ValidateNotNullOrEmpty]
        public string[]? StorageEndpoint { get; set; }

        /// <summary>Runs the Azure-only checks and connectivity probes even when the machine is not detected as an Azure VM.</summary>
        [Parameter(ParameterSetName = LinuxSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Runs the agent's python on the running Linux machine to check that it imports the agent's modules
        /// (Linux.AgentPythonImport; import azurelinuxagent.agent only, 30 s at most). Off by default: it executes the guest's python.
        /// </summary>
        [Parameter(ParameterSetName = LinuxSet)]
        public SwitchParameter RunAgentPython { get; set; }

        /// <summary>Sessions to Windows VMs (New-CimSession): each VM is checked through CIM, one after the other.</summary>
        [Parameter(ParameterSetName = CimSessionSet, Mandatory = true)]
        [CimSessionTransformation]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows VMs by name, checked through CIM over new WSMan sessions with the current credentials.</summary>
        [Parameter(ParameterSetName = ComputerNameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>The resource group of the VM (with -VMName); binds from Get-AzVM objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ResourceGroupName { get; set; }

        /// <summary>The name of the VM (with -ResourceGroupName); binds from the Name property of Get-AzVM objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureByNameSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string? VMName { get; set; }

        /// <summary>The resource ids of the VMs; from Get-AzVM objects (which also bind -ResourceGroupName and -VMName) the id decides.</summary>
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

        private bool IsAzure => ParameterSetName == AzureByNameSet || ParameterSetName == AzureByIdSet || ParameterSetName == AzureSubscriptionSet
            || ParameterSetName == AzureManagementGroupSet || ParameterSetName == AzureTenantSet;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (IsAzure)
            {
                _azure ??= AzureHealthRun.Open(this, VaultId, ThrottleLimit, Math.Abs(GetHashCode() % 10000) + 1);
                return;
            }

            _linux = new LinuxHealthRun(this, LinuxCheckList.All.Select(Check, Cause), Connectivity, RunAgentPython.IsPresent);
            _windows = new WindowsHealthRun(this, WindowsCheckList.Create().Select(Check, Cause).Select(c => c.Id).ToArray(), Connectivity);
            foreach (var pattern in (Check ?? Array.Empty<string>()).Where(p => LinuxCheckList.All.Select(new[] { p }, null).Count == 0 && WindowsCheckList.Create().Select(new[] { p }, null).Count == 0))
            {
                var known = string.Join(", ", LinuxCheckList.All.Select(c => c.Id).Concat(WindowsCheckList.Create().Select(c => c.Id)).Distinct());
                WriteError(ErrorRecords.Create(ErrorIds.UnknownCheckId, ErrorCategory.InvalidArgument, pattern,
                    $"No check has the id '{pattern}'. Known ids: {known}.", recommendedAction: "Use one of the known ids, or a wildcard such as Linux.* or Windows.*."));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (IsAzure)
            {
                // With pipeline input, BeginProcessing ran before the input chose an Azure parameter set.
                _azure ??= AzureHealthRun.Open(this, VaultId, ThrottleLimit, Math.Abs(GetHashCode() % 10000) + 1);
                QueueAzure(_azure);
                return;
            }

            switch (ParameterSetName)
            {
                case CimSessionSet:
                    Array.ForEach(CimSession!, session => _windows!.Run(CimTargets.ForSession(session)));
                    return;
                case ComputerNameSet:
                    CimTargets.RequireWindows(this, "Test-AzBackupAgentHealth -ComputerName", null);
                    var connection = Connection;
                    Array.ForEach(ComputerName!, name => _windows!.Run(CimTarget.ForComputer(name, connection)));
                    return;
            }

            var capture = Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
            if (capture != null && WindowsBundleReader.IsCapture(capture))
            {
                _windows!.Run(CimTarget.ForCapture(capture));
            }
            else if (Path is null && CimTargets.IsWindows)
            {
                _windows!.Run(CimTarget.Local());
            }
            else
            {
                _linux!.Run(Path);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _azure?.End();

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _azure?.Dispose();
            }

            base.Dispose(disposing);
        }

        private void QueueAzure(AzureHealthRun azure)
        {
            if (ParameterSetName == AzureSubscriptionSet && (Detail == DetailAll || VaultId != null))
            {
                // -VaultId names the vaults to read, which only the per-VM read does; Resource Graph sees every vault.
                azure.ScanSubscriptions(SubscriptionId!);
            }
            else if (ParameterSetName == AzureSubscriptionSet)
            {
                var scope = SubscriptionScope();
                if (scope != null)
                {
                    azure.ScanScope(scope, detailAll: false);
                }
            }
            else if (ParameterSetName == AzureManagementGroupSet)
            {
                azure.ScanScope(ManagementGroupScope(), Detail == DetailAll);
            }
            else if (ParameterSetName == AzureTenantSet)
            {
                azure.ScanScope(ResourceGraphScope.Tenant, Detail == DetailAll);
            }
            else if (ResourceId is { Length: > 0 })
            {
                // By id, or a Get-AzVM object: its Id names the subscription too, and must be the same VM as its name.
                var byName = ParameterSetName == AzureByNameSet;
                Array.ForEach(ResourceId, id => azure.Add(id, () => byName ? AzureVm.FromId(id, ResourceGroupName!, VMName!) : new AzureVm(id)));
            }
            else if (azure.ContextSubscription is string subscription)
            {
                azure.Add($"{ResourceGroupName}/{VMName}", () => AzureVm.FromName(subscription, ResourceGroupName!, VMName!));
            }
            else
            {
                WriteError(ErrorRecords.Create(ErrorIds.SubscriptionNotSpecified, ErrorCategory.InvalidOperation, VMName,
                    $"VM '{VMName}' in '{ResourceGroupName}' cannot be found: the Az context has no subscription.",
                    recommendedAction: "Run Set-AzContext -Subscription <id>, or pass -ResourceId."));
            }
        }

        /// <summary>-SubscriptionId as a Resource Graph scope; ids that are not GUIDs are reported and left out.</summary>
        private ResourceGraphScope? SubscriptionScope()
        {
            var valid = new System.Collections.Generic.List<string>();
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

        private ResourceGraphScope ManagementGroupScope()
        {
            try
            {
                return ResourceGraphScope.ForManagementGroups(ManagementGroup!);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidManagementGroup, ErrorCategory.InvalidArgument, ManagementGroup, ex.Message,
                    recommendedAction: "Pass management group names (Get-AzManagementGroup) or ids /providers/Microsoft.Management/managementGroups/<name>."));
                throw;
            }
        }

        private ConnectivityOptions Connectivity() => new ConnectivityOptions
        {
            Enabled = true,
            Force = Force.IsPresent,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            StorageEndpoints = StorageEndpoints(),
        };

        private IReadOnlyList<StorageEndpoint> StorageEndpoints()
        {
            var storage = new List<StorageEndpoint>();
            foreach (var endpoint in StorageEndpoint ?? Array.Empty<string>())
            {
                try
                {
                    storage.Add(Core.Probes.StorageEndpoint.Parse(endpoint));
                }
                catch (FormatException ex)
                {
                    // A parameter error, not a per-item one: nothing is probed with a host or port that is not one.
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidStorageEndpoint, ErrorCategory.InvalidArgument, endpoint, ex.Message,
                        recommendedAction: "Pass -StorageEndpoint as host or host:port, for example mystorage.blob.core.windows.net:443 ([address]:port for IPv6)."));
                }
            }

            return storage;
        }
    }
}
