using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Save-AzBackupAgentLog on one target, after ShouldProcess: a Linux root is read and checked by
    /// <see cref="LinuxHealthRunner"/> and bundled by <see cref="AgentLogBundleWriter"/>; a Windows machine is captured and
    /// bundled by <see cref="WindowsLogBundleWriter"/>. Failures to write are terminating errors (one destination per run).
    /// </summary>
    internal sealed class LogBundleRun
    {
        private const string Activity = "Save-AzBackupAgentLog";
        private readonly ICmdletHost _host;
        private readonly string _destination;

        public LogBundleRun(ICmdletHost host, string destination)
        {
            _host = host;
            _destination = destination;
        }

        /// <summary>Bundles a Linux machine or root; <paramref name="runAgentPython"/> (-RunAgentPython) lets the live read run the agent's python, whose result the bundle records.</summary>
        public void Save(LinuxTarget target, string? path, bool runAgentPython = false)
        {
            try
            {
                using var root = target.Open();
                var runner = new LinuxHealthRunner();
                _host.WriteProgress(new ProgressRecord(1, Activity, $"Reading facts from {target.Name}"));
                var facts = _host.Wait(runner.ReadAsync(root, target, null, new AgentPythonOptions { Enabled = runAgentPython }, _host.CancellationToken));
                var results = _host.Wait(runner.CheckAsync(facts, target, null, _host.CancellationToken));
                _host.WriteProgress(new ProgressRecord(1, Activity, $"Writing {_destination}"));
                var report = _host.Wait(new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(root, facts, results, _destination, _host.CancellationToken));
                WriteReportVerbose(report);
                if (target.IsLive && !Elevation.IsElevated() && report.LeftOut.Any(l => l.EndsWith("permission denied", StringComparison.Ordinal)))
                {
                    _host.WriteWarning("Some files could not be read without root and are not in the bundle; run as root for a complete bundle.");
                }

                Done(report);
            }
            catch (InvalidDataException ex)
            {
                _host.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidData, path, ex.Message, ex));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowWriteFailed(ex);
            }
        }

        public void Save(CimTarget target)
        {
            ICimGateway? gateway = null;
            try
            {
                _host.WriteProgress(new ProgressRecord(1, Activity, $"Reading {target.Name} through CIM"));
                _host.WriteVerbose($"Reading the Windows facts of {target.Name} through CIM ({target.Kind}), keeping what is read as a capture.");
                gateway = CimTargets.Open(target);
                var options = new WindowsCheckOptions();
                WindowsAgentLogFiles? logs = null;
                if (gateway.IsLocal)
                {
                    logs = WindowsAgentLogFiles.LocalMachine();
                    options.Connectivity = new ConnectivityOptions { Enabled = true };
                    _host.WriteVerbose($"Reading the agent's logs below {logs.DriveFolder}.");
                }
                else
                {
                    _host.WriteWarning($"A CIM session cannot read file contents: the bundle of {gateway.ComputerName} holds the capture and the health results, " +
                                       @"not the agent's logs (C:\WindowsAzure\Logs, the backup extension's status and settings). Run Save-AzBackupAgentLog inside the VM to include them.");
                }

                var report = _host.Wait(new WindowsLogBundleWriter(new LibcFileMetadata()).SaveAsync(gateway, options, logs, _destination, _host.CancellationToken));
                WriteReportVerbose(report);
                Done(report);
            }
            catch (CimGatewayException ex)
            {
                _host.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target.Name, ex.Message, ex,
                    "Check that the VM is reachable over WinRM (Test-WSMan <computer>) and that your account is an administrator there."));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowWriteFailed(ex);
            }
            finally
            {
                CimTargets.Close(gateway);
            }
        }

        private void Done(BundleReport report)
        {
            _host.WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            _host.WriteObject(report, false);
        }

        private void ThrowWriteFailed(Exception ex) =>
            _host.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.BundleWriteFailed, ErrorCategory.WriteError, _destination, $"The bundle could not be written: {ex.Message}. Nothing was left behind.", ex));

        private void WriteReportVerbose(BundleReport report)
        {
            foreach (var kind in report.Redactions.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                _host.WriteVerbose($"Redacted {kind.Value} x {kind.Key}.");
            }

            foreach (var leftOut in report.LeftOut)
            {
                _host.WriteVerbose($"Left out {leftOut}.");
            }
        }
    }
}
