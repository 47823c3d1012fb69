using System.Collections.Concurrent;
using System.Net.Http;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>The size and refill rate of one Resource Manager throttling bucket.</summary>
    public sealed class ArmRateLimit
    {
        /// <summary>Creates a limit.</summary>
        public ArmRateLimit(int capacity, double refillPerSecond)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            if (!(refillPerSecond > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(refillPerSecond));
            }

            Capacity = capacity;
            RefillPerSecond = refillPerSecond;
        }

        /// <summary>Requests the bucket holds.</summary>
        public int Capacity { get; }

        /// <summary>Requests added back per second.</summary>
        public double RefillPerSecond { get; }
    }

    /// <summary>
    /// Resource Manager's limits per subscription and principal, per operation type. Defaults are the documented
    /// regional token-bucket values (request-limits-and-throttling.md, 2024+): reads 250 + 25/s, writes 200 + 10/s,
    /// deletes 200 + 10/s.
    /// </summary>
    public sealed class ArmRateLimits
    {
        /// <summary>GET and HEAD.</summary>
        public ArmRateLimit Reads { get; set; } = new ArmRateLimit(250, 25);

        /// <summary>PUT, PATCH and POST.</summary>
        public ArmRateLimit Writes { get; set; } = new ArmRateLimit(200, 10);

        /// <summary>DELETE.</summary>
        public ArmRateLimit Deletes { get; set; } = new ArmRateLimit(200, 10);
    }

    /// <summary>
    /// The client-side buckets, one per subscription and operation type, as ARM counts them. One instance belongs to
    /// one <see cref="ArmClient"/>, so every parallel request made through that client spends from the same buckets.
    /// </summary>
    internal sealed class ArmThrottle
    {
        private readonly ArmRateLimits _limits;
        private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new ConcurrentDictionary<string, TokenBucket>(StringComparer.OrdinalIgnoreCase);

        public ArmThrottle(ArmRateLimits limits)
        {
            _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        }

        public TokenBucket BucketFor(HttpMethod method, string pathOrUrl)
        {
            var kind = Kind(method);
            var subscription = ArmResourceId.SubscriptionOf(pathOrUrl) ?? "-";
            return _buckets.GetOrAdd(kind + "|" + subscription, _ =>
            {
                var limit = kind == "reads" ? _limits.Reads : kind == "deletes" ? _limits.Deletes : _limits.Writes;
                return new TokenBucket(limit.Capacity, limit.RefillPerSecond);
            });
        }

        public Task TakeAsync(HttpMethod method, string pathOrUrl, CancellationToken cancellationToken) =>
            BucketFor(method, pathOrUrl).TakeAsync(cancellationToken);

        /// <summary>The header that reports what is left of the bucket this method spends from.</summary>
        public static string RemainingHeader(HttpMethod method) => "x-ms-ratelimit-remaining-subscription-" + Kind(method);

        private static string Kind(HttpMethod method)
        {
            if (method == HttpMethod.Get || method == HttpMethod.Head)
            {
                return "reads";
            }

            return method == HttpMethod.Delete ? "deletes" : "writes";
        }
    }
}
