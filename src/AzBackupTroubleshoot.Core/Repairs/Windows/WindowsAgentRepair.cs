using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Repairs.Windows
{
    /// <summary>What Repair-AzBackupAgent is asked to do on a Windows machine.</summary>
    public sealed class WindowsRepairRequest
    {
        /// <summary>The repairs allowed (for example the RepairAction of piped check results); null allows all but reinstall.</summary>
        public IReadOnlyCollection<RepairAction>? Actions { get; set; }

        /// <summary>Restart the agent services even when they are Automatic and Running.</summary>
        public bool ForceRestart { get; set; }

        /// <summary>Uninstall and reinstall the agent from <see cref="InstallerPath"/> first.</summary>
        public bool Reinstall { get; set; }

        /// <summary>The agent MSI on the target.</summary>
        public string? InstallerPath { get; set; }

        /// <summary>The install log on the target; null puts it in the Windows Temp folder with a time stamp.</summary>
        public string? LogPath { get; set; }
    }

    /// <summary>
    /// The Windows repairs of Repair-AzBackupAgent, each idempotent and each approved right before it changes anything:
    /// reinstall the agent (when asked), set WindowsAzureGuestAgent and RdAgent to Automatic and restart them, set
    /// IaaSVmProvider to Automatic and start it, start COMSysApp and VSS (from Manual when Disabled). A service that is
    /// already as wanted gives <see cref="RepairStatus.AlreadyHealthy"/> without any call that changes it.
    /// </summary>
    public sealed class WindowsAgentRepair
    {
        private readonly ICimGateway _gateway;
        private readonly WindowsRepairTiming _timing;
        private readonly WindowsServiceControl _services;
        private readonly Func<DateTimeOffset> _clock;

        /// <summary>Creates the repair.</summary>
        /// <param name="gateway">The machine.</param>
        /// <param name="timing">Waits and time-outs.</param>
        /// <param name="clock">The time used in the default log name; null uses the current time.</param>
        public WindowsAgentRepair(ICimGateway gateway, WindowsRepairTiming? timing = null, Func<DateTimeOffset>? clock = null)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _timing = timing ?? new WindowsRepairTiming();
            _services = new WindowsServiceControl(gateway, _timing);
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The start of the Detail of a repair that was not approved (-WhatIf, or no at the prompt).</summary>
        public const string NotConfirmedPrefix = "Not confirmed: ";

        /// <summary>True for the repairs this class makes.</summary>
        public static bool Handles(RepairAction action) =>
            action == RepairAction.RestartAgent || action == RepairAction.StartService || action == RepairAction.ReinstallAgent;

        /// <summary>
        /// What becomes of a check result this class does not repair: a Skipped result saying why (passed, no automatic
        /// repair, or the cmdlet that makes it), with the target <c>"&lt;computer&gt; &lt;check id&gt;"</c>; null when the
        /// result asks for a repair this class makes.
        /// </summary>
        public static RepairResult? Triage(HealthCheckResult result)
        {
            if (result is null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            var target = $"{result.Target} {result.CheckId}";
            if (result.Status == CheckStatus.Passed || result.Status == CheckStatus.NotApplicable)
            {
                return new RepairResult(target, result.RepairAction, RepairStatus.Skipped, $"{result.CheckId} is {result.Status}: nothing to repair.");
            }

            switch (result.RepairAction)
            {
                case RepairAction.RestartAgent:
                case RepairAction.StartService:
                case RepairAction.ReinstallAgent:
                    return null;
                case RepairAction.None:
                    return new RepairResult(target, RepairAction.None, RepairStatus.Skipped, $"{result.CheckId} has no automatic repair. {result.Remediation}".Trim());
                case RepairAction.SetVssCopyMode:
                    return new RepairResult(target, result.RepairAction, RepairStatus.Skipped, "Set-AzBackupVssCopyMode -Enabled $true makes this change (pipe the result to it).");
                case RepairAction.UninstallSnapshotExtension:
                    return new RepairResult(target, result.RepairAction, RepairStatus.Skipped, "Uninstall-AzVmSnapshotExtension removes the extension so that the next backup installs it again.");
                case RepairAction.AddDatacenterRoute:
                    return new RepairResult(target, result.RepairAction, RepairStatus.Skipped, "Add-AzDatacenterRoute adds the routes.");
                default:
                    return new RepairResult(target, result.RepairAction, RepairStatus.Skipped, $"{result.RepairAction} is a Linux repair; {result.CheckId} on a Windows VM has none.");
            }
        }

        /// <summary>Runs the requested repairs and returns one result per repair.</summary>
        /// <param name="request">What to do.</param>
        /// <param name="approve">Asked (target, action) right before each change; false skips that repair. Null approves all.</param>
        /// <param name="cancellationToken">Stops between repairs.</param>
        public IReadOnlyList<RepairResult> Repair(WindowsRepairRequest request, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            bool Allowed(RepairAction action) => request.Actions == null || request.Actions.Contains(action);
            var results = new List<RepairResult>();
            if (request.Reinstall)
            {
                if (string.IsNullOrWhiteSpace(request.InstallerPath))
                {
                    results.Add(new RepairResult(_gateway.ComputerName, RepairAction.ReinstallAgent, RepairStatus.Failed, "-Reinstall needs -InstallerPath: the path of the agent MSI on the target."));
                }
                else
                {
                    results.Add(new AgentReinstaller(_gateway, _timing).Reinstall(request.InstallerPath!, request.LogPath ?? DefaultLogPath(cancellationToken), approve, cancellationToken));
                }
            }

            if (Allowed(RepairAction.RestartAgent))
            {
                results.Add(RestartAgentService(WindowsNames.GuestAgentService, request.ForceRestart, approve, cancellationToken));
                results.Add(RestartAgentService(WindowsNames.RdAgentService, request.ForceRestart, approve, cancellationToken));
            }

            if (Allowed(RepairAction.StartService))
            {
                results.Add(StartService(WindowsNames.IaaSVmProviderService, automatic: true, requireRunning: true, approve, cancellationToken));
                results.Add(StartService(WindowsNames.ComSysAppService, automatic: false, requireRunning: true, approve, cancellationToken));
                results.Add(StartService(WindowsNames.VssService, automatic: false, requireRunning: false, approve, cancellationToken));
            }

            return results;
        }

        /// <summary>Sets an agent service to Automatic and restarts it, unless it is Automatic and Running and no restart is forced.</summary>
        public RepairResult RestartAgentService(string name, bool force, Func<string, string, bool>? approve, CancellationToken cancellationToken) =>
            Guard(RepairAction.RestartAgent, () => RestartAgentServiceCore(name, force, approve, cancellationToken));

        /// <summary>
        /// Makes a service startable and starts it: Automatic when <paramref name="automatic"/>, else Manual when it is
        /// Disabled; started when it is not running (when <paramref name="requireRunning"/>) or was Disabled.
        /// </summary>
        public RepairResult StartService(string name, bool automatic, bool requireRunning, Func<string, string, bool>? approve, CancellationToken cancellationToken) =>
            Guard(RepairAction.StartService, () => StartServiceCore(name, automatic, requireRunning, approve, cancellationToken));

        private RepairResult RestartAgentServiceCore(string name, bool force, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            var service = _services.Find(name, cancellationToken);
            if (service == null)
            {
                return Result(RepairAction.RestartAgent, RepairStatus.Skipped, $"{name} is not installed; reinstall the agent (-Reinstall -InstallerPath <msi>).");
            }

            var automatic = IsAutomatic(service);
            var running = IsRunning(service);
            if (automatic && running && !force)
            {
                return Result(RepairAction.RestartAgent, RepairStatus.AlreadyHealthy, $"{name} is Automatic and Running.");
            }

            var steps = new List<string>();
            if (!automatic)
            {
                steps.Add("set start mode to Automatic");
            }

            steps.Add(running ? "restart" : "start");
            var action = $"{name}: {string.Join(", ", steps)}";
            if (approve != null && !approve(_gateway.ComputerName, action))
            {
                return Result(RepairAction.RestartAgent, RepairStatus.Skipped, NotConfirmedPrefix + action + ".");
            }

            if (!automatic)
            {
                _services.ChangeStartMode(service, "Automatic", cancellationToken);
            }

            if (running)
            {
                _services.Stop(service, cancellationToken);
            }

            _services.Start(service, cancellationToken);
            return Result(RepairAction.RestartAgent, RepairStatus.Repaired, $"{name}: {string.Join(", ", steps.Select(s => s == "restart" ? "restarted" : s == "start" ? "started" : "start mode set to Automatic"))}.");
        }

        private RepairResult StartServiceCore(string name, bool automatic, bool requireRunning, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            var service = _services.Find(name, cancellationToken);
            if (service == null)
            {
                return Result(RepairAction.StartService, RepairStatus.Skipped, $"{name} is not installed.");
            }

            var disabled = string.Equals(service.GetString("StartMode"), "Disabled", StringComparison.OrdinalIgnoreCase);
            var newMode = automatic && !IsAutomatic(service) ? "Automatic" : !automatic && disabled ? "Manual" : null;
            var start = !IsRunning(service) && (requireRunning || disabled);
            if (newMode == null && !start)
            {
                return Result(RepairAction.StartService, RepairStatus.AlreadyHealthy, $"{name} is {service.GetString("StartMode")} and {service.GetString("State")}.");
            }

            var steps = new List<string>();
            if (newMode != null)
            {
                steps.Add("set start mode to " + newMode);
            }

            if (start)
            {
                steps.Add("start");
            }

            var action = $"{name}: {string.Join(", ", steps)}";
            if (approve != null && !approve(_gateway.ComputerName, action))
            {
                return Result(RepairAction.StartService, RepairStatus.Skipped, NotConfirmedPrefix + action + ".");
            }

            if (newMode != null)
            {
                _services.ChangeStartMode(service, newMode, cancellationToken);
            }

            if (start)
            {
                _services.Start(service, cancellationToken);
            }

            return Result(RepairAction.StartService, RepairStatus.Repaired, $"{name}: {string.Join(", ", steps.Select(s => s == "start" ? "started" : s.Replace("set start mode to", "start mode set to")))}.");
        }

        private string DefaultLogPath(CancellationToken cancellationToken)
        {
            string? windows = null;
            try
            {
                windows = _gateway.QueryInstances("root/cimv2", "Win32_OperatingSystem", null, cancellationToken).FirstOrDefault()?.GetString("WindowsDirectory");
            }
            catch (CimGatewayException)
            {
                // Fall back to the usual folder.
            }

            var stamp = _clock().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            return $"{(string.IsNullOrWhiteSpace(windows) ? @"C:\Windows" : windows!.TrimEnd('\\'))}\\Temp\\AzBackupTroubleshoot-VmAgentInstall-{stamp}.log";
        }

        private RepairResult Guard(RepairAction action, Func<RepairResult> repair)
        {
            try
            {
                return repair();
            }
            catch (CimGatewayException ex)
            {
                return Result(action, RepairStatus.Failed, ex.Message);
            }
        }

        private RepairResult Result(RepairAction action, RepairStatus status, string detail) =>
            new RepairResult(_gateway.ComputerName, action, status, detail);

        private static bool IsAutomatic(CimObject service) =>
            string.Equals(service.GetString("StartMode"), "Auto", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(service.GetString("StartMode"), "Automatic", StringComparison.OrdinalIgnoreCase);

        private static bool IsRunning(CimObject service) => string.Equals(service.GetString("State"), "Running", StringComparison.OrdinalIgnoreCase);
    }
}
