using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The Windows route table through <c>MSFT_NetRoute</c> in <c>root/StandardCimv2</c>, the class <c>New-NetRoute</c> and
    /// <c>Remove-NetRoute</c> use, on the local machine or a CIM session. Windows routes have no free protocol field, so the
    /// module's routes carry route metric <see cref="OwnRouteMetric"/> as their mark.
    /// </summary>
    /// <remarks>
    /// Routes are created as <c>New-NetRoute</c> creates them: with the class's static <c>Create</c> method (NetTCPIP.mof:
    /// InterfaceIndex or InterfaceAlias, DestinationPrefix, NextHop, RouteMetric, PolicyStore, AddressFamily). Without
    /// <c>PolicyStore</c> the route goes into both the ActiveStore and the PersistentStore, so it survives a restart;
    /// <c>PolicyStore = ActiveStore</c> keeps it until the next restart. Instances carry <c>Store</c> (0 persistent, 1
    /// active): the default gateway is taken from the active routes, and removal deletes every listed copy.
    /// </remarks>
    public sealed class WindowsRouteTable : IRouteTable
    {
        /// <summary>The CIM namespace of the TCP/IP classes.</summary>
        public const string Namespace = "root/StandardCimv2";

        /// <summary>The route class.</summary>
        public const string ClassName = "MSFT_NetRoute";

        /// <summary>The static method that creates a route (what <c>New-NetRoute</c> calls).</summary>
        public const string CreateMethod = "Create";

        /// <summary>The route metric that marks the module's routes (the same number as the Linux <c>proto</c>).</summary>
        public const int OwnRouteMetric = 252;

        private readonly ICimGateway _gateway;
        private readonly bool _persistent;

        /// <summary>Creates the table; <paramref name="persistent"/> also writes each route to the PersistentStore.</summary>
        public WindowsRouteTable(ICimGateway gateway, bool persistent)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _persistent = persistent;
        }

        /// <inheritdoc />
        public string Description => $"MSFT_NetRoute on {_gateway.ComputerName}";

        /// <inheritdoc />
        public bool RequiresInterface => true;

        /// <inheritdoc />
        /// <remarks>
        /// One record per computer, kept on the machine that runs the cmdlet (for a CIM session that is not the VM itself).
        /// Persistent routes outlive a restart, so there is no generation; entries of routes that are gone are dropped at
        /// the next removal.
        /// </remarks>
        public RouteRecordScope RecordScope =>
            new RouteRecordScope("windows-" + _gateway.ComputerName, Description, ClassName, "RouteMetric " + OwnRouteMetric.ToString(CultureInfo.InvariantCulture), null);

        /// <inheritdoc />
        public bool TryParseInterface(string? text, out InterfaceName name, out string reason) => InterfaceName.TryParseWindows(text, out name, out reason);

        /// <inheritdoc />
        public Task<RouteGateway?> GetDefaultGatewayAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var any = family == IpFamily.IPv4 ? "0.0.0.0/0" : "::/0";
            var best = _gateway.QueryInstances(Namespace, ClassName, $"DestinationPrefix = '{any}'", cancellationToken)
                .Where(r => string.Equals(r.GetString("DestinationPrefix"), any, StringComparison.OrdinalIgnoreCase) && !IsPersistentCopy(r))
                .OrderBy(r => ToLong(r["RouteMetric"]) ?? long.MaxValue)
                .FirstOrDefault();
            if (best is null)
            {
                return Task.FromResult<RouteGateway?>(null);
            }

            var index = ToLong(best["InterfaceIndex"]);
            return Task.FromResult<RouteGateway?>(new RouteGateway(OnLinkToNull(best.GetString("NextHop")), best.GetString("InterfaceAlias"), index.HasValue ? (int)index.Value : (int?)null));
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<InstalledRoute>> GetRoutesAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var addressFamily = family == IpFamily.IPv4 ? 2 : 23;
            var result = new List<InstalledRoute>();
            foreach (var route in _gateway.QueryInstances(Namespace, ClassName, $"AddressFamily = {addressFamily.ToString(CultureInfo.InvariantCulture)}", cancellationToken))
            {
                if (!IpPrefix.TryParse(route.GetString("DestinationPrefix"), out var destination) || destination.Family != family || destination.Length == 0)
                {
                    continue;
                }

                var metric = ToLong(route["RouteMetric"]);
                result.Add(new InstalledRoute(destination, OnLinkToNull(route.GetString("NextHop")), route.GetString("InterfaceAlias"), metric == OwnRouteMetric, route, metric));
            }

            return Task.FromResult<IReadOnlyList<InstalledRoute>>(result);
        }

        /// <inheritdoc />
        public Task<RouteBatchResult> AddRoutesAsync(IReadOnlyList<RouteSpec> routes, CancellationToken cancellationToken)
        {
            var completed = new List<IpPrefix>();
            foreach (var route in routes ?? Array.Empty<RouteSpec>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? failure;
                try
                {
                    var output = _gateway.InvokeMethod(Namespace, ClassName, CreateMethod, Arguments(route), cancellationToken);
                    var code = output.TryGetValue("ReturnValue", out var value) ? ToLong(value) : 0;
                    failure = code is null || code == 0 ? null : $"returned {code.Value.ToString(CultureInfo.InvariantCulture)}";
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failure = ex.Message;
                }

                if (failure != null)
                {
                    return Task.FromResult(new RouteBatchResult(completed, new[] { route.Destination }, $"MSFT_NetRoute.Create {route.Destination}: {failure}"));
                }

                completed.Add(route.Destination);
            }

            return Task.FromResult(new RouteBatchResult(completed));
        }

        /// <inheritdoc />
        public Task<RouteBatchResult> RemoveRoutesAsync(IReadOnlyList<InstalledRoute> routes, CancellationToken cancellationToken)
        {
            var removed = new List<IpPrefix>();
            var failed = new List<IpPrefix>();
            var errors = new List<string>();
            foreach (var route in routes ?? Array.Empty<InstalledRoute>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!route.IsOwn || !(route.Native is CimObject instance))
                {
                    continue;
                }

                try
                {
                    _gateway.DeleteInstance(instance, cancellationToken);
                    if (!removed.Contains(route.Destination))
                    {
                        removed.Add(route.Destination);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failed.Add(route.Destination);
                    errors.Add($"{route.Destination}: {ex.Message}");
                }
            }

            return Task.FromResult(new RouteBatchResult(removed.Where(r => !failed.Contains(r)).ToList(), failed, errors.Count == 0 ? null : "MSFT_NetRoute delete failed: " + string.Join("; ", errors)));
        }

        /// <summary>The arguments of <c>MSFT_NetRoute.Create</c> for a route, as <c>New-NetRoute</c> passes them.</summary>
        private IReadOnlyDictionary<string, object?> Arguments(RouteSpec route)
        {
            var v4 = route.Destination.Family == IpFamily.IPv4;
            var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["DestinationPrefix"] = route.Destination.ToString(),
                ["NextHop"] = route.Gateway.NextHop ?? (v4 ? "0.0.0.0" : "::"),
                ["RouteMetric"] = (ushort)OwnRouteMetric,
                ["AddressFamily"] = (ushort)(v4 ? 2 : 23),
            };
            if (route.Gateway.InterfaceIndex.HasValue)
            {
                arguments["InterfaceIndex"] = (uint)route.Gateway.InterfaceIndex.Value;
            }
            else if (route.Gateway.Interface != null)
            {
                arguments["InterfaceAlias"] = route.Gateway.Interface;
            }

            if (!_persistent)
            {
                arguments["PolicyStore"] = "ActiveStore";
            }

            return arguments;
        }

        /// <summary>True for an instance of the PersistentStore (Store = 0): not in effect until the next restart.</summary>
        private static bool IsPersistentCopy(CimObject route) => ToLong(route["Store"]) == 0;

        private static string? OnLinkToNull(string? nextHop) =>
            string.IsNullOrEmpty(nextHop) || nextHop == "0.0.0.0" || nextHop == "::" ? null : nextHop;

        private static long? ToLong(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case IConvertible convertible when !(value is string):
                    return convertible.ToInt64(CultureInfo.InvariantCulture);
                default:
                    return long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
            }
        }
    }
}
