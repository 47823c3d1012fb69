using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>Orders statuses from the one that needs attention most: Failed, Error, Warning, Passed, NotApplicable.</summary>
    public static class StatusSeverity
    {
        /// <summary>Every status, worst first.</summary>
        public static IReadOnlyList<CheckStatus> WorstFirst { get; } = new[]
        {
            CheckStatus.Failed, CheckStatus.Error, CheckStatus.Warning, CheckStatus.Passed, CheckStatus.NotApplicable,
        };

        /// <summary>0 for the worst status (Failed), 4 for NotApplicable.</summary>
        public static int Rank(CheckStatus status)
        {
            switch (status)
            {
                case CheckStatus.Failed: return 0;
                case CheckStatus.Error: return 1;
                case CheckStatus.Warning: return 2;
                case CheckStatus.Passed: return 3;
                default: return 4;
            }
        }

        /// <summary>True for Failed, Error and Warning: results someone should look at.</summary>
        public static bool NeedsAttention(CheckStatus status) => Rank(status) <= 2;
    }
}
