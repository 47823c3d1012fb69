using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Windows;
using AzBackupTroubleshoot.Core.Windows.Bundle;
using AzBackupTroubleshoot.Core.Windows.Capture;
using AzBackupTroubleshoot.Core.Windows.Checks;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// The Windows parts of Test-AzBackupAgentHealth: the running Windows machine (no parameter, on Windows), other VMs
    /// through -CimSession or -ComputerName, and Windows captures (-Path &lt;capture.json&gt;, on any OS).
    /// </summary>
    public sealed partial class TestAzBackupAgentHealthCommand
    {
        private const string CimSessionSet = "CimSession";
        private const string ComputerNameSet = "ComputerName";
        private IReadOnlyList<string> _windowsCheckIds = Array.Empty<string>();

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

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>The WSMan options for computers reached by name.</summary>
        private WsmanConnectionOptions Connection => ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);

        private static IEnumerable<string> WindowsCheckIds => WindowsCheckSet.Create().Select(c => c.Id);

        private static bool IsWindowsCheckId(string pattern) => WindowsCheckSet.Select(new[] { pattern }, null).Count > 0;

        private void BeginWindows() => _windowsCheckIds = WindowsCheckSet.Select(Check, Cause).Select(c => c.Id).ToArray();

        /// <summary>Checks the Windows targets of this record; false when the record is a Linux one.</summary>
        private bool ProcessWindows()
        {
            var targets = WindowsTargets();
            if (targets is null)
            {
                return false;
            }

            foreach (var target in targets)
            {
                TestWindows(target);
            }

            return true;
        }

        /// <summary>The Windows targets of this record, or null when it checks a Linux machine or root.</summary>
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

                    var connection = Connection;
                    return ComputerName!.Select(n => CimTarget.ForComputer(n, connection)).ToArray();
            }

            if (Path != null)
            {
                // A Windows capture is a .json file or a zip holding one (a Windows bundle); folders and other zips are Linux roots and bundles.
                var resolved = GetUnresolvedProviderPathFromPSPath(Path);
                var isCapture = File.Exists(resolved) && (resolved.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || WindowsBundleReader.IsWindowsBundle(resolved));
                return isCapture ? new[] { CimTarget.ForCapture(resolved) } : null;
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
    }
}
