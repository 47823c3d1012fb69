using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>The checks on machine settings the extension depends on: the WinHTTP proxy, strong cryptography and Windows Installer.</summary>
    internal static class WindowsSettingsChecks
    {
        private const string WireServer = "168.63.129.16";

        public static IEnumerable<HealthCheck<WindowsFacts>> Create()
        {
            yield return WindowsCheckList.Define(CheckCatalog.WindowsWinHttpProxy, WinHttpProxy, (WindowsFactSection.WinHttpProxy, "the WinHTTP proxy (WinHttpSettings)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsStrongCrypto, StrongCrypto, (WindowsFactSection.StrongCrypto, "the .NET Framework SchUseStrongCrypto values"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsInstallerService, Installer,
                (WindowsFactSection.WindowsInstaller, "the Windows Installer service (Win32_Service msiserver)"), (WindowsFactSection.Services, "the services (Win32_Service)"));
        }

        /// <summary>True when an entry of a WinHTTP bypass list (separated by ';' or spaces, '*' a wildcard) covers <paramref name="host"/>.</summary>
        internal static bool Bypasses(string bypass, string host) =>
            bypass.Split(new[] { ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Trim())
                .Any(e => Regex.IsMatch(host, "^" + Regex.Escape(e).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

        private static IEnumerable<HealthCheckResult> WinHttpProxy(ResultBuilder check, WindowsFacts facts)
        {
            var proxy = facts.WinHttpProxy!;
            var evidence = new[] { proxy.Describe() };
            if (!proxy.UsesProxy)
            {
                yield return check.Passed("WinHTTP uses direct access (netsh winhttp show proxy: no proxy server).", evidence);
                yield break;
            }

            if (Bypasses(proxy.Bypass, WireServer))
            {
                yield return check.Passed($"WinHTTP uses the proxy {proxy.Proxy} and bypasses {WireServer}.", evidence);
                yield break;
            }

            yield return check.Warning(
                $"WinHTTP sends traffic through the proxy {proxy.Proxy} and its bypass list ('{proxy.Bypass}') does not name {WireServer}: if the proxy blocks or rewrites WireServer traffic, the agent and extensions fail.",
                evidence,
                $"Make sure the proxy does not block {WireServer} on ports 80 and 32526, or bypass it: netsh winhttp set proxy proxy-server=\"{proxy.Proxy}\" bypass-list=\"{(proxy.Bypass.Trim().Length == 0 ? string.Empty : proxy.Bypass.Trim() + ";")}{WireServer}\" (VM assist: 'Netsh proxy configured').");
        }

        private static IEnumerable<HealthCheckResult> StrongCrypto(ResultBuilder check, WindowsFacts facts)
        {
            var settings = facts.StrongCrypto!;
            var evidence = settings.Select(s => s.Describe()).ToArray();
            var existing = settings.Where(s => s.KeyExists).ToArray();
            if (!existing.Any(s => s.Key.IndexOf("v4.0.30319", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                yield return check.NotApplicable(".NET Framework 4 has no .NETFramework\\v4.0.30319 key here; see Windows.DotNet45.", evidence);
                yield break;
            }

            var off = existing.Where(s => s.Value != null && !s.IsOn).ToArray();
            if (off.Length > 0)
            {
                var which = string.Join(", ", off.Select(s => $@"HKLM\{s.Key} ({RegistryValue.TypeName(s.Value!.Type)} {s.Value.DataText()})"));
                yield return check.Warning(
                    $"Strong cryptography is turned off for .NET: SchUseStrongCrypto is not REG_DWORD 1 under {which}. .NET code such as the backup extension then may not use TLS 1.2 and cannot open a secure channel to storage (ExtensionSnapshotFailedNoSecureNetwork).",
                    evidence,
                    "Set it to 1 under every .NET Framework key (companion article): REG ADD \"HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f, the same under SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319, then restart the VM.");
                yield break;
            }

            var on = existing.Count(s => s.IsOn);
            yield return check.Passed(on == existing.Length
                ? $"SchUseStrongCrypto is 1 under every .NET Framework key ({on})."
                : $"Strong cryptography is not turned off ({on} of {existing.Length} .NET Framework keys set SchUseStrongCrypto=1, the others leave the default). If backups fail with ExtensionSnapshotFailedNoSecureNetwork, set it under every key.", evidence);
        }

        private static IEnumerable<HealthCheckResult> Installer(ResultBuilder check, WindowsFacts facts)
        {
            var service = facts.Service(WindowsNames.InstallerService);
            const string fix = "Set-Service msiserver -StartupType Manual (HKLM\\SYSTEM\\CurrentControlSet\\Services\\Msiserver Start = 3, not 4); if it still fails, run msiexec /unregister then msiexec /regserver.";
            if (service == null)
            {
                yield return check.Failed("The Windows Installer service (msiserver) is missing: the backup extension cannot install the Visual C++ runtime it needs (ExtensionVCRedistInstallationFailure).",
                    new[] { "Win32_Service has no instance named msiserver." }, "Repair the Windows installation (sfc /scannow, DISM /Online /Cleanup-Image /RestoreHealth).");
                yield break;
            }

            var evidence = new[] { service.Describe() };
            if (service.IsDisabled)
            {
                yield return check.Failed("The Windows Installer service (msiserver) is Disabled: the backup extension cannot install the Visual C++ runtime it needs (ExtensionVCRedistInstallationFailure).", evidence, fix);
                yield break;
            }

            yield return check.Passed($"Windows Installer (msiserver) can start ({service.StartMode}, {service.State}; it starts on demand).", evidence);
        }
    }
}
