using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>The results of one cause across every target.</summary>
    public sealed class CauseSummary
    {
        internal CauseSummary(Cause cause, StatusCounts counts, IReadOnlyList<TargetSummary> affectedTargets)
        {
            Cause = cause;
            Counts = counts;
            AffectedTargets = affectedTargets;
        }

        /// <summary>The cause.</summary>
        public Cause Cause { get; }

        /// <summary>Its results counted by status.</summary>
        public StatusCounts Counts { get; }

        /// <summary>The targets with a failed, error or warning result for this cause, worst first.</summary>
        public IReadOnlyList<TargetSummary> AffectedTargets { get; }
    }
}
