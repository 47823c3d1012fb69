using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Checks.Network
{
    /// <summary>
    /// Network.WireServer, Network.WireServerHttp, Network.Imds and Network.Storage, defined once over the shared
    /// <see cref="ConnectivityFacts"/>: the Linux and Windows check lists both use these, so the same probe outcomes give the
    /// same statuses, messages and repair on both (<see cref="ProbeVerdicts"/>). Only the remediation names each system's
    /// own firewall and proxy settings.
    /// </summary>
    public static class ConnectivityChecks
    {
        /// <summary>The Network.* ids, in report order.</summary>
        public static IReadOnlyList<string> Ids { get; } = new[]
        {
            CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage,
        };

        /// <summary>The Network.* check <paramref name="result"/> is for, with Linux remediation.</summary>
        public static IEnumerable<HealthCheckResult> OnLinux(ConnectivityFacts connectivity, ResultBuilder result) => Probes(connectivity, result, LinuxRemediation);

        /// <summary>The Network.* check <paramref name="result"/> is for, with Windows remediation.</summary>
        public static IEnumerable<HealthCheckResult> OnWindows(ConnectivityFacts connectivity, ResultBuilder result) => Probes(connectivity, result, WindowsRemediation);

        private static IEnumerable<HealthCheckResult> Probes(ConnectivityFacts connectivity, ResultBuilder result, System.Func<string, string> remediation)
        {
            var id = result.CheckId;
            if (connectivity.NotRunReason != null)
            {
                return new[] { result.NotApplicable(connectivity.NotRunReason) };
            }

            var outcomes = connectivity.Outcomes.Where(o => o.Target.CheckId == id).ToArray();
            if (outcomes.Length == 0)
            {
                return new[]
                {
                    result.NotApplicable(id == CheckCatalog.NetworkStorage
                        ? "No storage endpoints were given (-StorageEndpoint host[:port]; 443, or 8443 for managed disks)."
                        : "No endpoint was probed for this check."),
                };
            }

            // Storage that does not answer can be routed to (Add-AzDatacenterRoute); the guest does not know its region.
            return ProbeVerdicts.Judge(outcomes)
                .Select(v => v.Status == CheckStatus.Failed
                    ? result.Failed(v.Message, v.Evidence, remediation(id), id == CheckCatalog.NetworkStorage ? RepairAction.AddDatacenterRoute : RepairAction.None)
                    : result.Result(v.Status, v.Message, v.Evidence))
                .ToArray();
        }

        private static string LinuxRemediation(string id) =>
            id == CheckCatalog.NetworkImds
                ? "Allow outbound TCP to 169.254.169.254:80 in the guest firewall and exclude it from any proxy (no_proxy)."
                : id == CheckCatalog.NetworkStorage
                    ? "Allow outbound HTTPS to Azure Storage in the VM's region (NSG service tag Storage.<region>; 8443 for managed disks), or route it through the proxy in HttpProxy.Host/HttpProxy.Port."
                    : "Allow outbound TCP to 168.63.129.16 on ports 80 and 32526 in the guest firewall (iptables/nftables/firewalld) and keep it out of any proxy (no_proxy); " + ProbeVerdicts.WireServerPortSource + ".";

        private static string WindowsRemediation(string id) =>
            id == CheckCatalog.NetworkImds
                ? "Allow outbound TCP to 169.254.169.254:80 in Windows Firewall and any security software, and keep it out of the proxy."
                : id == CheckCatalog.NetworkStorage
                    ? "Allow outbound HTTPS to Azure Storage in the VM's region (NSG service tag Storage.<region>; 8443 for managed disks), or set LocalSystem's proxy to one that allows it."
                    : "Allow outbound TCP to 168.63.129.16 on ports 80 and 32526 in Windows Firewall (Get-NetFirewallRule -Direction Outbound -Action Block) and in any security software, not through a proxy; " + ProbeVerdicts.WireServerPortSource + ".";
    }
}
