using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux;
using AzBackupTroubleshoot.Core.Linux.Repairs;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Repairs what Test-AzBackupAgentHealth found (piped results) or what the switches name, on the running Linux machine or,
    /// for file edits, on an offline root (-Path); on Windows VMs through CIM (the running Windows machine, -CimSession,
    /// -ComputerName): agent services, backup services, and a reinstall of the agent from its MSI (in
    /// RepairAzBackupAgentCommand.Windows.cs).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "AzBackupAgent", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairResult))]
    public sealed partial class RepairAzBackupAgentCommand : CancellableCmdlet
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
                if (plan.Outcome!.Status == RepairStatus.Failed)
                {
                    // Decided without a change (a file that cannot be edited, a link refused): still a failed repair.
                    WriteError(ErrorRecords.Create(ErrorIds.RepairFailed, ErrorCategory.NotSpecified, plan.Outcome, $"{action} on {plan.Outcome.Target} failed: {plan.Outcome.Detail}"));
                }

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
