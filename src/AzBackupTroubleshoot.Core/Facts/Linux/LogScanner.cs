using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Redaction;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>One log line kept as evidence.</summary>
    public sealed class LogLine
    {
        internal LogLine(int? lineNumber, DateTime? timestamp, string text)
        {
            LineNumber = lineNumber;
            Timestamp = timestamp;
            Text = text;
        }

        /// <summary>The 1-based line number, or null when only the end of a large log was read.</summary>
        public int? LineNumber { get; }

        /// <summary>The line's time stamp (UTC for the current agent format, local time for the old one), if it has one.</summary>
        public DateTime? Timestamp { get; }

        /// <summary>The line, with secrets redacted.</summary>
        public string Text { get; }

        /// <summary>Evidence text naming the file and line.</summary>
        public string Evidence(string path) =>
            LineNumber is null ? $"{path} (end of file): {Text}" : $"{path} line {LineNumber.Value.ToString(CultureInfo.InvariantCulture)}: {Text}";
    }

    /// <summary>What a scan of a log found.</summary>
    public sealed class LogSummary
    {
        internal LogSummary(int lineCount, DateTime? newest, IReadOnlyList<LogLine> recentErrors, int recentErrorCount, LogLine? goalStateLine, string? goalStateVersion, bool truncated)
        {
            LineCount = lineCount;
            Newest = newest;
            RecentErrors = recentErrors;
            RecentErrorCount = recentErrorCount;
            GoalStateLine = goalStateLine;
            GoalStateVersion = goalStateVersion;
            Truncated = truncated;
        }

        /// <summary>How many lines were read.</summary>
        public int LineCount { get; }

        /// <summary>The newest time stamp in the log.</summary>
        public DateTime? Newest { get; }

        /// <summary>The last error lines within the recent window (at most <see cref="LogScanner.MaxKeptErrors"/>).</summary>
        public IReadOnlyList<LogLine> RecentErrors { get; }

        /// <summary>How many error lines the recent window has in all.</summary>
        public int RecentErrorCount { get; }

        /// <summary>The last "Agent WALinuxAgent-&lt;v&gt; is running as the goal state agent" line (agent log only).</summary>
        public LogLine? GoalStateLine { get; }

        /// <summary>The version on <see cref="GoalStateLine"/>.</summary>
        public string? GoalStateVersion { get; }

        /// <summary>True when the log was larger than the read limit and only its end was read.</summary>
        public bool Truncated { get; }
    }

    /// <summary>
    /// Scans a log for recent error lines and, in the agent's log, the goal-state agent line. Understands the agent's two
    /// time-stamp formats (<c>2020-10-08T17:10:37.365590Z INFO ...</c> since 2.2.46, <c>2019/02/20 09:52:35.464763 INFO ...</c>
    /// before) and the backup extension's (<c>2024-05-01 10:11:12.123456 [Microsoft...-1.0.9184.0]...</c>). "Recent" is the
    /// last seven days before the newest line, so an offline copy is judged by its own clock.
    /// </summary>
    public sealed class LogScanner
    {
        /// <summary>How many error lines are kept as evidence.</summary>
        public const int MaxKeptErrors = 5;

        /// <summary>How far back from the newest line errors count as recent.</summary>
        public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

        private static readonly Regex Timestamp = new Regex(
            @"^(?<ts>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z?|\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,7})?|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,7})?)\s+(?<level>VERBOSE|INFO|WARNING|WARN|ERROR)?",
            RegexOptions.CultureInvariant);

        private static readonly Regex GoalState = new Regex(@"Agent WALinuxAgent-(?<v>[0-9][0-9.]*) is running as the goal state agent", RegexOptions.CultureInvariant);

        private static readonly Regex ExtensionError = new Regex(
            @"\s{2}Error\s{2}|\bTraceback\b|\bException\b|\berror:\s|\bfailed with error\b|\bStatusCode\.Failed",
            RegexOptions.CultureInvariant);

        private static readonly string[] Formats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy/MM/dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        };

        private readonly bool _agentLog;
        private readonly SecretRedactor _redactor = new SecretRedactor();

        private LogScanner(bool agentLog)
        {
            _agentLog = agentLog;
        }

        /// <summary>A scanner for <c>/var/log/waagent.log</c>: errors are <c>ERROR</c> lines and goal-state retrieval failures.</summary>
        public static LogScanner ForAgentLog() => new LogScanner(agentLog: true);

        /// <summary>A scanner for the backup extension's <c>extension.log</c>: errors are <c>Error</c>-level lines, exceptions and tracebacks.</summary>
        public static LogScanner ForExtensionLog() => new LogScanner(agentLog: false);

        /// <summary>Reads the end of a log from a root and scans it.</summary>
        public FileFact<LogSummary> Read(ILinuxRoot root, string path)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var file = root.Read(path, RootLimits.LogTailBytes, ReadWindow.Tail);
            if (file.Status != RootReadStatus.Present)
            {
                return FileFact<LogSummary>.FromUnusableRead(file);
            }

            var bytes = file.Content;
            if (file.Truncated)
            {
                // The window may start inside a line (or a UTF-8 sequence): begin after the first newline.
                var newline = Array.IndexOf(bytes, (byte)'\n');
                bytes = newline < 0 ? Array.Empty<byte>() : bytes.Skip(newline + 1).ToArray();
            }

            var text = TextFileDecoder.TryDecode(bytes, out var problem);
            if (text is null)
            {
                return FileFact<LogSummary>.Malformed(file.Path, problem!);
            }

            return FileFact<LogSummary>.Present(file.Path, Scan(text, file.Truncated));
        }

        /// <summary>Scans log text.</summary>
        public LogSummary Scan(string text, bool truncated = false)
        {
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            DateTime? newest = null;
            var stamps = new DateTime?[lines.Count];
            var errorIndexes = new List<int>();
            LogLine? goalState = null;
            string? goalStateVersion = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var match = Timestamp.Match(lines[i]);
                if (match.Success && DateTime.TryParseExact(match.Groups["ts"].Value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp))
                {
                    stamps[i] = stamp;
                    newest = newest is null || stamp > newest ? stamp : newest;
                }

                if (IsError(lines[i], match))
                {
                    errorIndexes.Add(i);
                }

                if (_agentLog)
                {
                    var goal = GoalState.Match(lines[i]);
                    if (goal.Success)
                    {
                        goalState = MakeLine(lines, stamps, i, truncated);
                        goalStateVersion = goal.Groups["v"].Value.TrimEnd('.');
                    }
                }
            }

            var recent = errorIndexes.Where(i => newest is null || stamps[i] is null || stamps[i] >= newest.Value - RecentWindow).ToList();
            var kept = recent.Skip(Math.Max(0, recent.Count - MaxKeptErrors)).Select(i => MakeLine(lines, stamps, i, truncated)).ToArray();
            return new LogSummary(lines.Count, newest, kept, recent.Count, goalState, goalStateVersion, truncated);
        }

        private bool IsError(string line, Match timestamp)
        {
            if (_agentLog)
            {
                var level = timestamp.Success ? timestamp.Groups["level"].Value : string.Empty;
                return level == "ERROR" || line.IndexOf("An error occurred while retrieving the goal state", StringComparison.Ordinal) >= 0;
            }

            return ExtensionError.IsMatch(line);
        }

        private LogLine MakeLine(IReadOnlyList<string> lines, DateTime?[] stamps, int index, bool truncated)
        {
            var text = _redactor.Redact(lines[index].Trim());
            if (text.Length > 400)
            {
                text = text.Substring(0, 400) + "...";
            }

            return new LogLine(truncated ? (int?)null : index + 1, stamps[index], text);
        }
    }
}
