using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Windows.Capture;
using AzBackupTroubleshoot.Core.Windows.Repairs;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>The Windows parts of Repair-AzBackupAgent: agent and backup services and the agent reinstall, through CIM.</summary>
    public sealed partial class RepairAzBackupAgentCommand
    {
        /// <summary>Windows: sets IaaSVmProvider to Automatic and starts it, and starts COMSysApp and VSS (from Manual when Disabled).</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter StartService { get; set; }

        /// <summary>Windows: uninstalls the VM agent and installs it again from -InstallerPath.</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter Reinstall { get; set; }

        /// <summary>Windows: the agent MSI, as a path on the VM (for example C:\Temp\WindowsAzureVmAgent.msi).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InstallerPath { get; set; }

        /// <summary>Windows: sessions to the VMs to repair (New-CimSession).</summary>
        [Parameter]
        [CimSessionTransformation]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows: the VMs to repair by name, over new WSMan sessions with the current credentials.</summary>
        [Parameter]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>The WSMan options for computers reached by name.</summary>
        private WsmanConnectionOptions Connection => ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);

        /// <summary>Windows VMs are repaired through CIM when sessions or names are given, or on Windows without -Path.</summary>
        private bool IsWindowsRun() => CimSession != null || ComputerName != null || (CimTargets.IsWindows && Path is null);

        private void RepairWindows()
        {
            if (CimSession is null && !CimTargets.IsWindows)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                    CimTargets.NotWindowsMessage("Repair-AzBackupAgent -ComputerName")));
            }

            var sessions = (CimSession ?? Array.Empty<PSObject>()).Select(CimTarget.ForSession).ToArray();
            var connection = Connection;
            var byName = (ComputerName ?? Array.Empty<string>()).Select(n => CimTarget.ForComputer(n, connection)).ToArray();
            var explicitTargets = sessions.Concat(byName).ToArray();
            if (ParameterSetName == SwitchSet)
            {
                var named = new HashSet<RepairAction>();
                AddIf(named, Restart, RepairAction.RestartAgent);
                AddIf(named, StartService, RepairAction.StartService);
                var request = new WindowsRepairRequest { Actions = named, ForceRestart = Restart.IsPresent, Reinstall = Reinstall.IsPresent, InstallerPath = InstallerPath };
                foreach (var linuxOnly in new[] { (EnableAutoRestart, RepairAction.EnableAutoRestart), (EnableVerboseLogging, RepairAction.EnableVerboseLogging), (EnableExtensions, RepairAction.EnableExtensions), (EnableAutoUpdate, RepairAction.EnableAutoUpdate), (Update, RepairAction.UpdateAgent) })
                {
                    if (linuxOnly.Item1.IsPresent)
                    {
                        WriteObject(new RepairResult(Environment.MachineName, linuxOnly.Item2, RepairStatus.Skipped, $"{linuxOnly.Item2} is a Linux repair; it does not apply to Windows VMs."));
                    }
                }

                if (request.Actions.Count == 0 && !request.Reinstall)
                {
                    WriteWarning("No Windows repair was named: pipe results from Test-AzBackupAgentHealth or give -Restart, -StartService or -Reinstall -InstallerPath <msi>.");
                    return;
                }

                foreach (var target in explicitTargets.Length > 0 ? explicitTargets : new[] { CimTarget.Local() })
                {
                    RepairWindows(target, request);
                }

                return;
            }

            // Piped results: one repair run per machine, with the repairs its failed results ask for.
            foreach (var group in _inputs.GroupBy(r => r.Target, StringComparer.OrdinalIgnoreCase))
            {
                var actions = new HashSet<RepairAction>();
                foreach (var result in group)
                {
                    var skipped = WindowsAgentRepair.Triage(result);
                    if (skipped != null)
                    {
                        WriteObject(skipped);
                    }
                    else
                    {
                        actions.Add(result.RepairAction);
                    }
                }

                if (actions.Count == 0)
                {
                    continue;
                }

                if (actions.Contains(RepairAction.ReinstallAgent) && InstallerPath is null)
                {
                    actions.Remove(RepairAction.ReinstallAgent);
                    WriteObject(new RepairResult(group.Key, RepairAction.ReinstallAgent, RepairStatus.Skipped, "Reinstalling the agent needs -InstallerPath: the agent MSI as a path on the VM."));
                }

                var target = explicitTargets.FirstOrDefault(t => string.Equals(t.Name, group.Key, StringComparison.OrdinalIgnoreCase))
                    ?? (explicitTargets.Length > 0 ? null : CimTargets.IsLocalName(group.Key) ? CimTarget.Local() : CimTarget.ForComputer(group.Key, connection));
                if (target is null)
                {
                    WriteObject(new RepairResult(group.Key, actions.First(), RepairStatus.Skipped, $"No -CimSession or -ComputerName given is for '{group.Key}'; add one for it."));
                    continue;
                }

                if (target.Kind == CimTargetKind.ComputerName && !CimTargets.IsWindows)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, group.Key,
                        CimTargets.NotWindowsMessage("Repair-AzBackupAgent")));
                }

                var reinstall = actions.Remove(RepairAction.ReinstallAgent);
                if (actions.Count > 0 || reinstall)
                {
                    RepairWindows(target, new WindowsRepairRequest { Actions = actions, Reinstall = reinstall, InstallerPath = InstallerPath });
                }
            }
        }

        private void RepairWindows(CimTarget target, WindowsRepairRequest request)
        {
            ICimGateway? gateway = null;
            try
            {
                WriteVerbose($"Connecting to {target.Name} ({target.Kind}) to repair {string.Join(", ", request.Actions ?? Array.Empty<RepairAction>())}{(request.Reinstall ? " and reinstall the agent" : string.Empty)}.");
                gateway = CimTargets.Open(target);
                var results = new WindowsAgentRepair(gateway).Repair(request, (computer, action) => ShouldProcess(computer, action), CancellationToken);
                foreach (var result in results.Where(r => !(r.Status == RepairStatus.Skipped && r.Detail.StartsWith(WindowsAgentRepair.NotConfirmedPrefix, StringComparison.Ordinal))))
                {
                    WriteObject(result);
                    if (result.Status == RepairStatus.Failed)
                    {
                        WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, result, $"{result.Action} on {result.Target} failed: {result.Detail}"));
                    }
                }
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
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                CimTargets.Close(gateway);
            }
        }
    }
}
