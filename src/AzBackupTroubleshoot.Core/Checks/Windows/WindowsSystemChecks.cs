using AzBackupTroubleshoot.Core.Checks.Host;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>The checks on VSS copy mode, network, the VMSnapshot extension, proxy and the host.</summary>
    internal static class WindowsSystemChecks
    {
        public static IEnumerable<HealthCheck<WindowsFacts>> Create()
        {
            yield return WindowsCheckList.Define(CheckCatalog.WindowsVssCopyMode, VssCopyMode, (WindowsFactSection.Services, "the services (Win32_Service)"), (WindowsFactSection.BcdrAgent, "the BCDRAGENT registry keys"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsDhcp, Dhcp, (WindowsFactSection.NetworkAdapters, "the network adapters (Win32_NetworkAdapterConfiguration)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsSnapshotExtension, SnapshotExtension, (WindowsFactSection.SnapshotExtension, "the VMSnapshot extension folders and handler state"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsExtensionCrashes, ExtensionCrashes, (WindowsFactSection.EventLog, "the Application event log (Win32_NTLogEvent)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsProxy, Proxy, (WindowsFactSection.Proxy, "LocalSystem's Internet Settings"));
            yield return CheckSet<WindowsFacts>.Define(CheckCatalog.HostAzurePlatform, (facts, result) => HostChecks.AzurePlatform(WindowsHostFacts.From(facts), result));
            yield return CheckSet<WindowsFacts>.Define(CheckCatalog.HostCpuPressure, (facts, result) => HostChecks.Cpu(WindowsHostFacts.From(facts), result));
            yield return CheckSet<WindowsFacts>.Define(CheckCatalog.HostMemoryPressure, (facts, result) => HostChecks.Memory(WindowsHostFacts.From(facts), result));
        }

        private static IEnumerable<HealthCheckResult> VssCopyMode(ResultBuilder check, WindowsFacts facts)
        {
            var value = facts.BcdrAgentValue(WindowsNames.UseVssCopyBackupValue);
            var key = @"HKLM\" + WindowsNames.BcdrAgentKey;
            var evidence = new List<string>
            {
                value == null
                    ? (facts.BcdrAgentValues == null ? $"{key} does not exist." : $"{key} has no {WindowsNames.UseVssCopyBackupValue} value.")
                    : $"{key} {value}",
            };
            if (facts.BcdrAgentPersistentValues != null)
            {
                evidence.AddRange(facts.BcdrAgentPersistentValues.Select(v => $@"HKLM\{WindowsNames.BcdrAgentPersistentKeysKey} {v}"));
            }

            var sql = facts.SqlServerInstances;
            var enabled = value?.Type == RegistryValueType.String && string.Equals(value.AsString?.Trim(), WindowsNames.UseVssCopyBackupData, StringComparison.OrdinalIgnoreCase);
            if (sql.Count == 0)
            {
                yield return check.Result(CheckStatus.NotApplicable, $"No SQL Server instance is installed; VSS copy mode is {(enabled ? "on" : "off")}.", evidence);
                yield break;
            }

            var names = string.Join(", ", sql.Select(s => s.Name));
            evidence.Insert(0, "SQL Server: " + string.Join("; ", sql.Select(s => s.Describe())));
            if (enabled)
            {
                yield return check.Result(CheckStatus.Passed, $"SQL Server ({names}) is installed and backups take VSS copy backups ({WindowsNames.UseVssCopyBackupValue}=TRUE).", evidence);
                yield break;
            }

            var wrongType = value != null && !enabled
                ? $" ({WindowsNames.UseVssCopyBackupValue} is {RegistryValue.TypeName(value.Type)} '{value.DataText()}'; only REG_SZ TRUE turns copy mode on)"
                : string.Empty;
            yield return check.Result(CheckStatus.Warning,
                $"SQL Server ({names}) is installed and VSS copy mode is off{wrongType}: Azure Backup takes full VSS backups, which reset the SQL Server differential backup chain.",
                evidence,
                "Run Set-AzBackupVssCopyMode -Enabled $true (it writes USEVSSCOPYBACKUP=TRUE as REG_SZ under HKLM\\SOFTWARE\\Microsoft\\BCDRAGENT), then take a full SQL Server backup so differential backups work again.",
                RepairAction.SetVssCopyMode);
        }

        private static IEnumerable<HealthCheckResult> Dhcp(ResultBuilder check, WindowsFacts facts)
        {
            var adapters = facts.NetworkAdapters!;
            var evidence = adapters.Select(a => $"Adapter {a.Index} '{a.Description}': DHCPEnabled={a.DhcpEnabled} IPAddress={string.Join(",", a.IPAddresses)} DHCPServer={a.DhcpServer ?? "-"}").ToArray();
            if (adapters.Count == 0)
            {
                yield return check.Result(CheckStatus.Failed, "No IP-enabled network adapter was found.", evidence, "Check the VM's network adapter in Device Manager and the Azure NIC configuration.");
                yield break;
            }

            var staticOnes = adapters.Where(a => !a.DhcpEnabled).ToArray();
            if (staticOnes.Length > 0)
            {
                yield return check.Result(CheckStatus.Failed,
                    $"DHCP is off on {string.Join(", ", staticOnes.Select(a => $"'{a.Description}' ({string.Join(",", a.IPAddresses)})"))}: the agent finds the WireServer through DHCP and the snapshot status cannot be retrieved.",
                    evidence,
                    "Turn DHCP back on in the guest (Set-NetIPInterface -InterfaceIndex <n> -Dhcp Enabled) and set a static address on the Azure NIC instead (the VM keeps it through DHCP).");
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"DHCP is on for every IP-enabled adapter ({adapters.Count}).", evidence);
        }

        private static IEnumerable<HealthCheckResult> SnapshotExtension(ResultBuilder check, WindowsFacts facts)
        {
            var ext = facts.SnapshotExtension!;
            var evidence = new List<string> { ext.FolderExists ? $"{ext.Folder} versions: {(ext.Versions.Count == 0 ? "none" : string.Join(", ", ext.Versions))}" : $"{ext.Folder} does not exist." };
            evidence.AddRange(ext.HandlerStates.Select(h => $@"HKLM\{h.Key}: InstallState={h.InstallState ?? "-"} SequenceNumber={h.SequenceNumber?.ToString(CultureInfo.InvariantCulture) ?? "-"}"));
            const string reinstall = "Uninstall the VMSnapshot extension (Uninstall-AzVmSnapshotExtension, or the portal's Extensions blade) and run a backup: Azure Backup installs it again.";
            if (!ext.FolderExists && ext.HandlerStates.Count == 0)
            {
                yield return check.Result(CheckStatus.Warning,
                    "The VMSnapshot extension is not installed; Azure Backup installs it at the first backup.",
                    evidence,
                    "If backup is configured and has run, the agent is not installing extensions: check Windows.GuestAgentService and Windows.AgentVersion, then run a backup.");
                yield break;
            }

            if (ext.Versions.Count == 0)
            {
                yield return check.Result(CheckStatus.Warning, "The VMSnapshot handler is registered but has no version folder.", evidence, reinstall, RepairAction.UninstallSnapshotExtension);
                yield break;
            }

            var latest = ext.Versions[ext.Versions.Count - 1];
            evidence.Add($"Files in {latest}: {(ext.LatestVersionFiles.Count == 0 ? "none" : string.Join(", ", ext.LatestVersionFiles))}");
            var state = ext.HandlerStates.FirstOrDefault(h => string.Equals(h.Version, latest, StringComparison.OrdinalIgnoreCase));
            if (state == null)
            {
                yield return check.Result(CheckStatus.Warning, $"VMSnapshot {latest} has no handler state key; the agent has not finished installing it.", evidence, reinstall, RepairAction.UninstallSnapshotExtension);
                yield break;
            }

            if (!string.Equals(state.InstallState, "Enabled", StringComparison.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Failed, $"VMSnapshot {latest} is in handler state '{state.InstallState ?? "(none)"}', not Enabled.", evidence, reinstall, RepairAction.UninstallSnapshotExtension);
                yield break;
            }

            if (!ext.LatestVersionFiles.Contains(WindowsNames.ExtensionProcessName, StringComparer.OrdinalIgnoreCase))
            {
                yield return check.Result(CheckStatus.Failed,
                    $"VMSnapshot {latest} is Enabled but {WindowsNames.ExtensionProcessName} is missing from its folder (removed by antivirus, or a broken install).",
                    evidence,
                    "Exclude C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot from antivirus scanning, then " + char.ToLowerInvariant(reinstall[0]) + reinstall.Substring(1),
                    RepairAction.UninstallSnapshotExtension);
                yield break;
            }

            yield return check.Result(CheckStatus.Passed, $"VMSnapshot {latest} is installed and its handler is Enabled.", evidence);
        }

        private static IEnumerable<HealthCheckResult> ExtensionCrashes(ResultBuilder check, WindowsFacts facts)
        {
            var events = facts.ExtensionCrashEvents!;
            var since = (facts.ReferenceTimeUtc - WindowsNames.CrashWindow).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            if (events.Count == 0)
            {
                yield return check.Result(CheckStatus.Passed, $"No '{WindowsNames.ExtensionProcessName}' crash in the Application log since {since}.");
                yield break;
            }

            yield return check.Result(CheckStatus.Failed,
                $"{WindowsNames.ExtensionProcessName} crashed {events.Count} time(s) since {since}: antivirus or application control is probably blocking it (VMRestorePointInternalError).",
                events.Take(10).Select(e => $"{e.TimeGenerated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {e.SourceName} {e.EventCode}: {e.FirstLine}").ToArray(),
                "Exclude C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot and C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot from antivirus scanning, allow IaaSBcdrExtension.exe in AppLocker/WDAC, then run a backup.");
        }

        private static IEnumerable<HealthCheckResult> Proxy(ResultBuilder check, WindowsFacts facts)
        {
            var values = facts.LocalSystemInternetSettings;
            var key = @"HKU\" + WindowsNames.LocalSystemInternetSettingsKey;
            RegistryValue? Value(string name) => values?.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
            var enable = Value("ProxyEnable");
            var server = Value("ProxyServer")?.DataText();
            var bypass = Value("ProxyOverride")?.DataText();
            var pac = Value("AutoConfigURL")?.DataText();
            var evidence = values == null
                ? new[] { $"{key} does not exist." }
                : new[] { "ProxyEnable", "ProxyServer", "ProxyOverride", "AutoConfigURL" }.Select(n => Value(n)).Where(v => v != null).Select(v => $"{key} {v}").DefaultIfEmpty($"{key} has no proxy values.").ToArray();
            var enabled = enable?.AsDWord.GetValueOrDefault() == 1;
            if (!enabled && string.IsNullOrWhiteSpace(pac))
            {
                yield return check.Result(CheckStatus.Passed, "LocalSystem uses no WinINET proxy; the backup extension connects directly.", evidence);
                yield break;
            }

            var route = enabled ? $"proxy {(string.IsNullOrWhiteSpace(server) ? "(ProxyEnable=1 but no ProxyServer)" : server)}" : $"proxy auto-configuration {pac}";
            yield return check.Result(CheckStatus.Warning,
                $"LocalSystem sends HTTP through {route}{(string.IsNullOrWhiteSpace(bypass) ? string.Empty : $" (bypass: {bypass})")}; the backup extension's storage traffic goes through it.",
                evidence,
                "Make sure the proxy lets LocalSystem reach Azure Storage without authentication ('(407) Proxy Authentication Required' means it does not) and that 168.63.129.16 is not proxied; see 'Using an HTTP proxy for VM backups'.");
        }
    }
}
