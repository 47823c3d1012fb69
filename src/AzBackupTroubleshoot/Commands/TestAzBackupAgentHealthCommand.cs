using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Linux;
using AzBackupTroubleshoot.Core.Linux.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Windows;
using AzBackupTroubleshoot.Core.Windows.Capture;
using AzBackupTroubleshoot.Core.Windows.Checks;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Checks the VM guest agent and the backup extension for the causes of Azure VM backup failures: on the running Linux
    /// machine, or offline on a mounted OS disk or a saved bundle (-Path); on Windows VMs through CIM (the running Windows
    /// machine, -CimSession, -ComputerName) or offline from a capture (-Path capture.json).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBackupAgentHealth", DefaultParameterSetName = LinuxSet)]
    [OutputType(typeof(HealthCheckResult))]
    public sealed class TestAzBackupAgentHealthCommand : CancellableCmdlet
    {
        private const string LinuxSet = "Linux";
        private const string CimSessionSet = "CimSession";
        private const string ComputerNameSet = "ComputerName";
        private IReadOnlyList<HealthCheck<LinuxFacts>> _checks = Array.Empty<HealthCheck<LinuxFacts>>();
        private IReadOnlyList<string> _windowsCheckIds = Array.Empty<string>();

        /// <summary>An offline root: a folder (an OS disk mounted on a rescue VM) or a bundle from Save-AzBackupAgentLog. Without it, the running machine is checked.</summary>
        [Parameter(ParameterSetName = LinuxSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Sessions to Windows VMs (New-CimSession): each VM is checked through CIM, one after the other.</summary>
        [Parameter(ParameterSetName = CimSessionSet, Mandatory = true)]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows VMs by name, checked through CIM over new WSMan sessions with the current credentials.</summary>
        [Parameter(ParameterSetName = ComputerNameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

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
            _checks = LinuxHealthChecks.Select(Check, Cause);
            _windowsCheckIds = WindowsCheckSet.Select(Check, Cause).Select(c => c.Id).ToArray();
            foreach (var pattern in Check ?? Array.Empty<string>())
            {
                if (LinuxHealthChecks.Select(new[] { pattern }, null).Count == 0 && WindowsCheckSet.Select(new[] { pattern }, null).Count == 0)
                {
                    var known = string.Join(", ", LinuxHealthChecks.All.Select(c => c.Id).Concat(WindowsCheckSet.Create().Select(c => c.Id)).Distinct());
                    WriteError(ErrorRecords.Create(ErrorIds.UnknownCheckId, ErrorCategory.InvalidArgument, pattern,
                        $"No check has the id '{pattern}'. Known ids: {known}.", recommendedAction: "Use one of the known ids, or a wildcard such as Linux.* or Windows.*."));
                }
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var windows = WindowsTargets();
            if (windows != null)
            {
                foreach (var machine in windows)
                {
                    TestWindows(machine);
                }

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

        /// <summary>The Windows targets of this call, or null when it checks a Linux machine or root.</summary>
        private IReadOnlyList<CimTarget>? WindowsTargets()
        {
            switch (ParameterSetName)
            {
                case CimSessionSet:
                    return CimSession!.Select(CimTarget.ForSession).ToArray();
                case ComputerNameSet:
                    if (!CimTargets.IsWindows)
                    {
                        ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null, CimTargets.NotWindowsMessage("Test-AzBackupAgentHealth -ComputerName")));
                    }

                    return ComputerName!.Select(CimTarget.ForComputer).ToArray();
            }

            if (Path != null)
            {
                // A Windows capture is a .json file; folders and zips are Linux roots and bundles.
                var resolved = GetUnresolvedProviderPathFromPSPath(Path);
                return File.Exists(resolved) && resolved.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? new[] { CimTarget.ForCapture(resolved) } : null;
            }

            return CimTargets.IsWindows ? new[] { CimTarget.Local() } : null;
        }

        private void TestWindows(CimTarget target)
        {
            if (_windowsCheckIds.Count == 0)
            {
                return;
            }

            ICimGateway? gateway = null;
            try
            {
                WriteVerbose(target.Kind == CimTargetKind.Capture ? $"Reading the Windows capture {target.Name}." : $"Reading the Windows facts of {target.Name} through CIM ({target.Kind}).");
                WriteProgress(new ProgressRecord(2, "Test-AzBackupAgentHealth", $"Checking {target.Name}"));
                gateway = CimTargets.Open(target);
                var options = new WindowsCheckOptions { ProbeOffAzure = Force.IsPresent };
                if (gateway.IsLocal)
                {
                    options.LocalNetworkChecks = WindowsConnectivityChecks.Create(new ConnectivityOptions
                    {
                        Enabled = true,
                        Force = Force.IsPresent,
                        Timeout = TimeSpan.FromSeconds(TimeoutSec),
                        StorageEndpoints = StorageEndpoints(),
                    });
                }

                var results = Wait(new WindowsHealthTest(new CheckEngine(), options).RunAsync(gateway, _windowsCheckIds, CancellationToken));
                WriteObject(results, enumerateCollection: true);
            }
            catch (CaptureFormatException ex)
            {
                WriteError(ErrorRecords.Create(ex.ErrorId, ErrorCategory.InvalidData, target.Name, ex.Message, ex));
            }
            catch (CimGatewayException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target.Name, ex.Message, ex,
                    "Check that the VM is reachable over WinRM (Test-WSMan <computer>) and that your account is an administrator there."));
            }
            finally
            {
                CimTargets.Close(gateway);
                WriteProgress(new ProgressRecord(2, "Test-AzBackupAgentHealth", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private IReadOnlyList<StorageEndpoint> StorageEndpoints()
        {
            var storage = new List<StorageEndpoint>();
            foreach (var endpoint in StorageEndpoint ?? Array.Empty<string>())
            {
                var colon = endpoint.LastIndexOf(':');
                storage.Add(colon > 0 && int.TryParse(endpoint.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                    ? new StorageEndpoint(endpoint.Substring(0, colon), port)
                    : new StorageEndpoint(endpoint));
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
