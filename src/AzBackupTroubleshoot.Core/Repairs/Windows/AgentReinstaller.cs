using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Repairs.Windows
{
    /// <summary>
    /// Reinstalls the Windows VM agent through Win32_Process.Create, so it works on a remote machine too: uninstalls every
    /// installed "Windows Azure VM Agent" product (<c>msiexec /x {ProductCode} /quiet /norestart /l*v &lt;log&gt;</c>), then
    /// installs the given MSI (<c>msiexec /i &lt;msi&gt; /quiet /norestart /l*v &lt;log&gt;</c>), waiting for each msiexec
    /// process to end. Paths are paths on the target machine.
    /// </summary>
    public sealed class AgentReinstaller
    {
        private const string Cimv2 = "root/cimv2";

        private static readonly string[] UninstallKeys =
        {
            WindowsNames.UninstallKey,
            @"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
        };

        private readonly ICimGateway _gateway;
        private readonly CimRegistry _registry;
        private readonly WindowsRepairTiming _timing;

        /// <summary>Creates the reinstaller.</summary>
        public AgentReinstaller(ICimGateway gateway, WindowsRepairTiming? timing = null)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _registry = new CimRegistry(gateway);
            _timing = timing ?? new WindowsRepairTiming();
        }

        /// <summary>The installed agent products: product code (the Uninstall subkey) and DisplayName.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> FindInstalledAgents(CancellationToken cancellationToken)
        {
            var found = new List<KeyValuePair<string, string>>();
            foreach (var root in UninstallKeys)
            {
                foreach (var code in _registry.GetSubKeyNames(RegistryHive.LocalMachine, root, cancellationToken) ?? Array.Empty<string>())
                {
                    var name = _registry.GetString(RegistryHive.LocalMachine, root + "\\" + code, "DisplayName", cancellationToken);
                    if (name != null && name.StartsWith(WindowsNames.AgentProductNamePrefix, StringComparison.OrdinalIgnoreCase) &&
                        code.StartsWith("{", StringComparison.Ordinal) && !found.Any(f => string.Equals(f.Key, code, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add(new KeyValuePair<string, string>(code, name));
                    }
                }
            }

            return found;
        }

        /// <summary>The command line of one msiexec run, built from an argument list.</summary>
        public static string CommandLine(IEnumerable<string> arguments) => ArgumentQuoting.Join(arguments);

        /// <summary>Uninstalls and installs the agent.</summary>
        /// <param name="installerPath">The MSI on the target, for example <c>C:\Temp\WindowsAzureVmAgent.msi</c>.</param>
        /// <param name="logPath">The install log on the target; the uninstall log is written beside it with <c>.uninstall</c> added.</param>
        /// <param name="approve">Asked (target, action) right before the first change; false makes no change.</param>
        /// <param name="cancellationToken">Stops between steps.</param>
        public RepairResult Reinstall(string installerPath, string logPath, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            try
            {
                return ReinstallCore(installerPath, logPath, approve, cancellationToken);
            }
            catch (CimGatewayException ex)
            {
                return new RepairResult(_gateway.ComputerName, RepairAction.ReinstallAgent, RepairStatus.Failed, ex.Message);
            }
        }

        private RepairResult ReinstallCore(string installerPath, string logPath, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            var target = _gateway.ComputerName;
            if (!IsWindowsMsiPath(installerPath))
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Failed, $"'{installerPath}' is not a full path to an .msi file on the target (for example C:\\Temp\\WindowsAzureVmAgent.msi).");
            }

            if (!IsWindowsPath(logPath))
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Failed, $"'{logPath}' is not a full Windows path for the install log.");
            }

            if (!InstallerExists(installerPath, cancellationToken))
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Failed, $"The installer {installerPath} does not exist on {target}; copy the agent MSI there first.");
            }

            var installed = FindInstalledAgents(cancellationToken);
            var uninstallLog = logPath.EndsWith(".log", StringComparison.OrdinalIgnoreCase)
                ? logPath.Substring(0, logPath.Length - 4) + ".uninstall.log"
                : logPath + ".uninstall.log";
            var plan = installed.Count == 0
                ? $"Install {installerPath} (no agent product is installed)"
                : $"Uninstall {string.Join(", ", installed.Select(p => $"{p.Value} {p.Key}"))}, then install {installerPath}";
            if (approve != null && !approve(target, plan))
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Skipped, WindowsAgentRepair.NotConfirmedPrefix + plan + ".");
            }

            try
            {
                foreach (var product in installed)
                {
                    Run(new[] { "msiexec.exe", "/x", product.Key, "/quiet", "/norestart", "/l*v", uninstallLog }, cancellationToken);
                }

                Run(new[] { "msiexec.exe", "/i", installerPath, "/quiet", "/norestart", "/l*v", logPath }, cancellationToken);
            }
            catch (CimGatewayException ex)
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Failed, ex.Message + $" See {logPath} on {target}.");
            }

            var agent = new WindowsServiceControl(_gateway, _timing).Find(WindowsNames.GuestAgentService, cancellationToken);
            if (agent == null)
            {
                return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Failed, $"msiexec ran but the {WindowsNames.GuestAgentService} service is not installed; see {logPath} on {target}.");
            }

            var removed = installed.Count == 0 ? string.Empty : $"Uninstalled {string.Join(", ", installed.Select(p => p.Value))}; ";
            return new RepairResult(target, RepairAction.ReinstallAgent, RepairStatus.Repaired, $"{removed}installed {installerPath}; {WindowsNames.GuestAgentService} is {agent.GetString("State")}. Log: {logPath}.");
        }

        private bool InstallerExists(string path, CancellationToken cancellationToken)
        {
            try
            {
                return _gateway.QueryInstances(Cimv2, "CIM_DataFile", $"Name='{path.Replace("\\", "\\\\").Replace("'", "\\'")}'", cancellationToken)
                    .Any(f => string.Equals(f.GetString("Name"), path, StringComparison.OrdinalIgnoreCase));
            }
            catch (CimGatewayException ex) when (ex.ErrorId == CimGatewayException.NotInCapture)
            {
                return false;
            }
        }

        private void Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var commandLine = CommandLine(arguments);
            var result = _gateway.InvokeMethod(Cimv2, "Win32_Process", "Create", new Dictionary<string, object?> { ["CommandLine"] = commandLine }, cancellationToken);
            var code = CimValue.ToInt64(result.TryGetValue("ReturnValue", out var rv) ? rv : null) ?? -1;
            var pid = CimValue.ToInt64(result.TryGetValue("ProcessId", out var p) ? p : null);
            if (code != 0 || !pid.HasValue)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, _gateway.ComputerName, $"Win32_Process.Create '{commandLine}' returned {code.ToString(CultureInfo.InvariantCulture)}.");
            }

            var deadline = DateTime.UtcNow + _timing.InstallerTimeout;
            while (_gateway.QueryInstances(Cimv2, "Win32_Process", $"ProcessId={pid.Value.ToString(CultureInfo.InvariantCulture)}", cancellationToken)
                .Any(x => CimValue.ToInt64(x["ProcessId"]) == pid.Value))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new CimGatewayException(CimGatewayException.OperationFailed, _gateway.ComputerName, $"'{commandLine}' (process {pid.Value}) is still running after {_timing.InstallerTimeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min.");
                }

                cancellationToken.WaitHandle.WaitOne(_timing.PollInterval);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static bool IsWindowsPath(string? path) =>
            path != null && path.Length > 3 && char.IsLetter(path[0]) && path[1] == ':' && path[2] == '\\' && path.IndexOfAny(new[] { '"', '*', '?', '<', '>', '|' }) < 0;

        private static bool IsWindowsMsiPath(string? path) =>
            IsWindowsPath(path) && path!.EndsWith(".msi", StringComparison.OrdinalIgnoreCase);
    }
}
