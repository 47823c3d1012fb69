using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>
    /// Reads the one connectivity fact (<see cref="ConnectivityFacts"/>) of a Linux or Windows machine: the probe outcomes
    /// from inside the VM, or why there are none. Each platform's reader says when a machine must not be probed (an
    /// offline copy, a remote session, not an Azure VM without -Force); the Network.* checks then judge the same fact on
    /// both platforms.
    /// </summary>
    public sealed class ConnectivityReader
    {
        private readonly ConnectivityProber _prober;

        /// <summary>Creates a reader; without a prober, the real one.</summary>
        public ConnectivityReader(ConnectivityProber? prober = null) => _prober = prober ?? new ConnectivityProber();

        /// <summary>Probes the targets <paramref name="options"/> names, unless <paramref name="notRunReason"/> says why not or no probe was requested.</summary>
        /// <param name="options">The probes; null or not <see cref="ConnectivityOptions.Enabled"/> probes nothing.</param>
        /// <param name="wireServer">The WireServer address when <see cref="ConnectivityOptions.WireServerHost"/> is not set.</param>
        /// <param name="notRunReason">Why this machine is not probed, or null.</param>
        /// <param name="cancellationToken">Stops the probes.</param>
        public async Task<ConnectivityFacts> ReadAsync(ConnectivityOptions? options, string wireServer, string? notRunReason, CancellationToken cancellationToken)
        {
            if (notRunReason != null)
            {
                return ConnectivityFacts.NotRun(notRunReason);
            }

            if (options is null || !options.Enabled)
            {
                return ConnectivityFacts.NotRun("Connectivity probes were not requested.");
            }

            var watch = Stopwatch.StartNew();
            var outcomes = await _prober.ProbeAsync(options.Targets(wireServer), options.Timeout, options.MaxParallel, cancellationToken).ConfigureAwait(false);
            return ConnectivityFacts.Ran(outcomes, watch.Elapsed);
        }
    }
}
