using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux;
using AzBackupTroubleshoot.Core.Linux.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Checks the VM guest agent and the backup extension for the causes of Azure VM backup failures: on the running Linux
    /// machine, or offline on a mounted OS disk or a saved bundle (-Path); or from Azure Resource Manager for VMs and
    /// subscriptions (the Azure parameter sets, in TestAzBackupAgentHealthCommand.Azure.cs); or on Windows VMs through CIM
    /// and from Windows captures (in TestAzBackupAgentHealthCommand.Windows.cs).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBackupAgentHealth", DefaultParameterSetName = LinuxSet)]
    [OutputType(typeof(HealthCheckResult))]
    public sealed partial class TestAzBackupAgentHealthCommand : CancellableCmdlet
    {
        private const string LinuxSet = "Linux";
        private IReadOnlyList<HealthCheck<LinuxFacts>> _checks = Array.Empty<HealthCheck<LinuxFacts>>();

        /// <summary>An offline root: a folder (an OS disk mounted on a rescue VM) or a bundle from Save-AzBackupAgentLog. Without it, the running machine is checked.</summary>
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

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (IsAzureParameterSet)
            {
                BeginAzure();
                return;
            }

            _checks = LinuxHealthChecks.Select(Check, Cause);
            BeginWindows();
            foreach (var pattern in Check ?? Array.Empty<string>())
            {
                if (LinuxHealthChecks.Select(new[] { pattern }, null).Count == 0 && !IsWindowsCheckId(pattern))
                {
                    var known = string.Join(", ", LinuxHealthChecks.All.Select(c => c.Id).Concat(WindowsCheckIds).Distinct());
                    WriteError(ErrorRecords.Create(ErrorIds.UnknownCheckId, ErrorCategory.InvalidArgument, pattern,
                        $"No check has the id '{pattern}'. Known ids: {known}.", recommendedAction: "Use one of the known ids, or a wildcard such as Linux.* or Windows.*."));
                }
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (IsAzureParameterSet)
            {
                ProcessAzure();
                return;
            }

            if (ProcessWindows())
            {
                return;
            }

            if (_checks.Count == 0)
            {
                return;
            }

            LinuxTarget target;
            if (Path is null)
            {
                if (!LinuxTarget.LiveSupported)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                        "Checking the running machine needs a Linux guest here; give -Path with a Linux root or bundle to check it offline."));
                }

                target = LinuxTarget.Live();
            }
            else
            {
                var resolved = GetUnresolvedProviderPathFromPSPath(Path);
                try
                {
                    target = LinuxTarget.Offline(resolved);
                }
                catch (FileNotFoundException ex)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path, ex.Message, ex));
                    return;
                }
            }

            LinuxFacts facts;
            try
            {
                WriteVerbose($"Reading the Linux facts from {(target.IsLive ? "the running machine" : target.Location)}.");
                WriteProgress(new ProgressRecord(1, "Test-AzBackupAgentHealth", $"Reading facts from {target.Name}"));
                using var root = target.Open();
                facts = Wait(new LinuxFactsReader().ReadAsync(root, Options(target), CancellationToken));
            }
            catch (InvalidDataException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidData, Path, ex.Message, ex,
                    "Give a folder laid out as a Linux root, or a zip written by Save-AzBackupAgentLog."));
                return;
            }

            WriteVerbose(facts.ToString());
            if (facts.Connectivity.NotRunReason is null)
            {
                WriteVerbose($"Connectivity: {facts.Connectivity.Outcomes.Count} probes took {facts.Connectivity.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms.");
            }

            var engine = new CheckEngine();
            var context = new CheckContext(target.Name, target.IsLive);
            for (var i = 0; i < _checks.Count; i++)
            {
                WriteProgress(new ProgressRecord(1, "Test-AzBackupAgentHealth", $"{_checks[i].Id} on {target.Name}") { PercentComplete = 100 * i / _checks.Count });
                WriteObject(Wait(engine.RunAsync(facts, new[] { _checks[i] }, context, CancellationToken)), enumerateCollection: true);
            }

            WriteProgress(new ProgressRecord(1, "Test-AzBackupAgentHealth", "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (IsAzureParameterSet)
            {
                EndAzure();
            }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                DisposeAzure();
            }

            base.Dispose(disposing);
        }

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

        private LinuxFactsOptions Options(LinuxTarget target)
        {
            var storage = StorageEndpoints();
            return new LinuxFactsOptions
            {
                IsLive = target.IsLive,
                Connectivity = new ConnectivityOptions
                {
                    Enabled = target.IsLive,
                    Force = Force.IsPresent,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    StorageEndpoints = storage,
                },
            };
        }
    }
}
