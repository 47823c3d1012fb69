using System.Diagnostics;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>The simulator's own token bucket (independent of the client's, so the client is tested against it).</summary>
    internal sealed class SimulatorBucket
    {
        private readonly object _gate = new object();
        private readonly BucketOptions _options;
        private double _tokens;
        private long _updated;

        public SimulatorBucket(BucketOptions options)
        {
            _options = options;
            Reset();
        }

        public void Reset()
        {
            lock (_gate)
            {
                _tokens = _options.Capacity;
                _updated = Stopwatch.GetTimestamp();
            }
        }

        /// <summary>Takes a token, or says how long until one is there.</summary>
        public bool TryTake(out TimeSpan wait)
        {
            lock (_gate)
            {
                Refill();
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    wait = TimeSpan.Zero;
                    return true;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _options.RefillPerSecond);
                return false;
            }
        }

        public int Remaining
        {
            get
            {
                lock (_gate)
                {
                    Refill();
                    return (int)Math.Floor(_tokens);
                }
            }
        }

        private void Refill()
        {
            var now = Stopwatch.GetTimestamp();
            var seconds = (now - _updated) / (double)Stopwatch.Frequency;
            _tokens = Math.Min(_options.Capacity, _tokens + (seconds * _options.RefillPerSecond));
            _updated = now;
        }
    }
}
