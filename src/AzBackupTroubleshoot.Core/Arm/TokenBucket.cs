using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// A token bucket: holds up to <see cref="Capacity"/> tokens, refills <see cref="RefillPerSecond"/> per second, and
    /// every request takes one, waiting when the bucket is empty. Resource Manager throttles with the same model
    /// (reads: 250, refilling 25 per second, per subscription and principal), so a client that spends from a matching
    /// bucket stays under the limit instead of learning it from 429 responses. Thread-safe.
    /// </summary>
    public sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly Func<double> _clockSeconds;
        private double _tokens;
        private double _updatedAt;

        /// <summary>Creates a full bucket.</summary>
        public TokenBucket(int capacity, double refillPerSecond)
            : this(capacity, refillPerSecond, StopwatchSeconds)
        {
        }

        internal TokenBucket(int capacity, double refillPerSecond, Func<double> clockSeconds)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "The bucket must hold at least one token.");
            }

            if (!(refillPerSecond > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(refillPerSecond), "The refill rate must be positive.");
            }

            Capacity = capacity;
            RefillPerSecond = refillPerSecond;
            _clockSeconds = clockSeconds ?? throw new ArgumentNullException(nameof(clockSeconds));
            _tokens = capacity;
            _updatedAt = clockSeconds();
        }

        /// <summary>The most tokens the bucket holds.</summary>
        public int Capacity { get; }

        /// <summary>Tokens added per second.</summary>
        public double RefillPerSecond { get; }

        /// <summary>The tokens available now (fractional while refilling).</summary>
        public double Available
        {
            get
            {
                lock (_gate)
                {
                    Refill();
                    return _tokens;
                }
            }
        }

        /// <summary>Takes a token if one is available now.</summary>
        public bool TryTake() => TryTake(out _);

        /// <summary>Waits until a token is available and takes it.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
        public async Task TakeAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TryTake(out var wait))
                {
                    return;
                }

                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Lowers the bucket to what the server says is left (for example <c>x-ms-ratelimit-remaining-subscription-reads</c>),
        /// so the client slows down when other clients share the same limit. Never raises it.
        /// </summary>
        public void Observe(int remaining)
        {
            lock (_gate)
            {
                Refill();
                var floor = Math.Max(0, remaining);
                if (floor < _tokens)
                {
                    _tokens = floor;
                }
            }
        }

        private bool TryTake(out TimeSpan wait)
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

                // Wait until one whole token has accrued; at least 1 ms so the loop never spins.
                var seconds = (1 - _tokens) / RefillPerSecond;
                wait = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));
                return false;
            }
        }

        private void Refill()
        {
            var now = _clockSeconds();
            var elapsed = now - _updatedAt;
            if (elapsed > 0)
            {
                _tokens = Math.Min(Capacity, _tokens + (elapsed * RefillPerSecond));
                _updatedAt = now;
            }
        }

        private static double StopwatchSeconds() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }
}
