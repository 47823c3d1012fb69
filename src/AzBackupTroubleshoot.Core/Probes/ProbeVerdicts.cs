using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>
    /// Turns the probe outcomes of one Network.* check into results, the same on Linux and Windows: each required
    /// endpoint passes or fails; endpoints probed for information only (<see cref="ProbeTarget.Required"/> false) add an
    /// evidence line to the first result and never fail the check.
    /// </summary>
    public static class ProbeVerdicts
    {
        /// <summary>The source of the required WireServer ports, for messages.</summary>
        public const string WireServerPortSource = "the agent needs TCP 80 and 32526 to 168.63.129.16 ('What is IP address 168.63.129.16?')";

        /// <summary>One (status, message, evidence) per required endpoint; informational outcomes become evidence.</summary>
        public static IReadOnlyList<(CheckStatus Status, string Message, IReadOnlyList<string> Evidence)> Judge(IReadOnlyList<ProbeOutcome> outcomes)
        {
            var informational = outcomes.Where(o => !o.Target.Required)
                .Select(o => $"informational, not required ({WireServerPortSource}): {o.Evidence}")
                .ToList();
            var verdicts = new List<(CheckStatus, string, IReadOnlyList<string>)>();
            foreach (var outcome in outcomes.Where(o => o.Target.Required))
            {
                var evidence = new List<string> { outcome.Evidence };
                if (verdicts.Count == 0)
                {
                    evidence.AddRange(informational);
                }

                verdicts.Add(outcome.Succeeded
                    ? (CheckStatus.Passed, $"{outcome.Target.Display} answers.", evidence)
                    : (CheckStatus.Failed, $"{outcome.Target.Display} does not answer: {outcome.Detail}.", evidence));
            }

            if (verdicts.Count == 0 && informational.Count > 0)
            {
                verdicts.Add((CheckStatus.NotApplicable, "Only informational endpoints were probed for this check.", informational));
            }

            return verdicts;
        }
    }
}
