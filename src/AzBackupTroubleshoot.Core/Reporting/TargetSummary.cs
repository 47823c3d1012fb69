using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>One target of a report: its results (worst first), its repairs and its counts.</summary>
    public sealed class TargetSummary
    {
        internal TargetSummary(string name, IReadOnlyList<HealthCheckResult> results, IReadOnlyList<RepairResult> repairs, StatusCounts counts)
        {
            Name = name;
            Results = results;
            Repairs = repairs;
            Counts = counts;
            foreach (var status in StatusSeverity.WorstFirst)
            {
                if (counts[status] > 0)
                {
                    WorstStatus = status;
                    break;
                }
            }
        }

        /// <summary>The target's name, as the first result spelled it.</summary>
        public string Name { get; }

        /// <summary>Its results, worst status first, otherwise in the order they came.</summary>
        public IReadOnlyList<HealthCheckResult> Results { get; }

        /// <summary>Its repairs, in the order they came.</summary>
        public IReadOnlyList<RepairResult> Repairs { get; }

        /// <summary>Its results counted by status.</summary>
        public StatusCounts Counts { get; }

        /// <summary>The worst status among its results, or null when it has only repairs.</summary>
        public CheckStatus? WorstStatus { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({WorstStatus?.ToString() ?? "repairs only"})";
    }
}
