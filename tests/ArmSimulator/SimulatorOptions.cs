namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>An ARM-like token bucket the simulator enforces: capacity and refill per second.</summary>
    public sealed class BucketOptions
    {
        public BucketOptions(int capacity, double refillPerSecond)
        {
            Capacity = capacity;
            RefillPerSecond = refillPerSecond;
        }

        public int Capacity { get; }

        public double RefillPerSecond { get; }
    }

    /// <summary>Faults injected at random (seeded) into matching requests.</summary>
    public sealed class FaultOptions
    {
        /// <summary>Share of requests answered 429 with a Retry-After (the bucket's own 429s come on top).</summary>
        public double ThrottleRate { get; set; }

        /// <summary>The Retry-After of injected 429s, in seconds.</summary>
        public int ThrottleRetryAfterSeconds { get; set; } = 1;

        /// <summary>Send Retry-After as an HTTP date instead of seconds.</summary>
        public bool RetryAfterAsHttpDate { get; set; }

        /// <summary>Share of requests answered 500, 502, 503 or 504.</summary>
        public double ServerErrorRate { get; set; }

        /// <summary>Share of requests whose connection is dropped without a response.</summary>
        public double DropRate { get; set; }

        /// <summary>Which requests faults apply to (method, path); null for all.</summary>
        public Func<string, string, bool>? Applies { get; set; }

        /// <summary>The random seed.</summary>
        public int Seed { get; set; } = 12345;
    }

    /// <summary>Resource Graph's quota: queries per window.</summary>
    public sealed class GraphQuotaOptions
    {
        public int Queries { get; set; } = 15;

        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);
    }

    /// <summary>How the simulator behaves.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>The bearer token the simulator accepts.</summary>
        public string Token { get; set; } = "simulator-token";

        /// <summary>The subscription the VMs live in.</summary>
        public string SubscriptionId { get; set; } = "00000000-0000-0000-0000-000000000001";

        /// <summary>The tenant of the subscription (tenantId of GET /subscriptions/{id}); the stand-in Az.Accounts' context tenant by default.</summary>
        public string TenantId { get; set; } = "72f988bf-0000-0000-0000-000000000000";

        /// <summary>Tokens from other tenants (token to issuing tenant): answered with 401 InvalidAuthenticationTokenTenant naming <see cref="TenantId"/>.</summary>
        public IDictionary<string, string> ForeignTokens { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The VMs.</summary>
        public IList<SimVm> Vms { get; set; } = new List<SimVm>();

        /// <summary>The resource group and name of the Recovery Services vault that protects the VMs with Protected set.</summary>
        public string VaultResourceGroup { get; set; } = "rg-backup";

        public string VaultName { get; set; } = "vault1";

        /// <summary>VMs per list page.</summary>
        public int PageSize { get; set; } = 100;

        /// <summary>Added before every response.</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>Read bucket (GET); null to disable.</summary>
        public BucketOptions? Reads { get; set; } = new BucketOptions(250, 25);

        /// <summary>Delete bucket; null to disable.</summary>
        public BucketOptions? Deletes { get; set; } = new BucketOptions(200, 10);

        /// <summary>Write bucket (PUT/POST/PATCH); null to disable.</summary>
        public BucketOptions? Writes { get; set; } = new BucketOptions(200, 10);

        public FaultOptions Faults { get; set; } = new FaultOptions();

        /// <summary>Polls answered "running" before a delete or backup operation completes.</summary>
        public int OperationPolls { get; set; } = 2;

        /// <summary>Retry-After (seconds) sent with 202 responses and running polls.</summary>
        public int OperationRetryAfterSeconds { get; set; } = 1;

        /// <summary>Answer long-running operations with Azure-AsyncOperation (status body) besides Location.</summary>
        public bool UseAsyncOperationHeader { get; set; }

        /// <summary>The folder with the official examples; null to locate ../shared/fixtures/arm from the working folders.</summary>
        public string? FixtureDirectory { get; set; }

        /// <summary>
        /// Give every region with a protected VM its restore point resource group AzureBackupRG_{region}_1, as Azure Backup
        /// does at a VM's first backup. Off: no VM has been backed up yet.
        /// </summary>
        public bool CreateBackupResourceGroups { get; set; } = true;

        /// <summary>Resource groups listed besides those of the VMs, the vault and the restore points.</summary>
        public IList<SimResourceGroup> ResourceGroups { get; set; } = new List<SimResourceGroup>();

        /// <summary>Management locks on the subscription or its resource groups.</summary>
        public IList<SimLock> Locks { get; set; } = new List<SimLock>();

        /// <summary>Resource Graph's per-user quota (15 queries per 5-second window, as documented); null to disable.</summary>
        public GraphQuotaOptions? GraphQuota { get; set; } = new GraphQuotaOptions();

        /// <summary>Management groups Resource Graph knows: name to subscription ids.</summary>
        public IDictionary<string, IList<string>> ManagementGroups { get; set; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Subscriptions a tenant or management group query covers at most (the service's 10,000; lower it to test x-ms-tenant-subscription-limit-hit).</summary>
        public int TenantSubscriptionLimit { get; set; } = 10_000;

        /// <summary>Resource Graph answers 400 to any query whose subscriptions include one of these (a query the service rejects there).</summary>
        public ISet<string> GraphRejectSubscriptions { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The current time used for job times.</summary>
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    }
}
