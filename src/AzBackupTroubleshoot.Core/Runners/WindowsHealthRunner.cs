using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Network;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>
    /// The Windows part of Test-AzBackupAgentHealth for one machine: reads the facts through the gateway (time windows
    /// measured from the capture time for a capture, from now otherwise), then runs the Windows checks on them.
    /// </summary>
    public sealed class WindowsHealthRunner
    {
        private readonly CheckEngine _engine;
        private readonly WindowsCheckOptions _options;
        private readonly Func<DateTimeOffset> _clock;
        private readonly ConnectivityProber? _prober;

        /// <summary>The WireServer's address: Windows VMs reach it at the fixed address (no DHCP option 245 is read).</summary>
        private const string WireServer = "168.63.129.16";

        /// <summary>Creates the test; <paramref name="prober"/> replaces the real connectivity prober (tests).</summary>
        public WindowsHealthRunner(CheckEngine? engine = null, WindowsCheckOptions? options = null, Func<DateTimeOffset>? clock = null, ConnectivityProber? prober = null)
        {
            _prober = prober;
            _engine = engine ?? new CheckEngine();
            _options = options ?? new WindowsCheckOptions();
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Reads and checks one machine.</summary>
        /// <param name="gateway">The machine or capture.</param>
        /// <param name="checkIds">Only these checks (case-insensitive ids, <c>*</c> as a wildcard); null runs all.</param>
        /// <param name="cancellationToken">Stops the read and the checks.</param>
        public Task<IReadOnlyList<HealthCheckResult>> RunAsync(ICimGateway gateway, IReadOnlyCollection<string>? checkIds, CancellationToken cancellationToken) =>
            RunAsync(gateway, null, checkIds, cancellationToken);

        /// <summary>Reads and checks one machine; the results carry <paramref name="target"/> (how it was reached) as their typed target.</summary>
        /// <param name="gateway">The machine or capture.</param>
        /// <param name="target">How the machine was reached; null infers it from the gateway (local, capture or by name).</param>
        /// <param name="checkIds">Only these checks (case-insensitive ids, <c>*</c> as a wildcard); null runs all.</param>
        /// <param name="cancellationToken">Stops the read and the checks.</param>
        public async Task<IReadOnlyList<HealthCheckResult>> RunAsync(ICimGateway gateway, CimTarget? target, IReadOnlyCollection<string>? checkIds, CancellationToken cancellationToken)
        {
            if (gateway is null)
            {
                throw new ArgumentNullException(nameof(gateway));
            }

            var reference = gateway is ReplayCimGateway capture ? capture.Capture.CapturedUtc : _clock();

            // The CIM calls block; run them off the caller's thread so a cancellation returns at once.
            var read = Task.Run(() => new WindowsFactsReader(gateway).Read(reference, cancellationToken), cancellationToken);
            await Task.WhenAny(read, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var facts = await read.ConfigureAwait(false);

            var checks = WindowsCheckList.Create().Select(checkIds, null);
            if (checks.Any(c => ConnectivityChecks.Ids.Contains(c.Id)))
            {
                facts.Connectivity = await new ConnectivityReader(_prober).ReadAsync(_options.Connectivity, WireServer, NotProbedReason(facts), cancellationToken).ConfigureAwait(false);
            }

            target ??= gateway is ReplayCimGateway ? CimTarget.ForCapture(facts.ComputerName)
                : gateway.IsLocal ? CimTarget.Local() : CimTarget.ForComputer(gateway.ComputerName);
            var context = new CheckContext(CheckTarget.For(target, facts.ComputerName));
            return await checks.RunAsync(facts, context, _engine, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Why this machine is not probed: the probes run only inside the VM, and only on Azure unless forced.</summary>
        private string? NotProbedReason(WindowsFacts facts)
        {
            if (facts.Source != WindowsFactsSource.Local)
            {
                return facts.Source == WindowsFactsSource.Capture
                    ? "Connectivity is probed only inside the VM; a capture cannot show it."
                    : "Connectivity is probed only inside the VM; run Test-AzBackupAgentHealth in the VM to probe it.";
            }

            if (_options.Connectivity is null)
            {
                return "No connectivity probe is configured for this session.";
            }

            return !facts.IsAzureVm && !_options.Connectivity.Force
                ? "This machine is not detected as an Azure VM (see Host.AzurePlatform); probes run only on an Azure VM unless -Force is given."
                : null;
        }
    }
}
