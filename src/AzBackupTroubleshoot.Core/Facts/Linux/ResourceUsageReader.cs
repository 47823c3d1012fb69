using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Memory use from <c>proc/meminfo</c>.</summary>
    public sealed class MemoryUsage
    {
        internal MemoryUsage(long totalKb, long availableKb, string evidence)
        {
            TotalKb = totalKb;
            AvailableKb = availableKb;
            Evidence = evidence;
        }

        /// <summary>MemTotal in KiB.</summary>
        public long TotalKb { get; }

        /// <summary>MemAvailable (or MemFree + Buffers + Cached on old kernels) in KiB.</summary>
        public long AvailableKb { get; }

        /// <summary>Used memory in percent of the total.</summary>
        public double UsedPercent => TotalKb <= 0 ? 0 : 100.0 * (TotalKb - AvailableKb) / TotalKb;

        /// <summary>The lines used.</summary>
        public string Evidence { get; }
    }

    /// <summary>CPU load from <c>proc/loadavg</c> and, on a live machine, two samples of <c>proc/stat</c>.</summary>
    public sealed class CpuUsage
    {
        internal CpuUsage(int cpuCount, double? loadAverage1, double? sampledPercent, IReadOnlyList<string> evidence)
        {
            CpuCount = cpuCount;
            LoadAverage1 = loadAverage1;
            SampledPercent = sampledPercent;
            Evidence = evidence;
        }

        /// <summary>The number of CPUs (<c>cpuN</c> lines in proc/stat), or 0 when unknown.</summary>
        public int CpuCount { get; }

        /// <summary>The one-minute load average.</summary>
        public double? LoadAverage1 { get; }

        /// <summary>CPU busy time in percent between two proc/stat samples (live only).</summary>
        public double? SampledPercent { get; }

        /// <summary>The values used.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>The one-minute load per CPU in percent (load 2.0 on 2 CPUs is 100 %), or null.</summary>
        public double? LoadPercent => LoadAverage1 is null || CpuCount <= 0 ? (double?)null : 100.0 * LoadAverage1.Value / CpuCount;
    }

    /// <summary>Reads memory and CPU pressure.</summary>
    public sealed class ResourceUsageReader
    {
        /// <summary>Reads <c>proc/meminfo</c>.</summary>
        public FileFact<MemoryUsage> ReadMemory(ILinuxRoot root)
        {
            var text = TextFileDecoder.Decode((root ?? throw new ArgumentNullException(nameof(root))).Read("proc/meminfo"));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<MemoryUsage>.Absent(text.Path) : FileFact<MemoryUsage>.Malformed(text.Path, text.Problem!);
            }

            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in TextFileDecoder.Lines(text.Value!))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                var number = line.Substring(colon + 1).Trim().Split(' ')[0];
                if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    values[line.Substring(0, colon).Trim()] = value;
                }
            }

            if (!values.TryGetValue("MemTotal", out var total) || total <= 0)
            {
                return FileFact<MemoryUsage>.Malformed(text.Path, "no positive MemTotal line");
            }

            long available;
            string evidence;
            if (values.TryGetValue("MemAvailable", out available))
            {
                evidence = $"{text.Path}: MemTotal {total} kB, MemAvailable {available} kB";
            }
            else
            {
                available = Get(values, "MemFree") + Get(values, "Buffers") + Get(values, "Cached");
                evidence = $"{text.Path}: MemTotal {total} kB, MemFree+Buffers+Cached {available} kB";
            }

            return FileFact<MemoryUsage>.Present(text.Path, new MemoryUsage(total, Math.Min(available, total), evidence));
        }

        /// <summary>Reads <c>proc/loadavg</c> and <c>proc/stat</c>; when <paramref name="sampleInterval"/> is given, samples proc/stat twice.</summary>
        public async Task<FileFact<CpuUsage>> ReadCpuAsync(ILinuxRoot root, TimeSpan? sampleInterval, CancellationToken cancellationToken)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var load = TextFileDecoder.Decode(root.Read("proc/loadavg"));
            var stat = TextFileDecoder.Decode(root.Read("proc/stat"));
            if (load.Status == FactStatus.Absent && stat.Status == FactStatus.Absent)
            {
                return FileFact<CpuUsage>.Absent(load.Path);
            }

            if (load.Status == FactStatus.Malformed)
            {
                return FileFact<CpuUsage>.Malformed(load.Path, load.Problem!);
            }

            if (stat.Status == FactStatus.Malformed)
            {
                return FileFact<CpuUsage>.Malformed(stat.Path, stat.Problem!);
            }

            var evidence = new List<string>();
            double? load1 = null;
            if (load.IsPresent)
            {
                var first = load.Value!.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
                {
                    return FileFact<CpuUsage>.Malformed(load.Path, $"'{Shorten(load.Value!.Trim())}' does not start with a load average");
                }

                load1 = parsed;
                evidence.Add($"{load.Path}: {load.Value!.Trim()}");
            }

            var cpus = 0;
            long[]? firstSample = null;
            if (stat.IsPresent)
            {
                var lines = TextFileDecoder.Lines(stat.Value!);
                cpus = lines.Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsDigit(l[3]));
                firstSample = TotalLine(lines);
                if (firstSample is null)
                {
                    return FileFact<CpuUsage>.Malformed(stat.Path, "no 'cpu' line with numbers");
                }

                evidence.Add($"{stat.Path}: {cpus} CPUs");
            }

            double? sampled = null;
            if (sampleInterval != null && firstSample != null)
            {
                await Task.Delay(sampleInterval.Value, cancellationToken).ConfigureAwait(false);
                var again = TextFileDecoder.Decode(root.Read("proc/stat"));
                var second = again.IsPresent ? TotalLine(TextFileDecoder.Lines(again.Value!)) : null;
                if (second != null)
                {
                    var total = second.Sum() - firstSample.Sum();
                    var idle = Idle(second) - Idle(firstSample);
                    if (total > 0)
                    {
                        sampled = 100.0 * (total - idle) / total;
                        evidence.Add($"{stat.Path}: {sampled.Value.ToString("0.0", CultureInfo.InvariantCulture)} % busy over {sampleInterval.Value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
                    }
                }
            }

            return FileFact<CpuUsage>.Present(load.IsPresent ? load.Path : stat.Path, new CpuUsage(cpus, load1, sampled, evidence));
        }

        private static long Get(Dictionary<string, long> values, string key) => values.TryGetValue(key, out var value) ? value : 0;

        private static long Idle(long[] sample) => sample[3] + (sample.Length > 4 ? sample[4] : 0);

        private static long[]? TotalLine(IReadOnlyList<string> lines)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            var numbers = new List<long>();
            foreach (var word in line.Substring(4).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                numbers.Add(value);
            }

            return numbers.Count >= 4 ? numbers.ToArray() : null;
        }

        private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
    }
}
