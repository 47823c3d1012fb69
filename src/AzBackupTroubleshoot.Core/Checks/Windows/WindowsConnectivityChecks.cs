using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>
    /// The connectivity probes (Network.*) for a Windows VM checked from inside: the shared <see cref="ConnectivityProber"/>
    /// aimed at the WireServer (80 and 32526 required, 443 informational, and GET /?comp=versions), IMDS and the given storage endpoints, with
    /// Windows remediation. Plug them into <see cref="WindowsCheckOptions.LocalNetworkChecks"/>: the check set runs them
    /// only for a local session on an Azure VM (or with -Force).
    /// </summary>
    public static class WindowsConnectivityChecks
    {
        /// <summary>The WireServer address when none is configured.</summary>
        public const string DefaultWireServer = "168.63.129.16";

        /// <summary>One check per Network.* id.</summary>
        public static IReadOnlyList<HealthCheck<WindowsFacts>> Create(ConnectivityOptions options, ConnectivityProber? prober = null)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            prober ??= new ConnectivityProber();
            var targets = options.Targets(DefaultWireServer);
            var ids = new[] { CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage };
            return ids.Select(id => Probe(id, targets.Where(t => t.CheckId == id).ToArray(), options, prober)).ToArray();
        }

        private static HealthCheck<WindowsFacts> Probe(string id, IReadOnlyList<ProbeTarget> targets, ConnectivityOptions options, ConnectivityProber prober) =>
            CheckSet<WindowsFacts>.DefineAsync(id, async (facts, result, cancellationToken) =>
            {
                if (targets.Count == 0)
                {
                    return new[]
                    {
                        result.NotApplicable(id == CheckCatalog.NetworkStorage
                            ? "No storage endpoints were given (-StorageEndpoint host[:port]; 443, or 8443 for managed disks)."
                            : "No endpoint was probed for this check."),
                    };
                }

                var outcomes = await prober.ProbeAsync(targets, options.Timeout, options.MaxParallel, cancellationToken).ConfigureAwait(false);
                return ProbeVerdicts.Judge(outcomes)
                    .Select(v => v.Status == CheckStatus.Failed
                        ? result.Failed(v.Message, v.Evidence, Remediation(id), id == CheckCatalog.NetworkStorage ? RepairAction.AddDatacenterRoute : RepairAction.None)
                        : result.Result(v.Status, v.Message, v.Evidence))
                    .ToArray();
            });

        private static string Remediation(string id)
        {
            switch (id)
            {
                case CheckCatalog.NetworkImds:
                    return "Allow outbound TCP to 169.254.169.254:80 in Windows Firewall and any security software, and keep it out of the proxy.";
                case CheckCatalog.NetworkStorage:
                    return "Allow outbound HTTPS to Azure Storage in the VM's region (NSG service tag Storage.<region>; 8443 for managed disks), or set LocalSystem's proxy to one that allows it.";
                default:
                    return "Allow outbound TCP to 168.63.129.16 on ports 80 and 32526 in Windows Firewall (Get-NetFirewallRule -Direction Outbound -Action Block) and in any security software, not through a proxy; " + ProbeVerdicts.WireServerPortSource + ".";;
            }
        }
    }
}
