using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// The one reader of Win32_NTLogEvent: Application Error 1000 events of the backup extension and the agent processes,
    /// and Service Control Manager 7031/7034 events of the agent services, within <see cref="WindowsNames.CrashWindow"/>
    /// before the reference time (a capture is measured from its capture time). What Microsoft's VM assist checks
    /// (Get-ApplicationErrors, Get-ServiceCrashes; Azure/azure-support-scripts@11c880a5 vmassist/windows/vmassist.ps1).
    /// </summary>
    internal sealed class WindowsEventLogReader
    {
        private const string Cimv2 = "root/cimv2";
        private static readonly (string Name, string DisplayName)[] AgentServices =
        {
            (WindowsNames.GuestAgentService, WindowsNames.GuestAgentDisplayName),
            (WindowsNames.RdAgentService, WindowsNames.RdAgentService),
        };

        private readonly ICimGateway _gateway;
        private readonly DateTimeOffset _reference;

        public WindowsEventLogReader(ICimGateway gateway, DateTimeOffset referenceTimeUtc)
        {
            _gateway = gateway;
            _reference = referenceTimeUtc;
        }

        private DateTimeOffset Since => _reference - WindowsNames.CrashWindow;

        /// <summary>Application Error 1000 events, split into the extension's and the agent's, newest first.</summary>
        public (IReadOnlyList<LogEventInfo> Extension, IReadOnlyList<LogEventInfo> Agent) ReadApplicationCrashes(CancellationToken cancellationToken)
        {
            var events = Read("Application", "EventCode=1000", cancellationToken)
                .Where(e => e.Code == 1000)
                .Select(e => (e.Event, e.Time, e.Message, Process: FaultingApplication(e.Message)))
                .Where(e => e.Process != null)
                .ToArray();
            LogEventInfo[] Of(params string[] processes) => events
                .Where(e => processes.Contains(e.Process!, StringComparer.OrdinalIgnoreCase))
                .Select(e => Info(e.Event, e.Time, e.Message, "Application", e.Process))
                .ToArray();
            return (Of(WindowsNames.ExtensionProcessName), Of(WindowsNames.AgentProcessNames));
        }

        /// <summary>Service Control Manager 7031 (ended unexpectedly, recovery follows) and 7034 (ended unexpectedly) of the agent services, newest first.</summary>
        public IReadOnlyList<LogEventInfo> ReadServiceCrashes(CancellationToken cancellationToken) =>
            Read("System", "(EventCode=7031 OR EventCode=7034)", cancellationToken)
                .Where(e => e.Code == 7031 || e.Code == 7034)
                .Select(e => (e.Event, e.Time, e.Message, Service: CrashedService(e.Event, e.Message)))
                .Where(e => e.Service != null)
                .Select(e => Info(e.Event, e.Time, e.Message, "System", e.Service))
                .ToArray();

        private IEnumerable<(CimObject Event, DateTimeOffset Time, long Code, string Message)> Read(string logfile, string condition, CancellationToken cancellationToken)
        {
            var where = $"Logfile='{logfile}' AND {condition} AND TimeGenerated>='{CimValue.ToDmtf(Since)}'";
            return _gateway.QueryInstances(Cimv2, "Win32_NTLogEvent", where, cancellationToken)
                .Where(e => string.Equals(e.GetString("Logfile") ?? "Application", logfile, StringComparison.OrdinalIgnoreCase))
                .Select(e => (Event: e, Time: CimValue.ToDateTime(e["TimeGenerated"]), Code: CimValue.ToInt64(e["EventCode"]) ?? 0, Message: e.GetString("Message") ?? string.Empty))
                .Where(x => x.Time.HasValue && x.Time.Value >= Since && x.Time.Value <= _reference + TimeSpan.FromMinutes(5))
                .OrderByDescending(x => x.Time!.Value)
                .Select(x => (x.Event, x.Time!.Value, x.Code, x.Message));
        }

        /// <summary>The file name after "Faulting application name:" (English message), or null.</summary>
        private static string? FaultingApplication(string message)
        {
            const string label = "Faulting application name:";
            var at = message.IndexOf(label, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            var rest = message.Substring(at + label.Length).TrimStart();
            var end = rest.IndexOfAny(new[] { ',', '\r', '\n' });
            return (end < 0 ? rest : rest.Substring(0, end)).Trim();
        }

        /// <summary>The agent service an SCM event names: its first insertion string, else "The &lt;display name&gt; service" in the message.</summary>
        private static string? CrashedService(CimObject record, string message)
        {
            var first = CimValue.ToStringArray(record["InsertionStrings"])?.FirstOrDefault()?.Trim();
            foreach (var (name, display) in AgentServices)
            {
                if (string.Equals(first, display, StringComparison.OrdinalIgnoreCase) || string.Equals(first, name, StringComparison.OrdinalIgnoreCase) ||
                    message.IndexOf($"The {display} service ", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return name;
                }
            }

            return null;
        }

        private static LogEventInfo Info(CimObject record, DateTimeOffset time, string message, string logfile, string? subject) => new LogEventInfo
        {
            TimeGenerated = time,
            SourceName = record.GetString("SourceName"),
            EventCode = CimValue.ToInt64(record["EventCode"]) ?? 0,
            FirstLine = message.Split('\r', '\n')[0],
            Logfile = logfile,
            Subject = subject,
        };
    }
}
