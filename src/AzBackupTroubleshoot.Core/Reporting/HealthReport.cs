using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// Health check and repair results of one VM or a fleet, grouped by target and by cause and counted, ready to be written
    /// as a report. Targets are compared without regard to case (host names and Azure resource ids are case-insensitive).
    /// </summary>
    public sealed class HealthReport
    {
        private HealthReport(IReadOnlyList<TargetSummary> targets, IReadOnlyList<CauseSummary> causes, StatusCounts counts, IReadOnlyDictionary<RepairStatus, int> repairCounts, int repairTotal)
        {
            Targets = targets;
            Causes = causes;
            Counts = counts;
            RepairCounts = repairCounts;
            RepairTotal = repairTotal;
        }

        /// <summary>Every target, worst first: by worst status, then most failed, error and warning results, then name.</summary>
        public IReadOnlyList<TargetSummary> Targets { get; }

        /// <summary>Every cause that has a result, most failed results first.</summary>
        public IReadOnlyList<CauseSummary> Causes { get; }

        /// <summary>Every result counted by status.</summary>
        public StatusCounts Counts { get; }

        /// <summary>Every repair counted by status (statuses with no repair are left out).</summary>
        public IReadOnlyDictionary<RepairStatus, int> RepairCounts { get; }

        /// <summary>How many repairs the report holds.</summary>
        public int RepairTotal { get; }

        /// <summary>Groups and counts results and repairs.</summary>
        public static HealthReport Create(IEnumerable<HealthCheckResult> results, IEnumerable<RepairResult>? repairs = null)
        {
            if (results is null)
            {
                throw new ArgumentNullException(nameof(results));
            }

            var order = new List<string>();
            var byTarget = new Dictionary<string, TargetBuilder>(StringComparer.OrdinalIgnoreCase);
            TargetBuilder For(string name)
            {
                if (!byTarget.TryGetValue(name, out var builder))
                {
                    builder = new TargetBuilder(name);
                    byTarget.Add(name, builder);
                    order.Add(name);
                }

                return builder;
            }

            var counts = new StatusCounts();
            var causeCounts = new Dictionary<Cause, StatusCounts>();
            foreach (var result in results)
            {
                if (result is null)
                {
                    continue;
                }

                For(result.Target).Add(result);
                counts.Add(result.Status);
                if (!causeCounts.TryGetValue(result.Cause, out var c))
                {
                    c = new StatusCounts();
                    causeCounts.Add(result.Cause, c);
                }

                c.Add(result.Status);
            }

            var repairCounts = new Dictionary<RepairStatus, int>();
            var repairTotal = 0;
            foreach (var repair in repairs ?? Enumerable.Empty<RepairResult>())
            {
                if (repair is null)
                {
                    continue;
                }

                For(repair.Target).Repairs.Add(repair);
                repairCounts.TryGetValue(repair.Status, out var n);
                repairCounts[repair.Status] = n + 1;
                repairTotal++;
            }

            var targets = order
                .Select(name => byTarget[name].Build())
                .OrderBy(t => t.WorstStatus.HasValue ? StatusSeverity.Rank(t.WorstStatus.Value) : 5)
                .ThenByDescending(t => t.Counts.Failed)
                .ThenByDescending(t => t.Counts.Error)
                .ThenByDescending(t => t.Counts.Warning)
                .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();

            var causes = causeCounts
                .Select(pair => new CauseSummary(
                    pair.Key,
                    pair.Value,
                    targets.Where(t => t.Results.Any(r => r.Cause == pair.Key && StatusSeverity.NeedsAttention(r.Status))).ToList()))
                .OrderByDescending(c => c.Counts.Failed)
                .ThenByDescending(c => c.Counts.Error)
                .ThenByDescending(c => c.Counts.Warning)
                .ThenBy(c => c.Cause)
                .ToList();

            return new HealthReport(targets, causes, counts, repairCounts, repairTotal);
        }

        private sealed class TargetBuilder
        {
            private readonly string _name;
            private readonly List<HealthCheckResult> _results = new List<HealthCheckResult>();
            private readonly StatusCounts _counts = new StatusCounts();

            public TargetBuilder(string name)
            {
                _name = name;
            }

            public List<RepairResult> Repairs { get; } = new List<RepairResult>();

            public void Add(HealthCheckResult result)
            {
                _results.Add(result);
                _counts.Add(result.Status);
            }

            public TargetSummary Build()
            {
                // OrderBy is stable: within a status, results keep the order they came in.
                var sorted = _results.OrderBy(r => StatusSeverity.Rank(r.Status)).ToList();
                return new TargetSummary(_name, sorted, Repairs, _counts);
            }
        }
    }
}
