namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One Win32_NTLogEvent record.</summary>
    public sealed class LogEventInfo
    {
        /// <summary>TimeGenerated, UTC.</summary>
        public DateTimeOffset TimeGenerated { get; init; }

        /// <summary>SourceName, for example <c>Application Error</c>.</summary>
        public string? SourceName { get; init; }

        /// <summary>EventCode (1000 for an application crash; 7031/7034 for a service that ended unexpectedly).</summary>
        public long EventCode { get; init; }

        /// <summary>The process (<c>WaAppAgent.exe</c>) or service (<c>RdAgent</c>) the event is about, or null.</summary>
        public string? Subject { get; init; }

        /// <summary>Logfile: <c>Application</c> or <c>System</c>.</summary>
        public string Logfile { get; init; } = "Application";

        /// <summary>The first line of Message.</summary>
        public string FirstLine { get; init; } = string.Empty;
    }
}
