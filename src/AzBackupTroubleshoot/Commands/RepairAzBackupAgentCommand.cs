using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;
using AzBackupTroubleshoot.Runners;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Repairs what Test-AzBackupAgentHealth found (piped results, each on its own typed target) or what the switches name:
    /// on the running Linux machine or, for file edits, an offline root (-Path); on Windows VMs through CIM (the running
    /// Windows machine, -CimSession, -ComputerName). The runners (<see cref="PipedRepairRun"/>, <see cref="LinuxRepairRun"/>,
    /// <see cref="WindowsRepairRun"/>) do the work.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "AzBackupAgent", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairAzBackupAgentCommand : RemoteTargetCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string SwitchSet = "Switches";
        private readonly List<HealthCheckResult> _inputs = new List<HealthCheckResult>();

        /// <summary>Results from Test-AzBackupAgentHealth; those whose RepairAction this cmdlet makes are repaired on their own target, the rest are reported as skipped with the reason.</summary>
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

        /// <summary>Windows: sets IaaSVmProvider to Automatic and starts it, and starts COMSysApp and VSS (from Manual when Disabled).</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter StartService { get; set; }

        /// <summary>Windows: uninstalls the VM agent and installs it again from -InstallerPath (confirmed as a high-impact change unless -Force or -Confirm:$false).</summary>
        [Parameter(ParameterSetName = SwitchSet)]
        public SwitchParameter Reinstall { get; set; }

        /// <summary>Windows: the agent MSI, as a path on the VM (for example C:\Temp\WindowsAzureVmAgent.msi).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InstallerPath { get; set; }

        /// <summary>Reinstalls the agent without the high-impact confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => _inputs.AddRange((InputObject ?? Array.Empty<HealthCheckResult>()).Where(r => r != null));

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ComputerName != null)
            {
                CimTargets.RequireWindows(this, "Repair-AzBackupAgent -ComputerName", null);
            }

            var explicitTargets = NamedTargets();
            var path = Path is null ? null : ResolveRoot(Path);
            if (Path != null && path is null)
            {
                return;
            }

            var linux = new LinuxRepairRun(this);
            var windows = new WindowsRepairRun(this, Force.IsPresent);
            if (ParameterSetName == PipelineSet)
            {
                new PipedRepairRun(this, linux, windows).Run(_inputs, path, explicitTargets, InstallerPath);
                return;
            }

            var wanted = new HashSet<RepairAction>();
            foreach (var (on, action) in new[] { (Restart, RepairAction.RestartAgent), (EnableAutoRestart, RepairAction.EnableAutoRestart), (EnableVerboseLogging, RepairAction.EnableVerboseLogging), (EnableExtensions, RepairAction.EnableExtensions), (EnableAutoUpdate, RepairAction.EnableAutoUpdate), (Update, RepairAction.UpdateAgent), (StartService, RepairAction.StartService) })
            {
                if (on.IsPresent)
                {
                    wanted.Add(action);
                }
            }

            if (explicitTargets.Count > 0 || (CimTargets.IsWindows && path is null))
            {
                RepairWindows(windows, explicitTargets.Count > 0 ? explicitTargets : new[] { CimTarget.Local() }, wanted);
            }
            else if (wanted.Count == 0)
            {
                WriteWarning("No repair was named: pipe results from Test-AzBackupAgentHealth or give a switch such as -Restart or -EnableExtensions.");
            }
            else
            {
                linux.Run(path ?? LiveTarget(), wanted, Array.Empty<HealthCheckResult>());
            }
        }

        private void RepairWindows(WindowsRepairRun windows, IReadOnlyList<CimTarget> targets, ISet<RepairAction> wanted)
        {
            foreach (var linuxOnly in wanted.Where(a => !WindowsAgentRepair.Handles(a)).ToArray())
            {
                wanted.Remove(linuxOnly);
                WriteObject(new RepairResult(Environment.MachineName, linuxOnly, RepairStatus.Skipped, $"{linuxOnly} is a Linux repair; it does not apply to Windows VMs."));
            }

            if (wanted.Count == 0 && !Reinstall.IsPresent)
            {
                WriteWarning("No Windows repair was named: pipe results from Test-AzBackupAgentHealth or give -Restart, -StartService or -Reinstall -InstallerPath <msi>.");
                return;
            }

            foreach (var target in targets)
            {
                windows.Run(target, new WindowsRepairRequest { Actions = wanted.ToArray(), ForceRestart = Restart.IsPresent, Reinstall = Reinstall.IsPresent, InstallerPath = InstallerPath });
            }
        }

        private LinuxTarget LiveTarget()
        {
            if (!LinuxTarget.LiveSupported)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                    "Repairing the running machine needs a Linux guest here; give -Path with an offline Linux root to edit its files."));
            }

            return LinuxTarget.Live();
        }

        private LinuxTarget? ResolveRoot(string path)
        {
            try
            {
                var target = LinuxTarget.Offline(GetUnresolvedProviderPathFromPSPath(path));
                if (!target.IsBundle)
                {
                    return target;
                }

                WriteError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidArgument, path,
                    $"'{target.Location}' is a file: repairs edit a folder root (a mounted OS disk), not a bundle.", recommendedAction: "Give the folder the OS disk is mounted on."));
            }
            catch (FileNotFoundException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path, ex.Message, ex));
            }

            return null;
        }
    }
}
