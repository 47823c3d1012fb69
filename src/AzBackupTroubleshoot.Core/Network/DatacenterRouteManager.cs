using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>One route of a plan: to add, or already there.</summary>
    public sealed class PlannedRoute
    {
        /// <summary>Creates a planned route.</summary>
        public PlannedRoute(DatacenterPrefix prefix, RouteGateway gateway, InstalledRoute? existing)
        {
            Prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
            Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            Existing = existing;
        }

        /// <summary>The block and its tags.</summary>
        public DatacenterPrefix Prefix { get; }

        /// <summary>Where the route would send traffic.</summary>
        public RouteGateway Gateway { get; }

        /// <summary>The route to the same destination already in the table, or null when the route is to be added.</summary>
        public InstalledRoute? Existing { get; }

        /// <summary>The change this route stands for before anything is done.</summary>
        public RouteChange ToChange(RouteAction action) =>
            Existing != null && action == RouteAction.AlreadyPresent
                ? new RouteChange(Prefix.Prefix.ToString(), Existing.NextHop, Existing.Interface, action, Prefix.ServiceTags)
                : new RouteChange(Prefix.Prefix.ToString(), Gateway.NextHop, Gateway.Interface, action, Prefix.ServiceTags);
    }

    /// <summary>The routes for a prefix set, split into those to add and those already present.</summary>
    public sealed class RoutePlan
    {
        /// <summary>Creates a plan.</summary>
        public RoutePlan(IpFamily family, RouteGateway gateway, IReadOnlyList<PlannedRoute> routes)
        {
            Family = family;
            Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            Routes = routes ?? throw new ArgumentNullException(nameof(routes));
        }

        /// <summary>The address family.</summary>
        public IpFamily Family { get; }

        /// <summary>The next hop and interface of the new routes.</summary>
        public RouteGateway Gateway { get; }

        /// <summary>Every route, in address order.</summary>
        public IReadOnlyList<PlannedRoute> Routes { get; }

        /// <summary>The routes to add.</summary>
        public IEnumerable<PlannedRoute> ToAdd => Routes.Where(r => r.Existing is null);

        /// <summary>The routes already in the table.</summary>
        public IEnumerable<PlannedRoute> AlreadyPresent => Routes.Where(r => r.Existing != null);
    }

    /// <summary>What applying or removing routes did: every change, and the error that stopped it, if any.</summary>
    public sealed class RouteOperationResult
    {
        /// <summary>Creates a result.</summary>
        public RouteOperationResult(IReadOnlyList<RouteChange> changes, string? error)
        {
            Changes = changes ?? Array.Empty<RouteChange>();
            Error = error;
        }

        /// <summary>The changes, in order.</summary>
        public IReadOnlyList<RouteChange> Changes { get; }

        /// <summary>What failed (and, for additions, that the run's routes were rolled back), or null.</summary>
        public string? Error { get; }
    }

    /// <summary>
    /// Plans, applies and removes datacenter routes on an <see cref="IRouteTable"/>: the part of Add-AzDatacenterRoute and
    /// Remove-AzDatacenterRoute that does not depend on the platform. Applying is all or nothing: when a route fails, the
    /// routes added in the same run are removed again and reported <see cref="RouteAction.RolledBack"/>.
    /// </summary>
    public sealed class DatacenterRouteManager
    {
        private readonly IRouteTable _table;

        /// <summary>Creates a manager for a table.</summary>
        public DatacenterRouteManager(IRouteTable table)
        {
            _table = table ?? throw new ArgumentNullException(nameof(table));
        }

        /// <summary>
        /// Plans routes for <paramref name="prefixes"/>. The next hop and interface come from the given values or else the
        /// current default route of the family.
        /// </summary>
        public async Task<RoutePlan> PlanAsync(DatacenterPrefixSet prefixes, string? nextHop, string? @interface, CancellationToken cancellationToken)
        {
            if (prefixes is null)
            {
                throw new ArgumentNullException(nameof(prefixes));
            }

            var gateway = await ResolveGatewayAsync(prefixes.Family, nextHop, @interface, cancellationToken).ConfigureAwait(false);
            var existing = new Dictionary<IpPrefix, InstalledRoute>();
            foreach (var route in await _table.GetRoutesAsync(prefixes.Family, cancellationToken).ConfigureAwait(false))
            {
                if (!existing.ContainsKey(route.Destination) || route.IsOwn)
                {
                    existing[route.Destination] = route;
                }
            }

            var planned = prefixes.Prefixes
                .Select(p => new PlannedRoute(p, gateway, existing.TryGetValue(p.Prefix, out var found) ? found : null))
                .ToList();
            return new RoutePlan(prefixes.Family, gateway, planned);
        }

        /// <summary>
        /// Adds <paramref name="routes"/> (routes of the plan still to add, usually after ShouldProcess). On failure the
        /// routes added in this run are removed again; the result says so in its error.
        /// </summary>
        public async Task<RouteOperationResult> ApplyAsync(IReadOnlyList<PlannedRoute> routes, CancellationToken cancellationToken)
        {
            var toAdd = (routes ?? Array.Empty<PlannedRoute>()).Where(r => r.Existing is null).ToList();
            if (toAdd.Count == 0)
            {
                return new RouteOperationResult(Array.Empty<RouteChange>(), null);
            }

            RouteBatchResult batch;
            try
            {
                batch = await _table.AddRoutesAsync(toAdd.Select(r => new RouteSpec(r.Prefix.Prefix, r.Gateway)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped part-way (Ctrl+C): every marked route to a destination that was absent when planning is this run's.
                await RemoveOwnAsync(toAdd.Select(r => r.Prefix.Prefix)).ConfigureAwait(false);
                throw;
            }

            if (batch.Succeeded)
            {
                var added = new HashSet<IpPrefix>(batch.Completed);
                return new RouteOperationResult(toAdd.Where(r => added.Contains(r.Prefix.Prefix)).Select(r => r.ToChange(RouteAction.Added)).ToList(), null);
            }

            // Roll back: remove what this run added, whatever the caller's token says (a half-applied set is worse).
            var addedNow = new HashSet<IpPrefix>(batch.Completed);
            var rollback = await RemoveOwnAsync(addedNow).ConfigureAwait(false);
            var rolledBack = new HashSet<IpPrefix>(rollback.Completed);
            var changes = new List<RouteChange>();
            foreach (var route in toAdd.Where(r => addedNow.Contains(r.Prefix.Prefix)))
            {
                changes.Add(route.ToChange(rolledBack.Contains(route.Prefix.Prefix) ? RouteAction.RolledBack : RouteAction.Added));
            }

            var failedAt = batch.Failed.Count > 0 ? $" at {batch.Failed[0]}" : string.Empty;
            var error = $"Adding routes failed{failedAt} after {addedNow.Count} of {toAdd.Count} were added: {batch.Error}. "
                + (rollback.Succeeded
                    ? $"The {rolledBack.Count} route(s) added in this run were removed again; the table is as it was."
                    : $"Rolling back failed for {rollback.Failed.Count} route(s) ({rollback.Error}); they are still in the table with the module's mark and Remove-AzDatacenterRoute -All removes them.");
            return new RouteOperationResult(changes, error);
        }

        /// <summary>The module's own routes of a family.</summary>
        public async Task<IReadOnlyList<InstalledRoute>> GetOwnRoutesAsync(IpFamily family, CancellationToken cancellationToken) =>
            (await _table.GetRoutesAsync(family, cancellationToken).ConfigureAwait(false)).Where(r => r.IsOwn).ToList();

        /// <summary>Removes routes of the module's own; routes without the mark are skipped (never touched).</summary>
        public async Task<RouteOperationResult> RemoveAsync(IReadOnlyList<InstalledRoute> routes, IReadOnlyDictionary<IpPrefix, IReadOnlyList<string>>? serviceTags, CancellationToken cancellationToken)
        {
            var own = (routes ?? Array.Empty<InstalledRoute>()).Where(r => r.IsOwn).ToList();
            if (own.Count == 0)
            {
                return new RouteOperationResult(Array.Empty<RouteChange>(), null);
            }

            var result = await _table.RemoveRoutesAsync(own, cancellationToken).ConfigureAwait(false);
            var removed = new HashSet<IpPrefix>(result.Completed);
            var changes = own
                .Where(r => removed.Contains(r.Destination))
                .GroupBy(r => r.Destination)
                .Select(g => new RouteChange(g.Key.ToString(), g.First().NextHop, g.First().Interface, RouteAction.Removed, serviceTags != null && serviceTags.TryGetValue(g.Key, out var tags) ? tags : null))
                .ToList();
            return new RouteOperationResult(changes, result.Error);
        }

        /// <summary>Removes the module's routes to <paramref name="destinations"/>, ignoring the caller's cancellation.</summary>
        private async Task<RouteBatchResult> RemoveOwnAsync(IEnumerable<IpPrefix> destinations)
        {
            var wanted = new HashSet<IpPrefix>(destinations);
            var installed = new List<InstalledRoute>();
            foreach (var family in wanted.Select(d => d.Family).Distinct().ToList())
            {
                installed.AddRange((await _table.GetRoutesAsync(family, CancellationToken.None).ConfigureAwait(false)).Where(r => r.IsOwn && wanted.Contains(r.Destination)));
            }

            return installed.Count == 0 ? new RouteBatchResult(Array.Empty<IpPrefix>()) : await _table.RemoveRoutesAsync(installed, CancellationToken.None).ConfigureAwait(false);
        }

        private async Task<RouteGateway> ResolveGatewayAsync(IpFamily family, string? nextHop, string? @interface, CancellationToken cancellationToken)
        {
            nextHop = string.IsNullOrWhiteSpace(nextHop) ? null : nextHop!.Trim();
            @interface = string.IsNullOrWhiteSpace(@interface) ? null : @interface!.Trim();
            if (nextHop != null && (@interface != null || !_table.RequiresInterface))
            {
                return new RouteGateway(nextHop, @interface);
            }

            var current = await _table.GetDefaultGatewayAsync(family, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                if (@interface != null)
                {
                    return new RouteGateway(nextHop, @interface);
                }

                throw new RouteTableException(
                    RouteTableErrorKind.NoDefaultRoute,
                    $"There is no {family} default route on {_table.Description} to take the next hop and interface from; give -NextHop and -InterfaceAlias.");
            }

            if (@interface is null)
            {
                return new RouteGateway(nextHop ?? current.NextHop, current.Interface, current.InterfaceIndex);
            }

            // An interface was given: the default route's next hop only fits when it is on that interface.
            var sameInterface = string.Equals(current.Interface, @interface, StringComparison.OrdinalIgnoreCase);
            return new RouteGateway(nextHop ?? (sameInterface ? current.NextHop : null), @interface, sameInterface ? current.InterfaceIndex : null);
        }
    }
}
