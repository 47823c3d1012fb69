namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The machine's IP route table, as much of it as the datacenter-route cmdlets need. Linux goes through <c>ip</c>
    /// (<see cref="LinuxRouteTable"/>), Windows through <c>MSFT_NetRoute</c> (<see cref="WindowsRouteTable"/>). Routes the
    /// module adds carry a marker (a <c>proto</c> number, a route metric) so they can be told from everyone else's.
    /// </summary>
    public interface IRouteTable
    {
        /// <summary>What the table is, for messages (for example <c>ip (iproute2)</c> or a computer name).</summary>
        string Description { get; }

        /// <summary>True when a route must name an interface (Windows); Linux lets the kernel find it from the next hop.</summary>
        bool RequiresInterface { get; }

        /// <summary>Where the module records the routes it adds to this table, and the table and marker each entry names.</summary>
        RouteRecordScope RecordScope { get; }

        /// <summary>Checks an interface name by the platform's rules; false with the reason when it is not one.</summary>
        bool TryParseInterface(string? text, out InterfaceName name, out string reason);

        /// <summary>The preferred default route of the family, or null when there is none.</summary>
        Task<RouteGateway?> GetDefaultGatewayAsync(IpFamily family, CancellationToken cancellationToken);

        /// <summary>Every unicast route of the family in the main table, the module's own marked <see cref="InstalledRoute.IsOwn"/>.</summary>
        Task<IReadOnlyList<InstalledRoute>> GetRoutesAsync(IpFamily family, CancellationToken cancellationToken);

        /// <summary>
        /// Adds routes with the module's marker, in order, and stops at the first failure. The result lists the routes that
        /// were added (they stay added; rolling back is the caller's decision).
        /// </summary>
        Task<RouteBatchResult> AddRoutesAsync(IReadOnlyList<RouteSpec> routes, CancellationToken cancellationToken);

        /// <summary>Removes routes of the module's own (never a route without the marker); goes on past failures.</summary>
        Task<RouteBatchResult> RemoveRoutesAsync(IReadOnlyList<InstalledRoute> routes, CancellationToken cancellationToken);
    }

    /// <summary>Where a default route sends traffic.</summary>
    public sealed class RouteGateway
    {
        /// <summary>Creates a gateway.</summary>
        public RouteGateway(string? nextHop, string? @interface, int? interfaceIndex = null)
        {
            NextHop = string.IsNullOrEmpty(nextHop) ? null : nextHop;
            Interface = string.IsNullOrEmpty(@interface) ? null : @interface;
            InterfaceIndex = interfaceIndex;
        }

        /// <summary>The next hop, or null for an on-link (device-only) route.</summary>
        public string? NextHop { get; }

        /// <summary>The interface (Linux device or Windows alias), or null.</summary>
        public string? Interface { get; }

        /// <summary>The Windows interface index, when known.</summary>
        public int? InterfaceIndex { get; }

        /// <inheritdoc />
        public override string ToString() => $"via {NextHop ?? "(on-link)"} dev {Interface ?? "?"}";
    }

    /// <summary>A route to add.</summary>
    public sealed class RouteSpec
    {
        /// <summary>Creates a route to add.</summary>
        public RouteSpec(IpPrefix destination, RouteGateway gateway)
        {
            Destination = destination;
            Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        }

        /// <summary>The destination block.</summary>
        public IpPrefix Destination { get; }

        /// <summary>The next hop and interface.</summary>
        public RouteGateway Gateway { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Destination} {Gateway}";
    }

    /// <summary>A route found in the table.</summary>
    public sealed class InstalledRoute
    {
        /// <summary>Creates a found route; <paramref name="native"/> is what the table needs to delete it (a CIM instance).</summary>
        public InstalledRoute(IpPrefix destination, string? nextHop, string? @interface, bool isOwn, object? native = null, long? metric = null)
        {
            Destination = destination;
            NextHop = nextHop;
            Interface = @interface;
            IsOwn = isOwn;
            Native = native;
            Metric = metric;
        }

        /// <summary>The route metric (Linux: the kernel's priority), when known.</summary>
        public long? Metric { get; }

        /// <summary>The destination block.</summary>
        public IpPrefix Destination { get; }

        /// <summary>The next hop, or null.</summary>
        public string? NextHop { get; }

        /// <summary>The interface, or null.</summary>
        public string? Interface { get; }

        /// <summary>True when the route carries the module's marker (the module owns it only when its record also lists it).</summary>
        public bool IsOwn { get; }

        /// <summary>The table's own handle for the route, or null.</summary>
        public object? Native { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Destination} via {NextHop ?? "(on-link)"} dev {Interface ?? "?"}{(IsOwn ? " (own)" : string.Empty)}";
    }

    /// <summary>What a batch of route additions or removals did.</summary>
    public sealed class RouteBatchResult
    {
        /// <summary>Creates a result.</summary>
        public RouteBatchResult(IReadOnlyList<IpPrefix> completed, IReadOnlyList<IpPrefix>? failed = null, string? error = null)
        {
            Completed = completed ?? Array.Empty<IpPrefix>();
            Failed = failed ?? Array.Empty<IpPrefix>();
            Error = string.IsNullOrEmpty(error) ? null : error;
        }

        /// <summary>The routes added or removed.</summary>
        public IReadOnlyList<IpPrefix> Completed { get; }

        /// <summary>The routes that failed (for additions, the one that stopped the batch when it is known).</summary>
        public IReadOnlyList<IpPrefix> Failed { get; }

        /// <summary>What the platform said, or null when everything went through.</summary>
        public string? Error { get; }

        /// <summary>True when there was no error.</summary>
        public bool Succeeded => Error is null;
    }
}
