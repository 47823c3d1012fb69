using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>Options of the Windows check set.</summary>
    public sealed class WindowsCheckOptions
    {
        /// <summary>
        /// Connectivity probes (ids Network.*) to run when the facts come from the local machine. They are shared with the
        /// Linux checks and supplied by the caller; a probe id with no check here reports NotApplicable.
        /// </summary>
        public IReadOnlyList<HealthCheck<WindowsFacts>> LocalNetworkChecks { get; set; } = Array.Empty<HealthCheck<WindowsFacts>>();

        /// <summary>Run the local probes even when the machine is not detected as an Azure VM (-Force).</summary>
        public bool ProbeOffAzure { get; set; }
    }

    /// <summary>
    /// The Windows checks, in report order: agent services and version, .NET, backup services, VSS copy mode, DHCP,
    /// the VMSnapshot extension and its crashes, proxy, host (Azure, CPU, memory), VSS writers, free space, agent crashes,
    /// pending restart, the WinHTTP proxy, strong cryptography, Windows Installer and the connectivity probes.
    /// Every id comes from <see cref="CheckCatalog"/>.
    /// </summary>
    public static class WindowsCheckList
    {
        private static readonly string[] ProbeIds =
        {
            CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage,
        };

        /// <summary>Builds the check set.</summary>
        public static CheckSet<WindowsFacts> Create(WindowsCheckOptions? options = null)
        {
            options ??= new WindowsCheckOptions();
            var checks = new List<HealthCheck<WindowsFacts>>();
            checks.AddRange(WindowsServiceChecks.Create());
            checks.AddRange(WindowsSystemChecks.Create());
            checks.AddRange(WindowsGuestStateChecks.Create());
            checks.AddRange(WindowsSettingsChecks.Create());
            foreach (var id in ProbeIds)
            {
                checks.Add(Probe(id, options.LocalNetworkChecks.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)), options.ProbeOffAzure));
            }

            return new CheckSet<WindowsFacts>(checks);
        }

        /// <summary>
        /// A check over the Windows facts; <paramref name="reads"/> names the fact sections it reads: when one of them could
        /// not be read, the check reports that (<see cref="FactProblem"/>) and its body does not run.
        /// </summary>
        internal static HealthCheck<WindowsFacts> Define(
            string id,
            Func<ResultBuilder, WindowsFacts, IEnumerable<HealthCheckResult>> evaluate,
            params (WindowsFactSection Section, string What)[] reads) =>
            CheckSet<WindowsFacts>.Define(id, (facts, result) => NotAvailable(facts, reads) is string reason ? new[] { result.NotApplicable(reason) } : evaluate(result, facts), facts => Unreadable(facts, reads));

        /// <summary>Why this source cannot show one of the sections read (an older capture, vssadmin over a remote session), or null.</summary>
        private static string? NotAvailable(WindowsFacts facts, (WindowsFactSection Section, string What)[] reads)
        {
            foreach (var read in reads)
            {
                if (facts.NotAvailable.TryGetValue(read.Section, out var reason))
                {
                    return reason;
                }
            }

            return null;
        }

        private static FactProblem? Unreadable(WindowsFacts facts, (WindowsFactSection Section, string What)[] reads)
        {
            foreach (var read in reads)
            {
                if (facts.ReadErrors.TryGetValue(read.Section, out var reason))
                {
                    return new FactProblem($"{read.What} from {facts.ComputerName}", $"{reason} ({read.Section})", WindowsFactsAdvice.For(facts));
                }
            }

            return null;
        }

        private static HealthCheck<WindowsFacts> Probe(string id, HealthCheck<WindowsFacts>? probe, bool probeOffAzure) =>
            CheckSet<WindowsFacts>.DefineAsync(id, async (facts, result, cancellationToken) =>
            {
                string? skip = null;
                if (facts.Source != WindowsFactsSource.Local)
                {
                    skip = facts.Source == WindowsFactsSource.Capture
                        ? "Connectivity is probed only inside the VM; a capture cannot show it."
                        : "Connectivity is probed only inside the VM; run Test-AzBackupAgentHealth in the VM to probe it.";
                }
                else if (probe == null)
                {
                    skip = "No connectivity probe is configured for this session.";
                }
                else if (!facts.IsAzureVm && !probeOffAzure)
                {
                    skip = "This machine is not detected as an Azure VM (see Host.AzurePlatform); probes run only on an Azure VM unless -Force is given.";
                }

                if (skip != null)
                {
                    return new[] { result.NotApplicable(skip) };
                }

                return await probe!.EvaluateAsync(facts, result.Context, cancellationToken).ConfigureAwait(false);
            });
    }
}
