using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>The checks on the guest agent, .NET and the services the backup extension needs.</summary>
    internal static class WindowsServiceChecks
    {
        private const string ServiceSection = "the services (Win32_Service)";

        public static IEnumerable<HealthCheck<WindowsFacts>> Create()
        {
            yield return WindowsCheckList.Define(CheckCatalog.WindowsGuestAgentService, GuestAgent, (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsRdAgentService, (c, f) => AgentService(c, f, WindowsNames.RdAgentService), (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsAgentVersion, AgentVersion, (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsDotNet45, DotNet, (WindowsFactSection.DotNet, "the .NET Framework registry key"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsIaaSVmProvider, IaaSVmProvider, (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsVssService, Vss, (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsComSysApp, ComSysApp, (WindowsFactSection.Services, ServiceSection));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsMsdtc, Msdtc, (WindowsFactSection.Services, ServiceSection));
        }

        private static IEnumerable<HealthCheckResult> GuestAgent(ResultBuilder check, WindowsFacts facts)
        {
            foreach (var result in AgentService(check, facts, WindowsNames.GuestAgentService))
            {
                yield return result;
            }

            var telemetry = facts.Service(WindowsNames.TelemetryService);
            if (telemetry != null && !telemetry.IsDisabled && !telemetry.IsRunning)
            {
                yield return check.Result(CheckStatus.Warning,
                    $"{WindowsNames.TelemetryService} is {telemetry.State}; on agents before 2.7.41491.971 it runs beside the guest agent.",
                    new[] { telemetry.Describe() },
                    "Start it (Start-Service WindowsAzureTelemetryService) or update the agent, which no longer needs it.",
                    RepairAction.RestartAgent);
            }
        }

        private static IEnumerable<HealthCheckResult> AgentService(ResultBuilder check, WindowsFacts facts, string name)
        {
            var service = facts.Service(name);
            if (service == null)
            {
                yield return check.Result(CheckStatus.Failed,
                    $"The {name} service is not installed: the VM agent is missing.",
                    new[] { $"Win32_Service has no instance named {name}." },
                    "Install the latest VM agent MSI (Repair-AzBackupAgent -Reinstall -InstallerPath <msi>, or run the MSI in the VM), then run a backup.",
                    RepairAction.ReinstallAgent);
                yield break;
            }

            var evidence = new List<string> { service.Describe() };
            if (name == WindowsNames.GuestAgentService && facts.Service(WindowsNames.TelemetryService) == null)
            {
                evidence.Add($"{WindowsNames.TelemetryService} is not installed (folded into the guest agent from 2.7.41491.971).");
            }

            if (service.IsAutomatic && service.IsRunning)
            {
                yield return check.Result(CheckStatus.Passed, $"{name} is Automatic and Running.", evidence);
                yield break;
            }

            yield return check.Result(CheckStatus.Failed,
                $"{name} is {service.State} with start mode {service.StartMode}; it must be Automatic and Running or the agent cannot report to Azure Backup (UserErrorGuestAgentStatusUnavailable).",
                evidence,
                $"Repair-AzBackupAgent sets {name} to Automatic and restarts the agent services; by hand: Set-Service {name} -StartupType Automatic; Restart-Service {name}. If it stops again, reinstall the agent.",
                RepairAction.RestartAgent);
        }

        private static IEnumerable<HealthCheckResult> AgentVersion(ResultBuilder check, WindowsFacts facts)
        {
            var agent = facts.Service(WindowsNames.GuestAgentService);
            if (agent == null)
            {
                yield return check.Result(CheckStatus.NotApplicable, "The guest agent is not installed; see Windows.GuestAgentService.");
                yield break;
            }

            var minimum = WindowsNames.MinimumAgentVersion;
            if (facts.AgentVersion == null)
            {
                yield return check.Result(CheckStatus.Warning,
                    "The guest agent's version could not be told from its image path or file version.",
                    new[] { $"PathName: {agent.PathName}" },
                    $"Check the file version of WindowsAzureGuestAgent.exe; it must be {minimum} or later.");
                yield break;
            }

            var evidence = new[] { $"Version {facts.AgentVersion} from {facts.AgentVersionSource}", $"Minimum supported: {minimum} (KB 4049215)" };
            if (facts.AgentVersion < minimum)
            {
                yield return check.Result(CheckStatus.Failed,
                    $"The guest agent {facts.AgentVersion} is older than the minimum supported {minimum}.",
                    evidence,
                    "Install the latest VM agent MSI (Repair-AzBackupAgent -Reinstall -InstallerPath <msi>); the agent updates itself only when RdAgent can reach the WireServer.",
                    RepairAction.ReinstallAgent);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"The guest agent is {facts.AgentVersion} (minimum {minimum}).", evidence);
        }

        private static IEnumerable<HealthCheckResult> DotNet(ResultBuilder check, WindowsFacts facts)
        {
            const string remediation = "Install .NET Framework 4.8 (or at least 4.5) in the VM and restart it; the agent and the backup extension need .NET Framework 4.5 or later.";
            var key = @"HKLM\" + WindowsNames.DotNetFullKey;
            if (!facts.DotNetFullKeyExists)
            {
                yield return check.Result(CheckStatus.Failed, ".NET Framework 4.5 or later is not installed.", new[] { $"{key} does not exist." }, remediation);
                yield break;
            }

            var release = facts.DotNetRelease;
            if (release?.AsDWord == null)
            {
                var seen = release == null ? "has no Release value" : $"has Release as {RegistryValue.TypeName(release.Type)} '{release.DataText()}', not REG_DWORD";
                yield return check.Result(CheckStatus.Failed, ".NET Framework 4.5 or later is not installed (no REG_DWORD Release value).", new[] { $"{key} {seen}." }, remediation);
                yield break;
            }

            var value = release.AsDWord.Value;
            var name = DotNetFrameworkRelease.Name(value);
            var evidence = new[] { $"{key} Release (REG_DWORD) = {value.ToString(CultureInfo.InvariantCulture)}", $".NET Framework 4.5 is Release {WindowsNames.DotNet45Release} or more." };
            if (name == null)
            {
                yield return check.Result(CheckStatus.Failed, $".NET Framework is older than 4.5 (Release {value}).", evidence, remediation);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $".NET Framework {name} is installed (Release {value}).", evidence);
        }

        private static IEnumerable<HealthCheckResult> IaaSVmProvider(ResultBuilder check, WindowsFacts facts)
        {
            var service = facts.Service(WindowsNames.IaaSVmProviderService);
            if (service == null)
            {
                yield return check.Result(CheckStatus.Warning,
                    "The IaaSVmProvider service is not installed; Azure Backup adds it with the VMSnapshot extension at the first backup.",
                    new[] { "Win32_Service has no instance named IaaSVmProvider." },
                    "If backup is already configured for this VM, run a backup; if the service still does not appear, see Windows.SnapshotExtension.");
                yield break;
            }

            if (!service.IsAutomatic)
            {
                yield return check.Result(CheckStatus.Failed,
                    $"IaaSVmProvider starts {service.StartMode}; it must start automatically or the backup extension cannot load.",
                    new[] { service.Describe() },
                    "Repair-AzBackupAgent sets it to Automatic and starts it; by hand: Set-Service IaaSVmProvider -StartupType Automatic; Start-Service IaaSVmProvider.",
                    RepairAction.StartService);
                yield break;
            }

            if (!service.IsRunning)
            {
                yield return check.Result(CheckStatus.Warning,
                    $"IaaSVmProvider is Automatic but {service.State}.",
                    new[] { service.Describe() },
                    "Repair-AzBackupAgent starts it; by hand: Start-Service IaaSVmProvider.",
                    RepairAction.StartService);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, "IaaSVmProvider is Automatic and Running.", new[] { service.Describe() });
        }

        private static IEnumerable<HealthCheckResult> Vss(ResultBuilder check, WindowsFacts facts) =>
            StartableService(check, facts, WindowsNames.VssService, "Volume Shadow Copy", requireRunning: false,
                "Without VSS no application-consistent snapshot is taken (ExtensionFailedVssServiceInBadState).");

        private static IEnumerable<HealthCheckResult> ComSysApp(ResultBuilder check, WindowsFacts facts) =>
            StartableService(check, facts, WindowsNames.ComSysAppService, "COM+ System Application", requireRunning: true,
                "The backup extension needs COM+ (ExtensionSnapshotFailedCOM, ExtensionInstallationFailedCOM).");

        private static IEnumerable<HealthCheckResult> StartableService(ResultBuilder check, WindowsFacts facts, string name, string displayName, bool requireRunning, string why)
        {
            var service = facts.Service(name);
            if (service == null)
            {
                yield return check.Result(CheckStatus.Failed, $"The {displayName} service ({name}) is missing. {why}", new[] { $"Win32_Service has no instance named {name}." }, "Repair the Windows installation (sfc /scannow, DISM /Online /Cleanup-Image /RestoreHealth).");
                yield break;
            }

            var evidence = new[] { service.Describe() };
            var repair = $"Repair-AzBackupAgent sets it to Manual if it is Disabled and starts it; by hand: Set-Service {name} -StartupType Manual; Start-Service {name}.";
            if (service.IsDisabled)
            {
                yield return check.Result(CheckStatus.Failed, $"{displayName} ({name}) is Disabled and cannot start. {why}", evidence, repair, RepairAction.StartService);
                yield break;
            }

            if (requireRunning && !service.IsRunning)
            {
                yield return check.Result(CheckStatus.Warning, $"{displayName} ({name}) is {service.State}; the troubleshooting article asks for it to be running. {why}", evidence, repair, RepairAction.StartService);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"{displayName} ({name}) can start ({service.StartMode}, {service.State}).", evidence);
        }

        private static IEnumerable<HealthCheckResult> Msdtc(ResultBuilder check, WindowsFacts facts)
        {
            const string reinstall = "Run in the VM as administrator: msdtc -uninstall, then msdtc -install, then Start-Service MSDTC (backup-azure-vms-troubleshoot.md, ExtensionInstallationFailedMDTC).";
            var service = facts.Service(WindowsNames.MsdtcService);
            if (service == null)
            {
                yield return check.Result(CheckStatus.Failed, "The Distributed Transaction Coordinator (MSDTC) is not installed.", new[] { "Win32_Service has no instance named MSDTC." }, reinstall);
                yield break;
            }

            var evidence = new[] { service.Describe() };
            // "NT AUTHORITY\NetworkService" and "NT AUTHORITY\Network Service" name the same account.
            var account = (service.StartName ?? string.Empty).Replace(" ", string.Empty);
            if (!string.Equals(account, WindowsNames.MsdtcAccount.Replace(" ", string.Empty), StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Failed, $"MSDTC runs as '{service.StartName}'; it must run as {WindowsNames.MsdtcAccount} or the backup extension fails to install (ExtensionInstallationFailedMDTC).", evidence, reinstall);
                yield break;
            }

            if (service.IsDisabled || !service.IsRunning)
            {
                yield return check.Result(CheckStatus.Warning, $"MSDTC runs as {WindowsNames.MsdtcAccount} but is {service.State} ({service.StartMode}).", evidence, "Set-Service MSDTC -StartupType Automatic; Start-Service MSDTC.");
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"MSDTC is running as {WindowsNames.MsdtcAccount}.", evidence);
        }
    }
}
