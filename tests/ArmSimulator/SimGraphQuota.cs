using System.Diagnostics;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Resource Graph's per-user quota as the service describes it: at most N queries in a window; every answer says how
    /// many are left (x-ms-user-quota-remaining) and when the window starts again (x-ms-user-quota-resets-after, hh:mm:ss).
    /// A window starts with the first query after the previous one ended.
    /// </summary>
    internal sealed class SimGraphQuota
    {
        private readonly object _gate = new object();
        private readonly GraphQuotaOptions _options;
        private long _windowEnd;
        private int _used;

        public SimGraphQuota(GraphQuotaOptions options)
        {
            _options = options;
        }

        public void Reset()
        {
            lock (_gate)
            {
                _windowEnd = 0;
                _used = 0;
            }
        }

        /// <summary>Counts a query; false when the window's quota is spent. Says what is left and how long until the window resets.</summary>
        public bool TryTake(out int remaining, out TimeSpan resetsAfter)
        {
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= _windowEnd)
                {
                    _windowEnd = now + (long)(_options.Window.TotalSeconds * Stopwatch.Frequency);
                    _used = 0;
                }

                resetsAfter = TimeSpan.FromSeconds((_windowEnd - now) / (double)Stopwatch.Frequency);
                if (_used >= _options.Queries)
                {
                    remaining = 0;
                    return false;
                }

                _used++;
                remaining = _options.Queries - _used;
                return true;
            }
        }
    }
}
