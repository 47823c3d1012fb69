namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>Settings of an <see cref="ArmClient"/>.</summary>
    public sealed class ArmClientOptions
    {
        /// <summary>Creates options for a Resource Manager endpoint (the Az context's Environment.ResourceManagerUrl).</summary>
        public ArmClientOptions(Uri resourceManagerUrl)
        {
            ResourceManagerUrl = resourceManagerUrl ?? throw new ArgumentNullException(nameof(resourceManagerUrl));
        }

        /// <summary>The Resource Manager endpoint, for example https://management.azure.com/.</summary>
        public Uri ResourceManagerUrl { get; }

        /// <summary>How long one HTTP request may take, response body included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Retries after the first attempt of a request.</summary>
        public int MaxRetries { get; set; } = 6;

        /// <summary>The first backoff step.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest backoff step (a longer Retry-After from the server is honoured up to <see cref="MaxRetryAfter"/>).</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The longest Retry-After the client waits before a retry (default 60 s). A server that asks for more (for
        /// example <c>Retry-After: 86400</c>) ends that request with <c>RetryAfterTooLong</c> at once instead of a long
        /// sleep; the other requests go on. Polls of a long-running operation wait at most this long between polls.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The most pages one list follows through <c>nextLink</c> (default 1,000). A list that goes on beyond it ends
        /// with <c>PageLimitExceeded</c>; a nextLink already followed ends with <c>NextLinkLoop</c>. Neither is cut silently.
        /// </summary>
        public int MaxPages { get; set; } = 1000;

        /// <summary>
        /// The longest answer body read (default 64 MiB; Resource Manager pages are far smaller). A longer answer ends that
        /// request with <c>ResponseTooLarge</c>, unread and not retried.
        /// </summary>
        public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>Seed for the backoff jitter; null for a random one.</summary>
        public int? RetrySeed { get; set; }

        /// <summary>A token is replaced when it expires within this margin.</summary>
        public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The wait between polls of a long-running operation that gives no Retry-After.</summary>
        public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long a long-running operation may take before the client stops polling.</summary>
        public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>The client-side token buckets (defaults: ARM's documented limits).</summary>
        public ArmRateLimits RateLimits { get; set; } = new ArmRateLimits();

        /// <summary>Most parallel connections to the endpoint.</summary>
        public int MaxConnections { get; set; } = 64;

        /// <summary>Receives one line per request, retry and poll (for -Verbose). Lines never hold the token.</summary>
        public Action<string>? Log { get; set; }

        /// <summary>The current time (tests); defaults to the system clock.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
