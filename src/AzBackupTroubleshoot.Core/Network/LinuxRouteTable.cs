using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The Linux main route table through <c>ip</c> (iproute2 4.14 or later, for <c>-j</c> JSON output). Routes are added in
    /// one <c>ip -batch -</c> run with <c>proto 252</c> (<see cref="ProtocolNumber"/>), the module's mark: <c>ip route show
    /// proto 252</c> lists them and removal deletes with <c>proto 252</c>, which the kernel matches, so nobody else's route
    /// is ever deleted.
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
            var own = new HashSet<IpPrefix>(await GetOwnDestinationsAsync(family, cancellationToken).ConfigureAwait(false));
            var all = await ShowAsync(family, new[] { "table", "main" }, cancellationToken).ConfigureAwait(false);
            var result = new List<InstalledRoute>();
            foreach (var route in all.EnumerateArray())
            {
                if (TryReadDestination(route, family, out var destination))
                {
                    result.Add(new InstalledRoute(destination, GetString(route, "gateway"), GetString(route, "dev"), own.Contains(destination)));
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
                before.UnionWith(await GetOwnDestinationsAsync(family, cancellationToken).ConfigureAwait(false));
            }

            var script = new StringBuilder();
            foreach (var route in routes)
            {
                script.Append("route add ").Append(route.Destination.ToString());
                if (route.Gateway.NextHop != null)
                {
                    script.Append(" via ").Append(route.Gateway.NextHop);
                }

                if (route.Gateway.Interface != null)
                {
                    script.Append(" dev ").Append(route.Gateway.Interface);
                }

                script.Append(" proto ").Append(ProtocolNumber.ToString(CultureInfo.InvariantCulture)).Append('\n');
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
                after.UnionWith(await GetOwnDestinationsAsync(family, CancellationToken.None).ConfigureAwait(false));
            }

            var added = routes.Select(r => r.Destination).Where(d => after.Contains(d) && !before.Contains(d)).ToList();
            var failedLine = FailedLine(result.StandardError);
            var failed = failedLine > 0 && failedLine <= routes.Count ? new[] { routes[failedLine - 1].Destination } : Array.Empty<IpPrefix>();
            return new RouteBatchResult(added, failed, Describe("ip -batch", result));
        }

        /// <inheritdoc />
        public async Task<RouteBatchResult> RemoveRoutesAsync(IReadOnlyList<InstalledRoute> routes, CancellationToken cancellationToken)
        {
            var own = routes?.Where(r => r.IsOwn).Select(r => r.Destination).Distinct().ToList() ?? new List<IpPrefix>();
            if (own.Count == 0)
            {
                return new RouteBatchResult(Array.Empty<IpPrefix>());
            }

            var script = new StringBuilder();
            foreach (var destination in own)
            {
                script.Append("route del ").Append(destination.ToString()).Append(" table main proto ")
                    .Append(ProtocolNumber.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            // -force: go on past a route that is already gone; what is left afterwards is the truth.
            var result = await RunAsync(new[] { "-force", "-batch", "-" }, script.ToString(), cancellationToken).ConfigureAwait(false);
            var remaining = new HashSet<IpPrefix>();
            foreach (var family in own.Select(d => d.Family).Distinct())
            {
                remaining.UnionWith(await GetOwnDestinationsAsync(family, CancellationToken.None).ConfigureAwait(false));
            }

            var removed = own.Where(d => !remaining.Contains(d)).ToList();
            var failed = own.Where(remaining.Contains).ToList();
            return new RouteBatchResult(removed, failed, failed.Count == 0 ? null : Describe("ip -batch", result));
        }

        private async Task<IReadOnlyList<IpPrefix>> GetOwnDestinationsAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var routes = await ShowAsync(family, new[] { "table", "main", "proto", ProtocolNumber.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
            var result = new List<IpPrefix>();
            foreach (var route in routes.EnumerateArray())
            {
                if (TryReadDestination(route, family, out var destination))
                {
                    result.Add(destination);
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

        private static bool TryReadDestination(JsonElement route, IpFamily family, out IpPrefix destination)
        {
            destination = default;
            var dst = GetString(route, "dst");
            if (dst is null || dst == "default")
            {
                return false;
            }

            // ip prints a host route without its length (20.1.2.3 for 20.1.2.3/32).
            return IpPrefix.TryParse(dst, out destination) && destination.Family == family;
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
    }
}
