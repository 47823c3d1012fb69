using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The module's Resource Graph queries: one <c>.kql</c> file each under <c>Arm/Queries/</c>, embedded in the assembly
    /// and checked by Microsoft's KQL parser in the test run (<c>tests/Kql</c>). Whole-line <c>//</c> comments (the
    /// sources each file cites) are removed before a query is sent.
    /// </summary>
    public static class ResourceGraphQueries
    {
        /// <summary>The file name of the VM + backup item query.</summary>
        public const string TriageVmsName = "TriageVms";

        /// <summary>The file name of the subscriptions query.</summary>
        public const string SubscriptionsName = "Subscriptions";

        /// <summary>The file name of the failed backup jobs query.</summary>
        public const string FailedBackupJobsName = "FailedBackupJobs";

        /// <summary>The file name of the restore point resource groups query.</summary>
        public const string BackupResourceGroupsName = "BackupResourceGroups";

        /// <summary>The file name of the unfinished backup jobs query.</summary>
        public const string RunningBackupJobsName = "RunningBackupJobs";

        private static readonly Regex LookbackLet = new Regex(@"^let lookback = [0-9]+[dhm];$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>Every VM with power state, OS type and provisioning state, joined with its backup item.</summary>
        public static string TriageVms => Load(TriageVmsName);

        /// <summary>The subscription ids of the scope.</summary>
        public static string Subscriptions => Load(SubscriptionsName);

        /// <summary>The AzureBackupRG_* resource groups of the scope.</summary>
        public static string BackupResourceGroups => Load(BackupResourceGroupsName);

        /// <summary>The failed Azure VM backup jobs that started within <paramref name="lookback"/>, newest first.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The window is not a positive whole number of minutes.</exception>
        public static string FailedBackupJobs(TimeSpan lookback) => WithLookback(FailedBackupJobsName, lookback);

        /// <summary>The unfinished Azure VM backup jobs that started within <paramref name="lookback"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The window is not a positive whole number of minutes.</exception>
        public static string RunningBackupJobs(TimeSpan lookback) => WithLookback(RunningBackupJobsName, lookback);

        private static string WithLookback(string name, TimeSpan lookback)
        {
            if (lookback <= TimeSpan.Zero || lookback.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(lookback), "The lookback window must be a positive whole number of minutes.");
            }

            var text = Load(name);
            var minutes = ((long)lookback.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            if (!LookbackLet.IsMatch(text))
            {
                throw new InvalidOperationException($"{name}.kql has no 'let lookback = <n>d;' line.");
            }

            return LookbackLet.Replace(text, "let lookback = " + minutes + "m;");
        }

        /// <summary>The text of an embedded query file as sent: without whole-line comments and blank lines.</summary>
        /// <exception cref="InvalidOperationException">No such query is embedded.</exception>
        public static string Load(string name)
        {
            var resource = "AzBackupTroubleshoot.Core.Arm.Queries." + name + ".kql";
            using (var stream = typeof(ResourceGraphQueries).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The query {name}.kql is not embedded in the assembly."))
            using (var reader = new StreamReader(stream))
            {
                var lines = reader.ReadToEnd().Replace("\r\n", "\n").Split('\n')
                    .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
                return string.Join("\n", lines);
            }
        }
    }
}
