// Times, inside each process: parse the whole Service Tags file + select + aggregate (C#), the same with IPNetwork2's
// Supernet as the aggregator, and Python's json.load + ipaddress.collapse_addresses (bench/servicetags/collapse.py).
// Checks the three outputs are the same block list, and prints the times and ratios.
// Usage: dotnet run -c Release --project bench/ServiceTags.Bench -- [ServiceTags_Public.json] [--runs N]
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Network;

var runs = 15;
string? file = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs")
    {
        runs = int.Parse(args[++i]);
    }
    else
    {
        file = args[i];
    }
}

var root = FindRepositoryRoot();
file ??= FindFixture(root);
var script = Path.Combine(root, "bench", "servicetags", "collapse.py");
Console.WriteLine($"file: {file} ({new FileInfo(file).Length:N0} bytes), runs: {runs}, .NET {Environment.Version}");

// Regions: what -Region selects (C#); Python is given the tags the region stands for (the same two for westeurope).
var westEurope = new[] { "Storage.WestEurope", "AzureCloud.westeurope" };
var cases = new (string Name, string[]? Tags, string[]? Regions)[]
{
    ("all IPv4 prefixes", null, null),
    ("Storage.WestEurope + AzureCloud.westeurope", westEurope, null),
    ("-Region westeurope (Storage.WestEurope + AzureCloud.westeurope)", null, new[] { "westeurope" }),
};

foreach (var (name, tagNames, regions) in cases)
{
    var tags = regions is null ? tagNames : westEurope;
    Console.WriteLine();
    Console.WriteLine($"== {name}");

    // 1. This project, as the cmdlets do it: read the whole file (checked as JSON throughout; with a selection, only the
    //    selected tags' prefixes are parsed and validated), select, aggregate.
    List<string> Own()
    {
        var document = tags is null ? ServiceTagFile.Load(file) : ServiceTagFile.Load(file, new ServiceTagSelection(tagNames, regions));
        var selected = tags is null ? document.Tags : new ServiceTagSelector().Select(document, tagNames, regions);
        return DatacenterPrefixSet.FromTags(selected, IpFamily.IPv4).Prefixes.Select(p => p.Prefix.ToString()).ToList();
    }

    var coldWatch = Stopwatch.StartNew();
    var own = Own();
    var cold = coldWatch.Elapsed.TotalMilliseconds;
    var ownMs = Median(runs, () => Own());

    // 1b. The same with every prefix of every tag validated (the reader without a selection), for comparison.
    List<string> OwnFullValidation()
    {
        var document = ServiceTagFile.Load(file);
        var selected = tags is null ? document.Tags : new ServiceTagSelector().Select(document, tagNames, regions);
        return DatacenterPrefixSet.FromTags(selected, IpFamily.IPv4).Prefixes.Select(p => p.Prefix.ToString()).ToList();
    }

    var fullMs = tags is null ? ownMs : Median(runs, () => OwnFullValidation());
    var fullSame = tags is null || OwnFullValidation().SequenceEqual(own);

    // 2. The aggregation step alone: CidrAggregator vs IPNetwork2.Supernet on the same input strings.
    var document = ServiceTagFile.Load(file);
    var chosen = tags is null ? document.Tags : new ServiceTagSelector().Select(document, tagNames, regions);
    var inputText = chosen.SelectMany(t => t.PrefixesOf(IpFamily.IPv4)).Select(p => p.ToString()).ToArray();
    var aggregateMs = Median(runs, () => CidrAggregator.Aggregate(inputText.Select(IpPrefix.Parse)));
    // The route policy alone (RoutePolicy.WhyRefused for every input prefix), the check FromTags now makes first.
    var parsedInput = inputText.Select(IpPrefix.Parse).ToArray();
    var policyMs = Median(runs, () => parsedInput.Count(p => RoutePolicy.Default.WhyRefused(p) != null));
    var ipn2Watch = Stopwatch.StartNew();
    var ipn2 = IPNetwork2.Supernet(inputText.Select(t => IPNetwork2.Parse(t)).ToArray()).Select(n => n.ToString()).ToList();
    var ipn2Ms = ipn2Watch.Elapsed.TotalMilliseconds;
    var ipn2Runs = Math.Max(1, Math.Min(runs, (int)(20000 / Math.Max(ipn2Ms, 1))));
    ipn2Ms = Math.Min(ipn2Ms, Median(ipn2Runs, () => IPNetwork2.Supernet(inputText.Select(t => IPNetwork2.Parse(t)).ToArray())));

    // 3. Python, timed inside its own process (json.load + ip_network + collapse_addresses).
    var pythonArgs = new List<string> { script, file, "--family", "4" };
    pythonArgs.AddRange(tags is null ? new[] { "--all" } : new[] { "--tags", string.Join(",", tags) });
    var pythonTotals = new List<double>();
    List<string>? python = null;
    for (var run = 0; run < Math.Min(runs, 5); run++)
    {
        var (output, error, exit) = Run("python3", pythonArgs);
        if (exit != 0)
        {
            throw new InvalidOperationException("python3 failed: " + error);
        }

        using var json = JsonDocument.Parse(output);
        pythonTotals.Add(json.RootElement.GetProperty("total_ms").GetDouble());
        python ??= json.RootElement.GetProperty("blocks").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    pythonTotals.Sort();
    var pythonMs = pythonTotals[pythonTotals.Count / 2];

    Console.WriteLine($"input prefixes: {inputText.Length:N0}, blocks: C# {own.Count:N0}, IPNetwork2 {ipn2.Count:N0}, Python {python!.Count:N0}");
    var ipn2SameSet = ipn2.OrderBy(b => b, StringComparer.Ordinal).SequenceEqual(python.OrderBy(b => b, StringComparer.Ordinal));
    Console.WriteLine($"identical block lists: C# = Python: {own.SequenceEqual(python)}, IPNetwork2 = Python: {ipn2.SequenceEqual(python)} (same set in another order: {ipn2SameSet})");
    Console.WriteLine($"parse + select + aggregate   C#: {ownMs,9:F1} ms (median of {runs}; first run with JIT {cold:F1} ms)");
    if (tags != null)
    {
        Console.WriteLine($"  same, every prefix validated C#: {fullMs,9:F1} ms (median of {runs}; same blocks: {fullSame})");
    }

    Console.WriteLine($"json.load + collapse     Python: {pythonMs,9:F1} ms (median of {pythonTotals.Count})");
    Console.WriteLine($"ratio Python / C#: {pythonMs / ownMs:F1}x (first C# run: {pythonMs / cold:F1}x)" + (tags != null ? $"; every prefix validated: {pythonMs / fullMs:F1}x" : string.Empty));
    Console.WriteLine($"aggregation only: CidrAggregator {aggregateMs:F2} ms, IPNetwork2.Supernet {ipn2Ms:F2} ms (median of {ipn2Runs}), ratio {ipn2Ms / aggregateMs:F1}x");
    Console.WriteLine($"route policy only: RoutePolicy.WhyRefused for {parsedInput.Length:N0} prefixes {policyMs:F2} ms (median of {runs})");
    if (!own.SequenceEqual(python) || !fullSame)
    {
        Environment.ExitCode = 1;
    }
}

static double Median(int runs, Func<object> action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(action());
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}

static (string Output, string Error, int ExitCode) Run(string fileName, IEnumerable<string> arguments)
{
    var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    using var process = Process.Start(info)!;
    var error = process.StandardError.ReadToEndAsync();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return (output, error.Result, process.ExitCode);
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

static string FindFixture(string root)
{
    for (var dir = new DirectoryInfo(root); dir != null; dir = dir.Parent)
    {
        var own = Path.Combine(dir.FullName, "tests", "fixtures", "servicetags", "ServiceTags_Public.json");
        if (File.Exists(own))
        {
            return own;
        }

        var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "servicetags", "ServiceTags_Public.json");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("ServiceTags_Public.json not found in shared/fixtures beside the repository; pass its path.");
}
