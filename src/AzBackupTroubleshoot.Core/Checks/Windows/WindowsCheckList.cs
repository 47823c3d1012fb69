using AzBackupTroubleshoot.Core.Checks.Network;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>Options of a Windows health run.</summary>
    public sealed class WindowsCheckOptions
    {
        /// <summary>
        /// The connectivity probes (Network.*) for the local machine; its Force also probes off Azure. Null, a capture or a
        /// remote session probes nothing (the Network.* checks say why).
        /// </summary>
        public ConnectivityOptions? Connectivity { get; set; }
    }

    /// <summary>
    /// The Windows checks, in report order: agent services and version, .NET, backup services, VSS copy mode, DHCP,
    /// the VMSnapshot extension and its crashes, proxy, host (Azure, CPU, memory), VSS writers, free space, agent crashes,
    /// pending restart, the WinHTTP proxy, strong cryptography, Windows Installer, folder permissions and the connectivity probes.
    /// Every id comes from <see cref="CheckCatalog"/>.
    /// </summary>
    public static class WindowsCheckList
    {
        /// <summary>Builds the check set.</summary>
        public static CheckSet<WindowsFacts> Create()
        {
            var checks = new List<HealthCheck<WindowsFacts>>();
            checks.AddRange(WindowsServiceChecks.Create());
            checks.AddRange(WindowsSystemChecks.Create());
            checks.AddRange(WindowsGuestStateChecks.Create());
            checks.AddRange(WindowsSettingsChecks.Create());
            checks.AddRange(WindowsFolderPermissionChecks.Create());
            checks.AddRange(ConnectivityChecks.Ids.Select(id => CheckSet<WindowsFacts>.Define(id, (facts, result) => ConnectivityChecks.OnWindows(facts.Connectivity, result))));

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
    }
}
