using System.Diagnostics;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Bench
{
    /// <summary>
    /// One run, two clients against the same simulator (N mixed VMs, fixed latency, ARM's read bucket 250 + 25/s):
    /// a naive loop that lists the VMs and GETs each instance view in turn, and the fleet scanner (bounded parallelism,
    /// shared token bucket). Prints times, request counts, the lower bound the bucket and latency set, and the ratios.
    /// </summary>
    public static class Program
    {
        private sealed class TokenProvider : IAccessTokenProvider
        {
            public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
                Task.FromResult(new ArmAccessToken("bench-token", DateTimeOffset.UtcNow.AddHours(1)));
        }

        public static async Task<int> Main(string[] args)
        {
            var vms = Arg(args, "--vms", 1000);
            var latencyMs = Arg(args, "--latency-ms", 50);
            var parallel = Arg(args, "--parallel", 16);
            var pageSize = Arg(args, "--page-size", 100);
            var skipNaive = args.Contains("--skip-naive");

            var options = new SimulatorOptions
            {
                Token = "bench-token",
                Vms = SimFleet.MixedFleet(vms),
                PageSize = pageSize,
                Latency = TimeSpan.FromMilliseconds(latencyMs),
                Reads = new BucketOptions(250, 25),
            };
            await using var sim = await ArmSimulatorServer.StartAsync(options);
            var subscription = options.SubscriptionId;
            var limits = new ArmRateLimits();
            Console.WriteLine($"simulator {sim.BaseUri} | {vms} VMs | latency {latencyMs} ms | read bucket {options.Reads.Capacity} + {options.Reads.RefillPerSecond}/s | page size {pageSize} | parallelism {parallel}");

            Run? naive = null;
            if (!skipNaive)
            {
                naive = await Measure(sim, "naive sequential loop", async client =>
                {
                    var listed = new System.Collections.Generic.List<AzureVm>();
                    await client.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.Compute/virtualMachines", null, page =>
                    {
                        listed.AddRange(page.Select(InstanceViewParser.ParseVm));
                        return Task.CompletedTask;
                    }, CancellationToken.None);
                    foreach (var vm in listed)
                    {
                        InstanceViewParser.Parse(vm, await client.GetAsync(vm.Id + "/instanceView", null, CancellationToken.None));
                    }

                    return listed.Count;
                });
            }

            var fleet = await Measure(sim, "fleet scan (instance views)", client => ScanAsync(client, subscription, parallel, false));
            var full = await Measure(sim, "fleet scan + backup evidence", client => ScanAsync(client, subscription, parallel, true));

            var pages = (int)Math.Ceiling(vms / (double)pageSize);
            Console.WriteLine();
            Console.WriteLine("| run | wall time | requests | 429s | lower bound | time / bound | naive / run |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var run in new[] { naive, fleet, full }.Where(r => r != null).Select(r => r!))
            {
                var bound = LowerBound(run.Requests, pages, options.Reads.Capacity, options.Reads.RefillPerSecond, latencyMs / 1000.0, run.Name.StartsWith("naive", StringComparison.Ordinal) ? 1 : parallel);
                var speedup = naive is null ? "-" : (naive.Seconds / run.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "x";
                Console.WriteLine($"| {run.Name} | {run.Seconds:0.00} s | {run.Requests} | {run.Throttled} | {bound:0.00} s | {run.Seconds / bound:0.00} | {speedup} |");
            }

            return fleet.Checked == vms ? 0 : 1;
        }

        private sealed record Run(string Name, double Seconds, int Requests, int Throttled, int Checked);

        private static async Task<int> ScanAsync(ArmClient client, string subscription, int parallel, bool backup)
        {
            var scanner = new FleetScanner(client, new KnowledgeBaseErrorClassifier(), new FleetScanOptions { MaxParallelism = parallel, IncludeBackupEvidence = backup });
            var summary = await scanner.ScanSubscriptionsAsync(new[] { subscription }, _ => { }, null, CancellationToken.None);
            return summary.Succeeded;
        }

        private static async Task<Run> Measure(ArmSimulatorServer sim, string name, Func<ArmClient, Task<int>> body)
        {
            sim.ResetBuckets();
            sim.ClearLog();
            using var client = new ArmClient(new ArmClientOptions(sim.BaseUri), new TokenProvider());
            var watch = Stopwatch.StartNew();
            var count = await body(client);
            watch.Stop();
            var log = sim.Requests;
            var run = new Run(name, watch.Elapsed.TotalSeconds, log.Count, log.Count(r => r.Status == 429), count);
            Console.WriteLine($"{name}: {run.Seconds:0.00} s, {run.Requests} requests ({run.Throttled} answered 429), {count} VMs");
            return run;
        }

        /// <summary>
        /// The fastest any client could be: the bucket lets <c>capacity</c> requests through at once and then
        /// <c>refill</c> per second, and each answer takes the latency; the list pages come one after another, and at most
        /// <c>parallel</c> requests are in flight.
        /// </summary>
        private static double LowerBound(int requests, int pages, int capacity, double refill, double latency, int parallel)
        {
            var bucket = (Math.Max(0, requests - capacity) / refill) + latency;
            var flight = (pages * latency) + (Math.Ceiling((requests - pages) / (double)parallel) * latency);
            return Math.Max(bucket, flight);
        }

        private static int Arg(string[] args, string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
