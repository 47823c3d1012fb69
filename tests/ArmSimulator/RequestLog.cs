namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>One request the simulator saw.</summary>
    public sealed class RequestLogEntry
    {
        public long Sequence { get; set; }

        public string Method { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;

        public string Query { get; set; } = string.Empty;

        /// <summary>0 when the connection was dropped.</summary>
        public int Status { get; set; }

        public DateTimeOffset ArrivedAt { get; set; }

        public DateTimeOffset RespondedAt { get; set; }

        /// <summary>Injected fault or throttle: None, Bucket, Throttle, ServerError, Drop.</summary>
        public string Fault { get; set; } = "None";

        /// <summary>When the answer said to come back (Retry-After on a 429, 5xx or 202), the earliest allowed time.</summary>
        public DateTimeOffset? RetryNotBefore { get; set; }

        /// <summary>The request the Retry-After applies to (method and path with query): the same one, or the poll URL of a 202.</summary>
        public string? RetryKey { get; set; }

        public string Key => Method + " " + Path + Query;

        public override string ToString() => $"{ArrivedAt:HH:mm:ss.fff} {Method} {Path}{Query} -> {Status} {Fault}";
    }

    /// <summary>Assertions over the request log.</summary>
    public static class RequestLogChecks
    {
        /// <summary>
        /// Requests sent before the Retry-After of an earlier answer about them: for each answer with a Retry-After, the
        /// next request with its retry key must arrive no earlier than the time the answer allowed.
        /// </summary>
        public static IReadOnlyList<(RequestLogEntry Answer, RequestLogEntry Early)> EarlyRetries(IReadOnlyList<RequestLogEntry> log)
        {
            var ordered = log.OrderBy(e => e.ArrivedAt).ThenBy(e => e.Sequence).ToList();
            var early = new List<(RequestLogEntry, RequestLogEntry)>();
            for (var i = 0; i < ordered.Count; i++)
            {
                var answer = ordered[i];
                if (answer.RetryNotBefore is null || answer.RetryKey is null)
                {
                    continue;
                }

                var next = ordered.Skip(i + 1).FirstOrDefault(e => e.Key == answer.RetryKey && e.Sequence != answer.Sequence);
                if (next != null && next.ArrivedAt < answer.RetryNotBefore.Value)
                {
                    early.Add((answer, next));
                }
            }

            return early;
        }
    }
}
