using System.Net;
using System.Net.Http.Headers;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// When to retry a Resource Manager request and how long to wait first: exponential backoff with jitter on 429,
    /// 500, 502, 503, 504 and connection failures; never earlier than the server's <c>Retry-After</c>.
    /// </summary>
    public sealed class ArmRetryPolicy
    {
        private readonly object _gate = new object();
        private readonly Random _random;

        /// <summary>Creates a policy.</summary>
        /// <param name="maxRetries">Retries after the first attempt.</param>
        /// <param name="baseDelay">The first backoff step.</param>
        /// <param name="maxDelay">The longest backoff step (a server's Retry-After may be longer and is honoured).</param>
        /// <param name="seed">A seed for the jitter (tests); null for a random one.</param>
        public ArmRetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, int? seed = null)
        {
            if (maxRetries < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxRetries));
            }

            if (baseDelay < TimeSpan.Zero || maxDelay < baseDelay)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDelay), "Delays must satisfy 0 <= base <= max.");
            }

            MaxRetries = maxRetries;
            BaseDelay = baseDelay;
            MaxDelay = maxDelay;
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; }

        /// <summary>The first backoff step.</summary>
        public TimeSpan BaseDelay { get; }

        /// <summary>The longest backoff step.</summary>
        public TimeSpan MaxDelay { get; }

        /// <summary>True for the status codes worth retrying: 429 and 500, 502, 503, 504.</summary>
        public static bool IsTransient(HttpStatusCode status)
        {
            var code = (int)status;
            return code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (0 for the first retry). Without a Retry-After it is a
        /// random value between half and all of <c>min(max, base × 2^retry)</c>; with one it is the Retry-After plus up to
        /// 10 % (at most one second) so that parallel callers do not all come back at the same instant.
        /// </summary>
        public TimeSpan GetDelay(int retry, TimeSpan? retryAfter)
        {
            double unit;
            lock (_gate)
            {
                unit = _random.NextDouble();
            }

            if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
            {
                var spread = Math.Min(TimeSpan.TicksPerSecond, retryAfter.Value.Ticks / 10);
                return TimeSpan.FromTicks(retryAfter.Value.Ticks + (long)(spread * unit));
            }

            var exponent = Math.Min(retry, 30);
            var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, exponent));
            return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * unit)));
        }

        /// <summary>
        /// Reads a Retry-After header: delta seconds (<c>Retry-After: 17</c>) or an HTTP date. Null when absent or
        /// unreadable; zero for a date in the past.
        /// </summary>
        public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
        {
            if (header is null)
            {
                return null;
            }

            if (header.Delta.HasValue)
            {
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            }

            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        /// <summary>Reads a Retry-After value given as text (seconds or an HTTP date).</summary>
        public static TimeSpan? ParseRetryAfter(string? text, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }
    }
}
