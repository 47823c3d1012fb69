using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>
    /// The Linux runner of Test-AzBackupAgentHealth and Save-AzBackupAgentLog for one target (the running machine, a root
    /// folder or a bundle): reads the facts from the open root, then runs the Linux checks on them. The results carry
    /// the target as their typed target.
    /// </summary>
    public sealed class LinuxHealthRunner
    {
        private readonly CheckEngine _engine;
        private readonly LinuxFactsReader _reader;

        /// <summary>Creates the runner.</summary>
        public LinuxHealthRunner(CheckEngine? engine = null, LinuxFactsReader? reader = null)
        {
            _engine = engine ?? new CheckEngine();
            _reader = reader ?? new LinuxFactsReader();
        }

        /// <summary>
        /// The options a target is read with: the probes of <paramref name="connectivity"/> (all, when null) run only on the
        /// running machine, and so does the agent's python when <paramref name="agentPython"/> enables it (never by default).
        /// </summary>
        public static LinuxFactsOptions OptionsFor(LinuxTarget target, ConnectivityOptions? connectivity = null, AgentPythonOptions? agentPython = null)
        {
            if (target is null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            // The probes run only from the running machine: an offline root is not where its network is.
            var probes = connectivity ?? new ConnectivityOptions { Enabled = true };
            probes.Enabled = probes.Enabled && target.IsLive;
            return new LinuxFactsOptions { IsLive = target.IsLive, Connectivity = probes, AgentPython = agentPython ?? new AgentPythonOptions() };
        }

        /// <summary>Reads the facts of <paramref name="target"/> from its open <paramref name="root"/>.</summary>
        public Task<LinuxFacts> ReadAsync(ILinuxRoot root, LinuxTarget target, ConnectivityOptions? connectivity, CancellationToken cancellationToken) =>
            ReadAsync(root, target, connectivity, null, cancellationToken);

        /// <summary>Reads the facts of <paramref name="target"/>, running the agent's python when <paramref name="agentPython"/> enables it (live only).</summary>
        public Task<LinuxFacts> ReadAsync(ILinuxRoot root, LinuxTarget target, ConnectivityOptions? connectivity, AgentPythonOptions? agentPython, CancellationToken cancellationToken) =>
            _reader.ReadAsync(root ?? throw new ArgumentNullException(nameof(root)), OptionsFor(target, connectivity, agentPython), cancellationToken);

        /// <summary>Runs <paramref name="checks"/> (all Linux checks when null) on facts read from <paramref name="target"/>.</summary>
        public Task<IReadOnlyList<HealthCheckResult>> CheckAsync(LinuxFacts facts, LinuxTarget target, IReadOnlyList<HealthCheck<LinuxFacts>>? checks, CancellationToken cancellationToken) =>
            _engine.RunAsync(facts, checks ?? LinuxCheckList.All, new CheckContext(CheckTarget.For(target ?? throw new ArgumentNullException(nameof(target)))), cancellationToken);
    }
}
