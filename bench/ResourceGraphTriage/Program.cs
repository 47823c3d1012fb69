using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Runners;

namespace AzBackupTroubleshoot.Bench
{
    /// <summary>
    /// One path of the tenant-scale benchmark per process, so each path's peak memory is its own: against a running ARM
    /// simulator (tests/ArmSimulator as a child process of bench/ResourceGraphTriage.bench.ps1), either the Resource Graph
    /// triage (--mode triage) or today's per-VM scan with backup evidence (--mode full) over the fleet's subscriptions.
    /// Each VM's results are streamed to a file as "name<TAB>detailed<TAB>CheckId|Status|Cause;..." (nothing is kept in
    /// memory), and a JSON summary line is printed: wall time, requests by kind, 429s, peak working set, peak managed
    /// heap. --mode compare reads two result files and checks that every VM is in both and that the VMs the triage read
    /// in detail have exactly the per-VM read's results (and the triaged ones the same Azure.PowerState and Azure.BackupJob).
    /// </summary>
    public static class Program
    {
        private sealed class TokenProvider : IAccessTokenProvider
        {
            private readonly string _token;

            public TokenProvider(string token) => _token = token;

            public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
                Task.FromResult(new ArmAccessToken(_token, DateTimeOffset.UtcNow.AddHours(1)));
        }

        public static async Task<int> Main(string[] args)
        {
            var mode = Arg(args, "--mode", "triage");
            if (mode == "compare")
            {
                return Compare(Arg(args, "--triage", string.Empty), Arg(args, "--full", string.Empty));
            }

            var url = new Uri(Arg(args, "--url", string.Empty));
            var token = Arg(args, "--token", "bench-token");
            var subscriptions = int.Parse(Arg(args, "--subscriptions", "200"), CultureInfo.InvariantCulture);
            var parallel = int.Parse(Arg(args, "--parallel", "16"), CultureInfo.InvariantCulture);
            var output = Arg(args, "--out", Path.Combine(Path.GetTempPath(), $"rg-bench-{mode}.tsv"));
            var ids = Enumerable.Range(0, subscriptions).Select(n => $"{n + 1:x8}-0000-4000-8000-00000000a11f").ToList();

            using (var http = new HttpClient())
            {
                (await http.PostAsync(new Uri(url, "_simulator/reset"), null)).EnsureSuccessStatusCode();
            }

            GC.Collect();
            var baseline = GC.GetTotalMemory(true);
            long peakHeap = 0;
            long liveHeap = 0;
            using var sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(false)), null, 0, 20);

            // With --live-heap: what is still referenced, after a full collection every 500 ms (slows the run a little;
            // the peak above also counts garbage not yet collected, which grows with the allocation rate, not the fleet).
            using var live = args.Contains("--live-heap") ? new Timer(_ => InterlockedMax(ref liveHeap, GC.GetTotalMemory(true)), null, 0, 500) : null;
            var options = new ArmClientOptions(url) { MaxConnections = Math.Max(16, parallel * 2) };
            using var arm = new ArmClient(options, new TokenProvider(token));
            using var writer = new StreamWriter(output);
            var vms = 0;
            void Write(FleetScanItem item, bool detailed)
            {
                vms++;
                var name = item.Target.Substring(item.Target.LastIndexOf('/') + 1);
                writer.Write(name);
                writer.Write('\t');
                writer.Write(item.Succeeded ? (detailed ? "detailed" : "triaged") : "error:" + item.ErrorCode);
                writer.Write('\t');
                writer.WriteLine(string.Join(";", item.Results.Select(r => $"{r.CheckId}|{r.Status}|{r.Cause}")));
            }

            var watch = Stopwatch.StartNew();
            var extra = new Dictionary<string, object>();
            if (mode == "triage")
            {
                var scanner = new ResourceGraphTriageScanner(arm, new KnowledgeBaseErrorClassifier(), new ResourceGraphTriageOptions { MaxParallelism = parallel });
                extra["setupSeconds"] = Math.Round(watch.Elapsed.TotalSeconds, 3);
                var pages = new List<double>();
                double triageDone = 0;
                var summary = await scanner.ScanAsync(ResourceGraphScope.ForSubscriptions(ids),
                    item => Write(item, !item.Results.Any(r => r.Evidence.Contains(ResourceGraphTriageScanner.TriageEvidence))),
                    p =>
                    {
                        if (p.Phase == "Triage")
                        {
                            pages.Add(Math.Round(watch.Elapsed.TotalSeconds, 3));
                        }
                        else if (triageDone == 0)
                        {
                            triageDone = Math.Round(watch.Elapsed.TotalSeconds, 3);
                        }
                    },
                    w => Console.Error.WriteLine("warning: " + w), CancellationToken.None);
                extra["progressSeconds"] = pages;
                extra["triageDoneSeconds"] = triageDone;
                extra["outcomes"] = summary.Outcomes.ToDictionary(o => o.Key.ToString(), o => o.Value);
                extra["detailed"] = summary.Detailed;
                extra["graphQuotaWaitSeconds"] = Math.Round(scanner.Graph.QuotaWaited.TotalSeconds, 3);
            }
            else
            {
                var scanner = new FleetScanner(arm, new KnowledgeBaseErrorClassifier(), new FleetScanOptions { MaxParallelism = parallel });
                var summary = await scanner.ScanSubscriptionsAsync(ids, item => Write(item, true), null, CancellationToken.None);
                extra["listingErrors"] = summary.ListingErrors;
            }

            watch.Stop();
            writer.Flush();
            InterlockedMax(ref peakHeap, GC.GetTotalMemory(false));
            var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;

            // The request log only after the peaks are taken (reading it allocates).
            using var client = new HttpClient();
            using var log = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, "_simulator/requests")));
            var entries = log.RootElement.EnumerateArray().ToList();
            bool IsGraph(JsonElement e) => e.GetProperty("path").GetString() == "/providers/Microsoft.ResourceGraph/resources";
            var perSubscription = entries.Where(e => !IsGraph(e)).GroupBy(e => (e.GetProperty("path").GetString() ?? string.Empty).Split('/').ElementAtOrDefault(2) ?? "-")
                .Select(g => g.Count()).DefaultIfEmpty(0).ToList();
            var result = new Dictionary<string, object>
            {
                ["mode"] = mode,
                ["vms"] = vms,
                ["subscriptions"] = subscriptions,
                ["parallel"] = parallel,
                ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 3),
                ["armRequests"] = entries.Count(e => !IsGraph(e)),
                ["armRequestsMaxPerSubscription"] = perSubscription.Max(),
                ["listPages"] = entries.Count(e => (e.GetProperty("path").GetString() ?? string.Empty).EndsWith("/providers/Microsoft.Compute/virtualMachines", StringComparison.Ordinal)),
                ["graphRequests"] = entries.Count(IsGraph),
                ["armRequestsByKind"] = entries.Where(e => !IsGraph(e)).GroupBy(e => Kind(e.GetProperty("path").GetString() ?? string.Empty))
                    .OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
                ["graph429"] = entries.Count(e => IsGraph(e) && e.GetProperty("status").GetInt32() == 429),
                ["arm429"] = entries.Count(e => !IsGraph(e) && e.GetProperty("status").GetInt32() == 429),
                ["peakWorkingSetMB"] = Math.Round(peakWorkingSet / 1048576.0, 1),
                ["peakManagedHeapMB"] = Math.Round(Interlocked.Read(ref peakHeap) / 1048576.0, 1),
                ["baselineManagedHeapMB"] = Math.Round(baseline / 1048576.0, 1),
                ["liveHeapMaxMB"] = Math.Round(Interlocked.Read(ref liveHeap) / 1048576.0, 1),
                ["results"] = output,
            };
            foreach (var pair in extra)
            {
                result[pair.Key] = pair.Value;
            }

            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }

        private static int Compare(string triageFile, string fullFile)
        {
            var triage = Read(triageFile);
            var full = Read(fullFile);
            var missing = full.Keys.Except(triage.Keys).Count() + triage.Keys.Except(full.Keys).Count();
            int detailed = 0, detailedSame = 0, triaged = 0, triagedSame = 0, errors = 0;
            var differences = new List<string>();
            foreach (var (name, (state, results)) in triage)
            {
                if (!full.TryGetValue(name, out var other))
                {
                    continue;
                }

                if (state.StartsWith("error", StringComparison.Ordinal) || other.State.StartsWith("error", StringComparison.Ordinal))
                {
                    errors++;
                    continue;
                }

                if (state == "detailed")
                {
                    detailed++;
                    if (results.SequenceEqual(other.Results))
                    {
                        detailedSame++;
                    }
                    else if (differences.Count < 5)
                    {
                        differences.Add($"{name}: triage {string.Join(";", results)} / full {string.Join(";", other.Results)}");
                    }
                }
                else
                {
                    triaged++;
                    var subset = other.Results.Where(r => r.StartsWith("Azure.PowerState|", StringComparison.Ordinal) || r.StartsWith("Azure.BackupJob|", StringComparison.Ordinal));
                    if (results.SequenceEqual(subset))
                    {
                        triagedSame++;
                    }
                    else if (differences.Count < 5)
                    {
                        differences.Add($"{name}: triage {string.Join(";", results)} / full {string.Join(";", other.Results)}");
                    }
                }
            }

            var failingInFull = full.Values.Count(v => v.Results.Any(r => r.StartsWith("Azure.BackupJob|Failed", StringComparison.Ordinal)));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                triageVms = triage.Count,
                fullVms = full.Count,
                inOnlyOne = missing,
                errors,
                detailed,
                detailedSameAsFull = detailedSame,
                failingBackupsInFull = failingInFull,
                triaged,
                triagedSameAsFull = triagedSame,
                differences,
            }));
            return missing == 0 && errors == 0 && detailed == detailedSame && triaged == triagedSame ? 0 : 1;
        }

        private static Dictionary<string, (string State, List<string> Results)> Read(string file)
        {
            var map = new Dictionary<string, (string, List<string>)>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split('\t');
                map[parts[0]] = (parts[1], parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList());
            }

            return map;
        }

        /// <summary>A request path with its names left out (/subscriptions/*/resourceGroups/*/providers/Microsoft.Compute/virtualMachines/*/instanceView).</summary>
        private static string Kind(string path)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var kind = new List<string>();
            var name = false;
            for (var i = 0; i < segments.Length; i++)
            {
                if (string.Equals(segments[i], "providers", StringComparison.OrdinalIgnoreCase) && i + 1 < segments.Length)
                {
                    kind.Add(segments[i]);
                    kind.Add(segments[++i]);
                    name = false;
                    continue;
                }

                kind.Add(name ? "*" : segments[i]);
                name = !name;
            }

            return "/" + string.Join("/", kind);
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }

        private static string Arg(string[] args, string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
    }
}
