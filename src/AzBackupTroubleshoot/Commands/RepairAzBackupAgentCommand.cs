using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Linux;
using AzBackupTroubleshoot.Core.Linux.Repairs;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Windows.Capture;
using AzBackupTroubleshoot.Core.Windows.Repairs;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Repairs what Test-AzBackupAgentHealth found (piped results) or what the switches name, on the running Linux machine or,
    /// for file edits, on an offline root (-Path); on Windows VMs through CIM (the running Windows machine, -CimSession,
    /// -ComputerName): agent services, backup services, and a reinstall of the agent from its MSI.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "AzBackupAgent", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairAzBackupAgentCommand : CancellableCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string SwitchSet = "Switches";

        // Configuration first, then the service actions, so that one restart at the end picks up every change.
        private static readonly RepairAction[] Order =
        {
            RepairAction.EnableExtensions, RepairAction.EnableAutoUpdate, RepairAction.EnableVerboseLogging,
            RepairAction.EnableAutoRestart, RepairAction.UpdateAgent, RepairAction.RestartAgent,
        };

        private readonly List<HealthCheckResult> _inputs = new List<HealthCheckResult>();

        /// <summary>Results from Test-AzBackupAgentHealth; those whose RepairAction this cmdlet knows are repaired, the rest are reported as skipped with the reason.</summary>
        [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
        public HealthCheckResult[]? InputObject { get; set; }

        /// <summary>Restarts the agent (systemctl restart walinuxagent or waagent; service where systemd is absent).</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter Restart { get; set; }

        /// <summary>Makes the init system restart the agent when it dies (a systemd drop-in with Restart=always and RestartSec=5; upstart respawn).</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter EnableAutoRestart { get; set; }

        /// <summary>Sets Logs.Verbose=y in /etc/waagent.conf.</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter EnableVerboseLogging { get; set; }

        /// <summary>Sets Extensions.Enabled=y in /etc/waagent.conf.</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter EnableExtensions { get; set; }

        /// <summary>Sets AutoUpdate.Enabled=y (and AutoUpdate.UpdateToLatestVersion=y when that key is present) in /etc/waagent.conf.</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter EnableAutoUpdate { get; set; }

        /// <summary>Updates the agent with the distribution's package manager (apt-get, dnf, yum or zypper) and restarts it.</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter Update { get; set; }

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
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows: the VMs to repair by name, over new WSMan sessions with the current credentials.</summary>
        [Parameter]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>An offline root folder (for example an OS disk mounted at /rescue) whose files are edited; service actions are skipped there.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                _inputs.AddRange(InputObject.Where(r => r != null));
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (IsWindowsRun())
            {
                RepairWindows();
                return;
            }

            var target = ResolveTarget();
            if (target is null)
            {
                return;
            }

            var repairer = new LinuxRepairer(new LinuxRepairOptions(target.Location, target.IsLive));
            var wanted = new HashSet<RepairAction>();
            if (ParameterSetName == SwitchSet)
            {
                AddIf(wanted, Restart, RepairAction.RestartAgent);
                AddIf(wanted, EnableAutoRestart, RepairAction.EnableAutoRestart);
                AddIf(wanted, EnableVerboseLogging, RepairAction.EnableVerboseLogging);
                AddIf(wanted, EnableExtensions, RepairAction.EnableExtensions);
                AddIf(wanted, EnableAutoUpdate, RepairAction.EnableAutoUpdate);
                AddIf(wanted, Update, RepairAction.UpdateAgent);
                if (wanted.Count == 0)
                {
                    WriteWarning("No repair was named: pipe results from Test-AzBackupAgentHealth or give a switch such as -Restart or -EnableExtensions.");
                }
            }
            else
            {
                foreach (var result in _inputs)
                {
                    if (!string.Equals(result.Target, target.Name, StringComparison.Ordinal))
                    {
                        WriteObject(new RepairResult($"{result.Target} {result.CheckId}", result.RepairAction, RepairStatus.Skipped,
                            $"The result is for '{result.Target}' but this repair works on '{target.Name}'; run Repair-AzBackupAgent there or with -Path '{result.Target}'."));
                    }
                    else if (result.Status != CheckStatus.Passed && result.Status != CheckStatus.NotApplicable && LinuxRepairer.Handles(result.RepairAction))
                    {
                        wanted.Add(result.RepairAction);
                    }
                    else
                    {
                        WriteObject(Wait(repairer.ApplyAsync(repairer.Plan(result), CancellationToken)));
                    }
                }
            }

            foreach (var action in Order.Where(wanted.Contains))
            {
                Repair(repairer, action, target);
            }
        }

        private void Repair(LinuxRepairer repairer, RepairAction action, LinuxTarget target)
        {
            WriteVerbose($"Planning {action} on {target.Name}.");
            var plan = repairer.Plan(action);
            if (!plan.NeedsChange)
            {
                WriteObject(plan.Outcome);
                return;
            }

            if (!ShouldProcess(plan.Target, plan.Description))
            {
                return;
            }

            if (plan.RequiresRoot && !LibcFileMetadata.IsRoot())
            {
                WriteError(ErrorRecords.Create(ErrorIds.ElevationRequired, ErrorCategory.PermissionDenied, plan.Target,
                    $"{plan.Description} needs root on {target.Name}.", recommendedAction: "Run PowerShell as root (sudo pwsh), or use -WhatIf to see what would change."));
                return;
            }

            WriteVerbose($"{plan.Description}.");
            var result = Wait(repairer.ApplyAsync(plan, CancellationToken));
            WriteObject(result);
            if (result.Status == RepairStatus.Failed)
            {
                WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, result, $"{action} on {result.Target} failed: {result.Detail}"));
            }
        }

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
            var byName = (ComputerName ?? Array.Empty<string>()).Select(CimTarget.ForComputer).ToArray();
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
                    ?? (explicitTargets.Length > 0 ? null : CimTargets.IsLocalName(group.Key) ? CimTarget.Local() : CimTarget.ForComputer(group.Key));
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

        private LinuxTarget? ResolveTarget()
        {
            if (Path is null)
            {
                if (!LinuxTarget.LiveSupported)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                        "Repairing the running machine needs a Linux guest here; give -Path with an offline Linux root to edit its files."));
                }

                return LinuxTarget.Live();
            }

            try
            {
                var target = LinuxTarget.Offline(GetUnresolvedProviderPathFromPSPath(Path));
                if (!target.IsBundle)
                {
                    return target;
                }

                WriteError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidArgument, Path,
                    $"'{target.Location}' is a file: repairs edit a folder root (a mounted OS disk), not a bundle.", recommendedAction: "Give the folder the OS disk is mounted on."));
            }
            catch (FileNotFoundException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path, ex.Message, ex));
            }

            return null;
        }

        private static void AddIf(ISet<RepairAction> set, SwitchParameter value, RepairAction action)
        {
            if (value.IsPresent)
            {
                set.Add(action);
            }
        }
    }
}
