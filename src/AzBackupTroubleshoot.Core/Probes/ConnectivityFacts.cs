namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>The outcome of the connectivity step: the probe results, or why there are none.</summary>
    public sealed class ConnectivityFacts
    {
        private ConnectivityFacts(IReadOnlyList<ProbeOutcome> outcomes, string? notRunReason, TimeSpan elapsed)
        {
            Outcomes = outcomes;
            NotRunReason = notRunReason;
            Elapsed = elapsed;
        }

        /// <summary>The probe results (empty when not run).</summary>
        public IReadOnlyList<ProbeOutcome> Outcomes { get; }

        /// <summary>Why the probes did not run (offline root, not an Azure VM without -Force), or null when they ran.</summary>
        public string? NotRunReason { get; }

        /// <summary>How long the whole probe set took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Results of probes that ran.</summary>
        public static ConnectivityFacts Ran(IReadOnlyList<ProbeOutcome> outcomes, TimeSpan elapsed) => new ConnectivityFacts(outcomes, null, elapsed);

        /// <summary>Probes that did not run, and why.</summary>
        public static ConnectivityFacts NotRun(string reason) => new ConnectivityFacts(Array.Empty<ProbeOutcome>(), reason, TimeSpan.Zero);
    }
}
