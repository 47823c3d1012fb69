using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Facts.Host
{
    /// <summary>
    /// One use figure of the host (CPU or memory), as Linux and Windows both give it: a percentage with what it measures
    /// and the evidence, or why it was not measured, or a <see cref="FactProblem"/> when its source could not be read.
    /// </summary>
    public sealed class HostReading
    {
        private HostReading(double? percent, string what, IReadOnlyList<string> evidence, string? notMeasured, FactProblem? problem)
        {
            Percent = percent;
            What = what;
            Evidence = evidence;
            NotMeasuredReason = notMeasured;
            Problem = problem;
        }

        /// <summary>The use in percent, when measured.</summary>
        public double? Percent { get; }

        /// <summary>What the figure is, for the message ("CPU use", "Memory use", "The one-minute load ...").</summary>
        public string What { get; }

        /// <summary>Where the figure comes from.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>Why there is no figure (an offline disk, no counters), when not measured.</summary>
        public string? NotMeasuredReason { get; }

        /// <summary>The source that could not be read, if any.</summary>
        public FactProblem? Problem { get; }

        /// <summary>A measured figure.</summary>
        public static HostReading Measured(string what, double percent, IEnumerable<string> evidence) =>
            new HostReading(percent, what, (evidence ?? Array.Empty<string>()).ToArray(), null, null);

        /// <summary>No figure, and why.</summary>
        public static HostReading NotMeasured(string what, string reason, IEnumerable<string>? evidence = null) =>
            new HostReading(null, what, (evidence ?? Array.Empty<string>()).ToArray(), reason, null);

        /// <summary>The source could not be read.</summary>
        public static HostReading Unreadable(string what, FactProblem problem) =>
            new HostReading(null, what, Array.Empty<string>(), null, problem ?? throw new ArgumentNullException(nameof(problem)));
    }
}
