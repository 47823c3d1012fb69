namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// One route the module added, as its record holds it: destination, next hop, interface, table, metric and the marker
    /// it was added with. A route in a table is the module's only when it carries the marker and matches an entry.
    /// </summary>
    public sealed class RecordedRoute
    {
        /// <summary>Creates an entry. A null <paramref name="interface"/> or <paramref name="metric"/> matches any (an entry written before the route was added, when the kernel had not yet chosen them).</summary>
        public RecordedRoute(IpPrefix destination, string? nextHop, string? @interface, string table, long? metric, string marker, DateTime addedUtc)
        {
            Destination = destination;
            NextHop = string.IsNullOrEmpty(nextHop) ? null : nextHop;
            Interface = string.IsNullOrEmpty(@interface) ? null : @interface;
            Table = table ?? string.Empty;
            Metric = metric;
            Marker = marker ?? string.Empty;
            AddedUtc = addedUtc;
        }

        /// <summary>The destination block.</summary>
        public IpPrefix Destination { get; }

        /// <summary>The next hop, or null for an on-link route.</summary>
        public string? NextHop { get; }

        /// <summary>The interface, or null when any matches.</summary>
        public string? Interface { get; }

        /// <summary>The table (<c>main</c> on Linux, the store on Windows).</summary>
        public string Table { get; }

        /// <summary>The route metric, or null when any matches.</summary>
        public long? Metric { get; }

        /// <summary>The marker the route was added with (<c>proto 252</c>, <c>RouteMetric 252</c>).</summary>
        public string Marker { get; }

        /// <summary>When the entry was written (UTC).</summary>
        public DateTime AddedUtc { get; }

        /// <summary>True when <paramref name="route"/> is this entry's route: same destination and next hop, and the same interface and metric where the entry names them.</summary>
        public bool Matches(InstalledRoute route) =>
            route != null
            && route.Destination.Equals(Destination)
            && string.Equals(route.NextHop ?? string.Empty, NextHop ?? string.Empty, StringComparison.OrdinalIgnoreCase)
            && (Interface is null || string.Equals(route.Interface, Interface, StringComparison.Ordinal))
            && (Metric is null || route.Metric == Metric);

        /// <summary>The entry for an installed route (what the table shows now).</summary>
        public static RecordedRoute From(InstalledRoute route, string table, string marker, DateTime addedUtc) =>
            new RecordedRoute(route.Destination, route.NextHop, route.Interface, table, route.Metric, marker, addedUtc);

        /// <inheritdoc />
        public override string ToString() =>
            $"{Destination} via {NextHop ?? "(on-link)"} dev {Interface ?? "*"} table {Table} metric {Metric?.ToString(CultureInfo.InvariantCulture) ?? "*"} {Marker}";
    }
}
