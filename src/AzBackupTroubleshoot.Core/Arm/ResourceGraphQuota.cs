using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Resource Graph's per-user quota as the service announces it: every answer carries
    /// <c>x-ms-user-quota-remaining</c> (queries left) and <c>x-ms-user-quota-resets-after</c> (hh:mm:ss until the
    /// window starts again), "a user can send at most 15 queries within every 5-second window" (Guidance for throttled
    /// requests in Azure Resource Graph, https://learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests).
    /// A query is let through only while the last announced count, less the queries already in flight, is above zero;
    /// otherwise it waits until the announced reset. So a client that honours this never causes a 429. Until the first
    /// answer the quota is unknown and one query at a time is sent.
    /// </summary>
    internal sealed class ResourceGraphQuota
    {
        public const string RemainingHeader = "x-ms-user-quota-remaining";
        public const string ResetsAfterHeader = "x-ms-user-quota-resets-after";

        private readonly object _gate = new object();
        private readonly TimeSpan _maxWait;
        private int? _remaining;
        private long _resetAt;
        private int _inFlight;

        public ResourceGraphQuota(TimeSpan maxWait)
        {
            _maxWait = maxWait;
        }

        /// <summary>How long queries have waited for the quota, in total.</summary>
        public TimeSpan Waited { get; private set; }

        /// <summary>Waits until a query may be sent, and counts it as in flight.</summary>
        /// <exception cref="ArmRequestException">The announced reset is further away than the wait cap (<c>QuotaWaitTooLong</c>).</exception>
        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    if (_remaining.HasValue && now >= _resetAt)
                    {
                        // The window announced last has ended: the next answer tells the new count.
                        _remaining = null;
                    }

                    var free = _remaining.HasValue ? _remaining.Value - _inFlight > 0 : _inFlight == 0;
                    if (free)
                    {
                        _inFlight++;
                        return;
                    }

                    wait = _remaining.HasValue
                        ? TimeSpan.FromSeconds(Math.Max(0, _resetAt - now) / (double)Stopwatch.Frequency)
                        : TimeSpan.FromMilliseconds(10);
                }

                if (wait > _maxWait)
                {
                    throw new ArmRequestException("QuotaWaitTooLong", $"Resource Graph's quota resets in {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, longer than the {_maxWait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s this scan waits.");
                }

                Waited += wait;
                await MonotonicDelay.WaitAsync(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Ends a query: records what its answer announced (when it announced anything) and frees its slot.</summary>
        public void Exit(string? remaining, string? resetsAfter)
        {
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight - 1);
                if (int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && TryParseReset(resetsAfter, out var reset))
                {
                    _remaining = Math.Max(0, count);
                    _resetAt = Stopwatch.GetTimestamp() + (long)(reset.TotalSeconds * Stopwatch.Frequency);
                }
            }
        }

        /// <summary>Reads hh:mm:ss (the documented format; fractions tolerated).</summary>
        internal static bool TryParseReset(string? text, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            return !string.IsNullOrWhiteSpace(text)
                && TimeSpan.TryParseExact(text!.Trim(), new[] { @"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"d\.hh\:mm\:ss" }, CultureInfo.InvariantCulture, out value)
                && value >= TimeSpan.Zero;
        }
    }
}
