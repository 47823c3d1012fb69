using System.ComponentModel;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The Linux main route table through <c>ip</c> (iproute2 4.14 or later, for <c>-j</c> JSON output). Routes are added in
    /// one <c>ip -batch -</c> run with <c>proto 252</c> (<see cref="ProtocolNumber"/>), the module's mark: <c>ip route show
    /// proto 252</c> lists them. Removal deletes a route by all it is (destination, next hop, device, table, metric and
    /// <c>proto 252</c>), which the kernel matches. Every batch line is built from typed values only (an
    /// <see cref="IpPrefix"/>, a <see cref="NextHopAddress"/>, an <see cref="InterfaceName"/>, numbers): a value that does
    /// not parse stops the whole batch before <c>ip</c> runs, so no line break or extra word can become a command.
    /// </summary>
    public sealed class LinuxRouteTable : IRouteTable
    {
        /// <summary>
        /// The <c>proto</c> number of the module's routes. 252 is unassigned in the kernel's <c>rtnetlink.h</c> and in
        /// iproute2's <c>rt_protos</c> (0-18, 42, 99, 186-192 are taken).
        /// </summary>
        public const int ProtocolNumber = 252;

        private readonly ICommandRunner _runner;
        private readonly string _ipPath;
        private readonly IReadOnlyList<string> _leadingArguments;
        private RouteRecordScope? _recordScope;

        /// <summary>
        /// Creates the table. <paramref name="leadingArguments"/> go before every command's own (for example
        /// <c>-n &lt;namespace&gt;</c> to work inside a network namespace).
        /// </summary>
        public LinuxRouteTable(ICommandRunner runner, string ipPath = "ip", IReadOnlyList<string>? leadingArguments = null)
        {
            _runner = runner ?? throw new ArgumentNullException(nameof(runner));
            _ipPath = string.IsNullOrEmpty(ipPath) ? "ip" : ipPath;
            _leadingArguments = leadingArguments ?? Array.Empty<string>();
        }

        /// <inheritdoc />
        public string Description => "ip (iproute2)" + (_leadingArguments.Count > 0 ? " " + string.Join(" ", _leadingArguments) : string.Empty);

        /// <inheritdoc />
        public bool RequiresInterface => false;

        /// <inheritdoc />
        /// <remarks>
        /// One record per network namespace (<c>-n name</c>, else the namespace of this process by its inode), of this boot:
        /// routes added with ip do not outlive a restart, so a record of another boot is empty.
        /// </remarks>
        public RouteRecordScope RecordScope => _recordScope ??= CreateRecordScope();

        /// <inheritdoc />
        public bool TryParseInterface(string? text, out InterfaceName name, out string reason) => InterfaceName.TryParseLinux(text, out name, out reason);

        /// <inheritdoc />
        public async Task<RouteGateway?> GetDefaultGatewayAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var routes = await ShowAsync(family, new[] { "default" }, cancellationToken).ConfigureAwait(false);
            JsonElement? best = null;
            long bestMetric = long.MaxValue;
            foreach (var route in routes.EnumerateArray())
            {
                var metric = route.TryGetProperty("metric", out var m) && m.TryGetInt64(out var value) ? value : 0;
                if (metric < bestMetric)
                {
                    best = route;
                    bestMetric = metric;
                }
            }

            if (best is null)
            {
                return null;
            }

            var chosen = best.Value;
            if (!chosen.TryGetProperty("gateway", out _) && chosen.TryGetProperty("nexthops", out var hops) && hops.ValueKind == JsonValueKind.Array && hops.GetArrayLength() > 0)
            {
                chosen = hops[0];
            }

            return new RouteGateway(GetString(chosen, "gateway"), GetString(chosen, "dev"));
        }

        /// <inheritdoc />
        public async Task<IReadOnlyList<InstalledRoute>> GetRoutesAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var own = new HashSet<RouteKey>(await GetOwnRoutesAsync(family, cancellationToken).ConfigureAwait(false));
            var all = await ShowAsync(family, new[] { "table", "main" }, cancellationToken).ConfigureAwait(false);
            var result = new List<InstalledRoute>();
            foreach (var route in all.EnumerateArray())
            {
                if (TryReadRoute(route, family, out var key))
                {
                    result.Add(new InstalledRoute(key.Destination, key.Gateway, key.Device, own.Contains(key), null, key.Metric));
                }
            }

            return result;
        }

        /// <inheritdoc />
        public async Task<RouteBatchResult> AddRoutesAsync(IReadOnlyList<RouteSpec> routes, CancellationToken cancellationToken)
        {
            if (routes is null || routes.Count == 0)
            {
                return new RouteBatchResult(Array.Empty<IpPrefix>());
            }

            var families = routes.Select(r => r.Destination.Family).Distinct().ToList();
            var before = new HashSet<IpPrefix>();
            foreach (var family in families)
            {
                before.UnionWith((await GetOwnRoutesAsync(family, cancellationToken).ConfigureAwait(false)).Select(k => k.Destination));
            }

            // Every line is built (and every value parsed) before ip runs: one bad value, and nothing is sent.
            var script = new StringBuilder();
            foreach (var route in routes)
            {
                AppendLine(script, "add", route.Destination, route.Gateway.NextHop, route.Gateway.Interface, metric: null);
            }

            var result = await RunAsync(new[] { "-batch", "-" }, script.ToString(), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return new RouteBatchResult(routes.Select(r => r.Destination).ToList());
            }

            // ip -batch stops at the first failing line. What is in the table now, and was not before, is what this run added.
            var after = new HashSet<IpPrefix>();
            foreach (var family in families)
            {
                after.UnionWith((await GetOwnRoutesAsync(family, CancellationToken.None).ConfigureAwait(false)).Select(k => k.Destination));
            }

            var added = routes.Select(r => r.Destination).Where(d => after.Contains(d) && !before.Contains(d)).ToList();
            var failedLine = FailedLine(result.StandardError);
            var failed = failedLine > 0 && failedLine <= routes.Count ? new[] { routes[failedLine - 1].Destination } : Array.Empty<IpPrefix>();
            return new RouteBatchResult(added, failed, Describe("ip -batch", result));
        }

        /// <inheritdoc />
        public async Task<RouteBatchResult> RemoveRoutesAsync(IReadOnlyList<InstalledRoute> routes, CancellationToken cancellationToken)
        {
            var own = routes?.Where(r => r.IsOwn).Select(r => new RouteKey(r.Destination, r.NextHop, r.Interface, r.Metric ?? DefaultMetric(r.Destination.Family))).Distinct().ToList() ?? new List<RouteKey>();
            if (own.Count == 0)
            {
                return new RouteBatchResult(Array.Empty<IpPrefix>());
            }

            // Each line names the route exactly (destination, next hop, device, table, proto, metric): the kernel deletes
            // that route and no other, not a route of someone else's to the same destination.
            var script = new StringBuilder();
            foreach (var key in own)
            {
                AppendLine(script, "del", key.Destination, key.Gateway, key.Device, key.Metric);
            }

            // -force: go on past a route that is already gone; what is left afterwards is the truth.
            var result = await RunAsync(new[] { "-force", "-batch", "-" }, script.ToString(), cancellationToken).ConfigureAwait(false);
            var remaining = new HashSet<RouteKey>();
            foreach (var family in own.Select(d => d.Destination.Family).Distinct())
            {
                remaining.UnionWith(await GetOwnRoutesAsync(family, CancellationToken.None).ConfigureAwait(false));
            }

            var removed = own.Where(k => !remaining.Contains(k)).Select(k => k.Destination).Distinct().ToList();
            var failed = own.Where(remaining.Contains).Select(k => k.Destination).Distinct().ToList();
            return new RouteBatchResult(removed, failed, failed.Count == 0 ? null : Describe("ip -batch", result));
        }

        /// <summary>
        /// Appends one <c>route add|del</c> line built from parsed values only; throws <see cref="RouteTableException"/>
        /// (<see cref="RouteTableErrorKind.InvalidRouteValue"/>) for a next hop or device that does not parse.
        /// </summary>
        private static void AppendLine(StringBuilder script, string verb, IpPrefix destination, string? nextHop, string? device, long? metric)
        {
            var line = new StringBuilder("route ").Append(verb).Append(' ').Append(destination.ToString());
            if (nextHop != null)
            {
                if (!NextHopAddress.TryParse(nextHop, out var hop, out var reason) || hop.Family != destination.Family)
                {
                    throw new RouteTableException(RouteTableErrorKind.InvalidRouteValue, $"The next hop of {destination} is not a {destination.Family} address ({(reason.Length > 0 ? reason : "another family")}); nothing was sent to ip.");
                }

                line.Append(" via ").Append(hop.ToString());
            }

            if (device != null)
            {
                if (!InterfaceName.TryParseLinux(device, out var name, out var reason))
                {
                    throw new RouteTableException(RouteTableErrorKind.InvalidRouteValue, $"The device of {destination} is not a Linux interface name ({reason}); nothing was sent to ip.");
                }

                line.Append(" dev ").Append(name.Value);
            }

            line.Append(" table main proto ").Append(ProtocolNumber.ToString(CultureInfo.InvariantCulture));
            if (metric.HasValue)
            {
                line.Append(" metric ").Append(metric.Value.ToString(CultureInfo.InvariantCulture));
            }

            script.Append(line).Append('\n');
        }

        /// <summary>The kernel's metric for a route added without one (ip then prints none for IPv4): 0 for IPv4, 1024 for IPv6.</summary>
        private static long DefaultMetric(IpFamily family) => family == IpFamily.IPv4 ? 0 : 1024;

        private RouteRecordScope CreateRecordScope()
        {
            var at = -1;
            for (var i = 0; i + 1 < _leadingArguments.Count; i++)
            {
                if (_leadingArguments[i] == "-n" || _leadingArguments[i] == "-netns")
                {
                    at = i + 1;
                }
            }

            var key = at >= 0 ? "linux-netns-" + _leadingArguments[at] : "linux-" + (NetworkNamespaceIdentity.Current() ?? "host");
            return new RouteRecordScope(key, Description + " (" + key + ")", "main", "proto " + ProtocolNumber.ToString(CultureInfo.InvariantCulture), NetworkNamespaceIdentity.BootId());
        }

        private async Task<IReadOnlyList<RouteKey>> GetOwnRoutesAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var routes = await ShowAsync(family, new[] { "table", "main", "proto", ProtocolNumber.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
            var result = new List<RouteKey>();
            foreach (var route in routes.EnumerateArray())
            {
                if (TryReadRoute(route, family, out var key))
                {
                    result.Add(key);
                }
            }

            return result;
        }

        private async Task<JsonElement> ShowAsync(IpFamily family, IReadOnlyList<string> selector, CancellationToken cancellationToken)
        {
            var arguments = new List<string> { family == IpFamily.IPv4 ? "-4" : "-6", "-j", "route", "show" };
            arguments.AddRange(selector);
            var result = await RunAsync(arguments, null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new RouteTableException(RouteTableErrorKind.PlatformFailure, Describe("ip " + string.Join(" ", arguments), result));
            }

            var text = result.StandardOutput.Trim();
            if (text.Length == 0)
            {
                text = "[]";
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw new JsonException("not an array");
                }

                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new RouteTableException(
                    RouteTableErrorKind.PlatformFailure,
                    $"'ip {string.Join(" ", arguments)}' did not answer with a JSON array (iproute2 4.14 or later is needed): {ex.Message}",
                    ex);
            }
        }

        private async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
        {
            var all = new List<string>(_leadingArguments);
            all.AddRange(arguments);
            try
            {
                return await _runner.RunAsync(_ipPath, all, input, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception ex)
            {
                throw new RouteTableException(RouteTableErrorKind.PlatformFailure, $"'{_ipPath}' (iproute2) could not be started: {ex.Message}", ex);
            }
        }

        private static bool TryReadRoute(JsonElement route, IpFamily family, out RouteKey key)
        {
            key = default;
            var dst = GetString(route, "dst");
            if (dst is null)
            {
                return false;
            }

            // A default route is listed too (a marked one is reported, never removed: the policy never adds one). ip prints a
            // host route without its length (20.1.2.3 for 20.1.2.3/32).
            if (dst == "default")
            {
                dst = family == IpFamily.IPv4 ? "0.0.0.0/0" : "::/0";
            }

            if (!IpPrefix.TryParse(dst, out var destination) || destination.Family != family)
            {
                return false;
            }

            var metric = route.TryGetProperty("metric", out var m) && m.TryGetInt64(out var value) ? value : DefaultMetric(family);
            key = new RouteKey(destination, GetString(route, "gateway"), GetString(route, "dev"), metric);
            return true;
        }

        private static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>The line number in ip's "Command failed -:N" message, or 0.</summary>
        private static int FailedLine(string standardError)
        {
            const string marker = "Command failed -:";
            var at = standardError.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return 0;
            }

            var digits = new string(standardError.Skip(at + marker.Length).TakeWhile(char.IsDigit).ToArray());
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : 0;
        }

        private static string Describe(string command, CommandResult result)
        {
            var error = result.StandardError.Trim();
            return $"{command} exited with {result.ExitCode.ToString(CultureInfo.InvariantCulture)}" + (error.Length > 0 ? ": " + error.Replace("\n", " / ") : string.Empty);
        }

        /// <summary>What identifies a route in the main table: destination, next hop, device and metric.</summary>
        private readonly struct RouteKey : IEquatable<RouteKey>
        {
            public RouteKey(IpPrefix destination, string? gateway, string? device, long metric)
            {
                Destination = destination;
                Gateway = string.IsNullOrEmpty(gateway) ? null : gateway;
                Device = string.IsNullOrEmpty(device) ? null : device;
                Metric = metric;
            }

            public IpPrefix Destination { get; }

            public string? Gateway { get; }

            public string? Device { get; }

            public long Metric { get; }

            public bool Equals(RouteKey other) =>
                Destination.Equals(other.Destination) && string.Equals(Gateway, other.Gateway, StringComparison.OrdinalIgnoreCase)
                && string.Equals(Device, other.Device, StringComparison.Ordinal) && Metric == other.Metric;

            public override bool Equals(object? obj) => obj is RouteKey other && Equals(other);

            public override int GetHashCode() => Destination.GetHashCode() ^ (int)Metric;
        }
    }
}
