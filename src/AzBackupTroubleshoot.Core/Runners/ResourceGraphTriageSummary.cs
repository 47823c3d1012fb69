namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>The end of a triage scan: every VM counted once, by outcome.</summary>
    public sealed class ResourceGraphTriageSummary
    {
        internal ResourceGraphTriageSummary(IReadOnlyDictionary<ResourceGraphTriageOutcome, int> outcomes, int detailed, int failed, int graphQueries,
            IReadOnlyList<string> fallbackSubscriptions, FleetScanSummary? fallback, IReadOnlyList<string> warnings, TimeSpan elapsed)
        {
            Outcomes = outcomes;
            Detailed = detailed;
            Failed = failed;
            GraphQueries = graphQueries;
            FallbackSubscriptions = fallbackSubscriptions;
            Fallback = fallback;
            Warnings = warnings;
            Elapsed = elapsed;
        }

        /// <summary>VMs per outcome (from Resource Graph).</summary>
        public IReadOnlyDictionary<ResourceGraphTriageOutcome, int> Outcomes { get; }

        /// <summary>VMs Resource Graph showed, all outcomes together.</summary>
        public int Vms
        {
            get
            {
                var total = 0;
                foreach (var count in Outcomes.Values)
                {
                    total += count;
                }

                return total;
            }
        }

        /// <summary>VMs read in detail through Resource Manager (failing or unknown).</summary>
        public int Detailed { get; }

        /// <summary>VMs (or scopes) that could not be read.</summary>
        public int Failed { get; }

        /// <summary>Resource Graph requests sent.</summary>
        public int GraphQueries { get; }

        /// <summary>Subscriptions read per VM because Resource Graph rejected the query for them (400).</summary>
        public IReadOnlyList<string> FallbackSubscriptions { get; }

        /// <summary>The per-VM read of those subscriptions, when there was one.</summary>
        public FleetScanSummary? Fallback { get; }

        /// <summary>Everything the caller was warned about.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The scan's duration.</summary>
        public TimeSpan Elapsed { get; }
    }
}
