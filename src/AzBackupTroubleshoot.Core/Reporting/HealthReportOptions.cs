namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>What the report says about itself: its title, when and by what it was written.</summary>
    public sealed class HealthReportOptions
    {
        /// <summary>The default title.</summary>
        public const string DefaultTitle = "Azure VM backup health report";

        /// <summary>Creates options.</summary>
        public HealthReportOptions(DateTimeOffset generatedAt, string? title = null, string? generator = null)
        {
            GeneratedAt = generatedAt;
            Title = string.IsNullOrWhiteSpace(title) ? DefaultTitle : title!;
            Generator = string.IsNullOrWhiteSpace(generator) ? "AzBackupTroubleshoot" : generator!;
        }

        /// <summary>The report's title (the page title and its first heading).</summary>
        public string Title { get; }

        /// <summary>When the report was written; shown in UTC.</summary>
        public DateTimeOffset GeneratedAt { get; }

        /// <summary>What wrote it, for example <c>AzBackupTroubleshoot 0.1.0</c>.</summary>
        public string Generator { get; }
    }
}
