using System.Management.Automation;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Repair-AzBackupAgent on one Windows machine through CIM: elevation (this machine) is tested first, then the
    /// high-impact confirmation of a reinstall, then <see cref="WindowsAgentRepair"/> asks ShouldProcess right before each change.
    /// </summary>
    internal sealed class WindowsRepairRun
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ICmdletHost _host;
        private readonly bool _force;

        /// <param name="cmdlet">The cmdlet (its invocation tells -WhatIf and -Confirm).</param>
        /// <param name="force">-Force: no high-impact confirmation for the reinstall.</param>
        public WindowsRepairRun(CancellableCmdlet cmdlet, bool force)
        {
            _cmdlet = cmdlet;
            _host = cmdlet;
            _force = force;
        }

        public void Run(CimTarget target, WindowsRepairRequest request)
        {
            if (target.Kind == CimTargetKind.Local && !ElevationCheck.Check(_cmdlet, target.Name, "Repairing the agent's services"))
            {
                return;
            }

            if (request.Reinstall && !ConfirmReinstall(target.Name))
            {
                _host.WriteVerbose($"Skipped the reinstall on {target.Name}: not confirmed.");
                request.Reinstall = false;
                if (request.Actions is { Count: 0 })
                {
                    return;
                }
            }

            ICimGateway? gateway = null;
            try
            {
                _host.WriteVerbose($"Connecting to {target.Name} ({target.Kind}) to repair {string.Join(", ", request.Actions ?? Array.Empty<Core.Checks.RepairAction>())}{(request.Reinstall ? " and reinstall the agent" : string.Empty)}.");
                gateway = CimTargets.Open(target);
                var results = new WindowsAgentRepair(gateway).Repair(request, (computer, action) => _host.ShouldProcess(computer, action), _host.CancellationToken);
                foreach (var result in results.Where(r => !(r.Status == RepairStatus.Skipped && r.Detail.StartsWith(WindowsAgentRepair.NotConfirmedPrefix, StringComparison.Ordinal))))
                {
                    _host.WriteObject(result, false);
                    if (result.Status == RepairStatus.Failed)
                    {
                        _host.WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, result, $"{result.Action} on {result.Target} failed: {result.Detail}"));
                    }
                }
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
            catch (OperationCanceledException) when (_host.CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                CimTargets.Close(gateway);
            }
        }

        /// <summary>
        /// The reinstall uninstalls the VM agent: it is confirmed as ConfirmImpact High would be, whatever the cmdlet's own
        /// Medium impact and $ConfirmPreference say, unless -Force or -Confirm:$false. -WhatIf needs no answer: nothing changes.
        /// </summary>
        private bool ConfirmReinstall(string computer)
        {
            var bound = _cmdlet.MyInvocation.BoundParameters;
            var whatIf = bound.TryGetValue("WhatIf", out var w) && w is SwitchParameter ws && ws.IsPresent;
            var noConfirm = bound.TryGetValue("Confirm", out var c) && c is SwitchParameter cs && !cs.IsPresent;
            if (whatIf || _force || noConfirm)
            {
                return true;
            }

            return _host.ShouldContinue(
                $"Reinstalling uninstalls the VM agent on {computer} first: until the new install finishes the VM reports no status and cannot be backed up. Reinstall it?",
                "Reinstall the Azure VM agent");
        }
    }
}
