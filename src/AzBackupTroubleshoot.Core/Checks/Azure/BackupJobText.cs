using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Checks.Azure
{
    /// <summary>How the Azure backup checks write a job's error code, a resource's name, a time and a count in messages.</summary>
    internal static class BackupJobText
    {
        /// <summary>"code 123" or "no code".</summary>
        public static string Code(BackupJobError error) =>
            error.ErrorCode.HasValue ? "code " + error.ErrorCode.Value.ToString(CultureInfo.InvariantCulture) : "no code";

        /// <summary>The last segment of a resource id.</summary>
        public static string Name(string id)
        {
            var slash = id.LastIndexOf('/');
            return slash >= 0 ? id.Substring(slash + 1) : id;
        }

        /// <summary>"2026-12-02 03:00 UTC" or "unknown time".</summary>
        public static string Time(DateTimeOffset? value) =>
            value.HasValue ? value.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "unknown time";

        /// <summary>"1 lock", "2 locks".</summary>
        public static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}
