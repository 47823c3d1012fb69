using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// A Kestrel server on 127.0.0.1 (free port) that answers like Azure Resource Manager for a simulated fleet: VM list
    /// with paging, VM, instance view, extensions (get, list, delete as a long-running operation), Recovery Services vaults,
    /// protected items and failed backup jobs. It checks the bearer token and api-versions, enforces ARM-like token
    /// buckets, injects faults and latency, and logs every request.
    /// </summary>
    public sealed partial class ArmSimulatorServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ArmDocuments _documents;
        private readonly FaultInjector _faults;
        private readonly ConcurrentDictionary<string, SimulatorBucket> _buckets = new ConcurrentDictionary<string, SimulatorBucket>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<(SimVm Vm, int Index)>> _bySubscription = new Dictionary<string, List<(SimVm Vm, int Index)>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentQueue<RequestLogEntry> _log = new ConcurrentQueue<RequestLogEntry>();
        private readonly ConcurrentDictionary<string, SimOperation> _operations = new ConcurrentDictionary<string, SimOperation>();
        private readonly Dictionary<string, (SimVm Vm, int Index)> _vms;
        private readonly object _stateGate = new object();
        private readonly SimGraphQuota? _graphQuota;
        private long _sequence;
        private long _operationSequence;

        private ArmSimulatorServer(WebApplication app, SimulatorOptions options, FixtureSet fixtures)
        {
            _app = app;
            Options = options;
            Fixtures = fixtures;
            _documents = new ArmDocuments(fixtures, options);
            _faults = new FaultInjector(options.Faults);
            _vms = options.Vms.Select((vm, i) => (vm, i)).ToDictionary(p => Key(_documents.SubOf(p.vm), p.vm.ResourceGroup, p.vm.Name), p => (p.vm, p.i), StringComparer.Ordinal);
            _bySubscription[options.SubscriptionId] = new List<(SimVm, int)>();
            for (var i = 0; i < options.Vms.Count; i++)
            {
                var sub = _documents.SubOf(options.Vms[i]);
                if (!_bySubscription.TryGetValue(sub, out var list))
                {
                    _bySubscription[sub] = list = new List<(SimVm, int)>();
                }

                list.Add((options.Vms[i], i));
            }

            _graphQuota = options.GraphQuota is null ? null : new SimGraphQuota(options.GraphQuota);
            _graphQueries.Warm(options.Vms, _documents);
        }

        /// <summary>The subscriptions the simulator serves: the default one and every VM's.</summary>
        public IReadOnlyCollection<string> Subscriptions => _bySubscription.Keys;

        /// <summary>The VMs of one subscription, with their index in <see cref="SimulatorOptions.Vms"/>.</summary>
        internal IReadOnlyList<(SimVm Vm, int Index)> VmsIn(string subscription) =>
            _bySubscription.TryGetValue(subscription, out var list) ? list : (IReadOnlyList<(SimVm, int)>)Array.Empty<(SimVm, int)>();

        /// <summary>ARM's buckets are per subscription (and principal): one set per subscription, made on first use.</summary>
        private SimulatorBucket? BucketFor(string kind, string subscription)
        {
            var options = kind switch { "reads" => Options.Reads, "deletes" => Options.Deletes, _ => Options.Writes };
            return options is null ? null : _buckets.GetOrAdd(kind + "|" + subscription, _ => new SimulatorBucket(options));
        }

        public SimulatorOptions Options { get; }

        public FixtureSet Fixtures { get; }

        /// <summary>http://127.0.0.1:{port}/</summary>
        public Uri BaseUri { get; private set; } = new Uri("http://127.0.0.1/");

        /// <summary>A snapshot of the request log, in arrival order.</summary>
        public IReadOnlyList<RequestLogEntry> Requests => _log.ToArray().OrderBy(e => e.Sequence).ToList();

        public static async Task<ArmSimulatorServer> StartAsync(SimulatorOptions options, int port = 0)
        {
            ArgumentNullException.ThrowIfNull(options);
            var fixtures = FixtureSet.Load(options.FixtureDirectory);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port);
                kestrel.AddServerHeader = false;
            });

            var app = builder.Build();
            var server = new ArmSimulatorServer(app, options, fixtures);
            app.Run(server.HandleAsync);
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            return server;
        }

        public void ClearLog()
        {
            while (_log.TryDequeue(out _))
            {
            }
        }

        /// <summary>Refills every bucket (between benchmark runs).</summary>
        public void ResetBuckets()
        {
            foreach (var bucket in _buckets.Values)
            {
                bucket.Reset();
            }

            _graphQuota?.Reset();
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        private async Task HandleAsync(HttpContext context)
        {
            var entry = new RequestLogEntry
            {
                Sequence = Interlocked.Increment(ref _sequence),
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? "/",
                Query = context.Request.QueryString.Value ?? string.Empty,
                ArrivedAt = DateTimeOffset.UtcNow,
            };

            if (entry.Path.StartsWith("/_simulator/", StringComparison.Ordinal))
            {
                await ControlAsync(context).ConfigureAwait(false);
                return;
            }

            try
            {
                var bucketName = context.Request.Method switch { "GET" or "HEAD" => "reads", "DELETE" => "deletes", _ => "writes" };
                if (IsGraphPath(entry.Path))
                {
                    // Resource Graph has its own per-user quota, not ARM's buckets.
                    await GraphAsync(context, entry).ConfigureAwait(false);
                    return;
                }

                var subscriptionMatch = SubscriptionPrefix.Match(entry.Path);
                var bucket = BucketFor(bucketName, subscriptionMatch.Success ? subscriptionMatch.Groups[1].Value : "-");
                var throttled = false;
                var wait = TimeSpan.Zero;
                var authorized = context.Request.Headers.Authorization.ToString() == "Bearer " + Options.Token;
                if (authorized && bucket != null)
                {
                    throttled = !bucket.TryTake(out wait);
                }

                if (Options.Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Options.Latency).ConfigureAwait(false);
                }

                if (bucket != null)
                {
                    context.Response.Headers["x-ms-ratelimit-remaining-subscription-" + bucketName] = bucket.Remaining.ToString(CultureInfo.InvariantCulture);
                }

                if (!authorized)
                {
                    if (await TryWrongTenantAsync(context, entry).ConfigureAwait(false))
                    {
                        return;
                    }

                    await ErrorAsync(context, entry, 401, "InvalidAuthenticationToken", "The access token is invalid.").ConfigureAwait(false);
                    return;
                }

                if (throttled)
                {
                    entry.Fault = "Bucket";
                    await ThrottleAsync(context, entry, (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds))).ConfigureAwait(false);
                    return;
                }

                switch (_faults.Next(entry.Method, entry.Path))
                {
                    case Fault.Throttle:
                        entry.Fault = "Throttle";
                        await ThrottleAsync(context, entry, Options.Faults.ThrottleRetryAfterSeconds).ConfigureAwait(false);
                        return;
                    case Fault.ServerError:
                        entry.Fault = "ServerError";
                        var code = _faults.ServerErrorStatus();
                        await ErrorAsync(context, entry, code, "InternalServerError", "Simulated server error.").ConfigureAwait(false);
                        return;
                    case Fault.Drop:
                        entry.Fault = "Drop";
                        entry.Status = 0;
                        context.Abort();
                        return;
                }

                await RouteAsync(context, entry).ConfigureAwait(false);
            }
            finally
            {
                entry.RespondedAt = DateTimeOffset.UtcNow;
                _log.Enqueue(entry);
            }
        }

        private async Task ThrottleAsync(HttpContext context, RequestLogEntry entry, int seconds)
        {
            var notBefore = DateTimeOffset.UtcNow.AddSeconds(seconds);
            if (Options.Faults.RetryAfterAsHttpDate)
            {
                // HTTP dates have whole seconds: round up so the stated time is never earlier than the wait.
                notBefore = new DateTimeOffset(notBefore.Ticks - (notBefore.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
                context.Response.Headers.RetryAfter = notBefore.ToString("r", CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            entry.RetryNotBefore = notBefore;
            entry.RetryKey = entry.Key;
            await ErrorAsync(context, entry, 429, "TooManyRequests", "The request is being throttled.").ConfigureAwait(false);
        }

        private static async Task ErrorAsync(HttpContext context, RequestLogEntry entry, int status, string code, string message)
        {
            entry.Status = status;
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var body = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
            await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
        }

        private static async Task JsonAsync(HttpContext context, RequestLogEntry entry, int status, JsonNode body)
        {
            entry.Status = status;
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
        }

        private async Task ControlAsync(HttpContext context)
        {
            if (context.Request.Path.Value == "/_simulator/reset" && context.Request.Method == "POST")
            {
                // Between benchmark runs: full buckets, a fresh Resource Graph quota window, an empty log.
                ResetBuckets();
                ClearLog();
                context.Response.StatusCode = 204;
                return;
            }

            if (context.Request.Path.Value == "/_simulator/requests")
            {
                var items = new JsonArray(Requests.Select(e => (JsonNode)new JsonObject
                {
                    ["sequence"] = e.Sequence,
                    ["method"] = e.Method,
                    ["path"] = e.Path,
                    ["query"] = e.Query,
                    ["status"] = e.Status,
                    ["fault"] = e.Fault,
                    ["arrivedAt"] = e.ArrivedAt.ToString("o", CultureInfo.InvariantCulture),
                }).ToArray());
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(items.ToJsonString()).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 404;
        }

        private static string Key(string subscription, string resourceGroup, string name) => subscription.ToLowerInvariant() + "/" + resourceGroup.ToLowerInvariant() + "/" + name.ToLowerInvariant();

        private sealed class SimOperation
        {
            public int PollsLeft;
            public Action? OnComplete;
            public bool Completed;
        }
    }
}
