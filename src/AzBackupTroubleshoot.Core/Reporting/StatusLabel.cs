using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>A status as words for people: "Not applicable" rather than <c>NotApplicable</c>, "2 warnings".</summary>
    internal static class StatusLabel
    {
        public static string For(CheckStatus status) => status == CheckStatus.NotApplicable ? "Not applicable" : status.ToString();

        /// <summary>"1 error", "2 errors", "3 failed", "4 passed", "2 warnings", "5 not applicable".</summary>
        public static string Count(int count, CheckStatus status)
        {
            var n = count.ToString(CultureInfo.InvariantCulture);
            switch (status)
            {
                case CheckStatus.Error: return count == 1 ? n + " error" : n + " errors";
                case CheckStatus.Warning: return count == 1 ? n + " warning" : n + " warnings";
                case CheckStatus.NotApplicable: return n + " not applicable";
                default: return n + " " + status.ToString().ToLowerInvariant();
            }
        }
    }
}
