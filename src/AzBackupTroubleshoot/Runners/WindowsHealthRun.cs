using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>Test-AzBackupAgentHealth on one Windows machine or capture: opens the gateway, runs <see cref="WindowsHealthRunner"/>, maps failures to errors.</summary>
    internal sealed class WindowsHealthRun
    {
        private const string Activity = "Test-AzBackupAgentHealth";
        private readonly ICmdletHost _host;
        private readonly IReadOnlyList<string> _checkIds;
        private readonly Func<ConnectivityOptions> _connectivity;

        /// <param name="host">The cmdlet.</param>
        /// <param name="checkIds">The ids of the Windows checks to run (already selected).</param>
        /// <param name="connectivity">The probes, for the local machine; its Force also runs the Azure-only checks off Azure.</param>
        public WindowsHealthRun(ICmdletHost host, IReadOnlyList<string> checkIds, Func<ConnectivityOptions> connectivity)
        {
            _host = host;
            _checkIds = checkIds;
            _connectivity = connectivity;
        }

        public void Run(CimTarget target)
        {
            if (_checkIds.Count == 0)
            {
                return;
            }

            ICimGateway? gateway = null;
            try
            {
                _host.WriteVerbose(target.Kind == CimTargetKind.Capture ? $"Reading the Windows capture {target.Name}." : $"Reading the Windows facts of {target.Name} through CIM ({target.Kind}).");
                _host.WriteProgress(new ProgressRecord(2, Activity, $"Checking {target.Name}"));
                gateway = CimTargets.Open(target);
                var probes = _connectivity();
                var options = new WindowsCheckOptions();
                if (gateway.IsLocal)
                {
                    probes.Enabled = true;
                    options.Connectivity = probes;
                }

                var results = _host.Wait(new WindowsHealthRunner(new CheckEngine(), options).RunAsync(gateway, target, _checkIds, _host.CancellationToken));
                _host.WriteObject(results, true);
            }
            catch (CaptureFormatException ex)
            {
                _host.WriteError(ErrorRecords.Create(ex.ErrorId, ErrorCategory.InvalidData, target.Name, ex.Message, ex));
            }
            catch (CimGatewayException ex)
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target.Name, ex.Message, ex,
                    "Check that the VM is reachable over WinRM (Test-WSMan <computer>) and that your account is an administrator there."));
            }
            finally
            {
                CimTargets.Close(gateway);
                _host.WriteProgress(new ProgressRecord(2, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
