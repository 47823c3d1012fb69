using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>How many results have each status.</summary>
    public sealed class StatusCounts
    {
        private static readonly CheckStatus[] AllStatuses = (CheckStatus[])Enum.GetValues(typeof(CheckStatus));
        private readonly int[] _counts;

        internal StatusCounts()
        {
            _counts = new int[AllStatuses.Length];
        }

        /// <summary>Results that passed.</summary>
        public int Passed => this[CheckStatus.Passed];

        /// <summary>Results with a warning.</summary>
        public int Warning => this[CheckStatus.Warning];

        /// <summary>Results that failed.</summary>
        public int Failed => this[CheckStatus.Failed];

        /// <summary>Results that did not apply.</summary>
        public int NotApplicable => this[CheckStatus.NotApplicable];

        /// <summary>Results that could not be evaluated.</summary>
        public int Error => this[CheckStatus.Error];

        /// <summary>Every result.</summary>
        public int Total { get; private set; }

        /// <summary>Results that need attention: failed, error or warning.</summary>
        public int Problems => Failed + Error + Warning;

        /// <summary>The count of one status.</summary>
        public int this[CheckStatus status] => _counts[(int)status];

        internal void Add(CheckStatus status)
        {
            _counts[(int)status]++;
            Total++;
        }
    }
}
