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
        public RoutePlan(IpFamily family, RouteGateway gateway, IReadOnlyList<PlannedRoute> routes, IReadOnlyList<RefusedPrefix>? refused = null)
        {
            Family = family;
            Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            Routes = routes ?? throw new ArgumentNullException(nameof(routes));
            Refused = refused ?? Array.Empty<RefusedPrefix>();
        }

        /// <summary>The prefixes the route policy refused on this machine (with its connected subnets), each with its tag.</summary>
        public IReadOnlyList<RefusedPrefix> Refused { get; }

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

    /// <summary>The module's marked routes in a table: those its record lists, and those it does not (left alone).</summary>
    public sealed class OwnRoutes
    {
        /// <summary>Creates the lists.</summary>
        public OwnRoutes(IReadOnlyList<InstalledRoute> recorded, IReadOnlyList<InstalledRoute> notRecorded)
        {
            Recorded = recorded ?? Array.Empty<InstalledRoute>();
            NotRecorded = notRecorded ?? Array.Empty<InstalledRoute>();
        }

        /// <summary>Routes with the marker that the record lists: the module's own, the only ones it removes.</summary>
        public IReadOnlyList<InstalledRoute> Recorded { get; }

        /// <summary>Routes with the marker that the record does not list (another tool's, or added by hand).</summary>
        public IReadOnlyList<InstalledRoute> NotRecorded { get; }
    }

    /// <summary>
    /// Plans, applies and removes datacenter routes on an <see cref="IRouteTable"/>: the part of Add-AzDatacenterRoute and
    /// Remove-AzDatacenterRoute that does not depend on the platform. Applying is all or nothing: when a route fails, the
    /// routes added in the same run are removed again and reported <see cref="RouteAction.RolledBack"/>. Every route it adds
    /// is written to the <see cref="RouteRecordStore"/> before it is added (so a run stopped part-way leaves nothing
    /// unrecorded) and set to what the table shows afterwards; removal touches only routes that carry the table's marker
    /// and match the record. Plans follow the <see cref="RoutePolicy"/>, with the machine's on-link subnets added.
    /// </summary>
    public sealed class DatacenterRouteManager
    {
        private readonly IRouteTable _table;
        private readonly RouteRecordStore _record;
        private readonly Func<DateTime> _clock;

        /// <summary>Creates a manager for a table and the record of the module's routes.</summary>
        public DatacenterRouteManager(IRouteTable table, RouteRecordStore record, Func<DateTime>? clock = null)
        {
            _table = table ?? throw new ArgumentNullException(nameof(table));
            _record = record ?? throw new ArgumentNullException(nameof(record));
            _clock = clock ?? (() => DateTime.UtcNow);
        }

        /// <summary>The record file of this table.</summary>
        public string RecordPath => _record.PathOf(_table.RecordScope);

        /// <summary>
        /// Plans routes for <paramref name="prefixes"/>. The next hop and interface come from the given values or else the
        /// current default route of the family. Prefixes overlapping a subnet the machine is connected to (an on-link route
        /// of its table) are refused too and listed in <see cref="RoutePlan.Refused"/>.
        /// </summary>
        /// <exception cref="RouteTableException">
        /// <see cref="RouteTableErrorKind.InvalidRouteValue"/> for a next hop of the other family or an interface name the
        /// platform does not take; <see cref="RouteTableErrorKind.NoDefaultRoute"/>; a platform failure.
        /// </exception>
        public async Task<RoutePlan> PlanAsync(DatacenterPrefixSet prefixes, NextHopAddress? nextHop, string? @interface, CancellationToken cancellationToken)
        {
            if (prefixes is null)
            {
                throw new ArgumentNullException(nameof(prefixes));
            }

            if (nextHop.HasValue && nextHop.Value.Family != prefixes.Family)
            {
                throw new RouteTableException(RouteTableErrorKind.InvalidRouteValue, $"The next hop {nextHop.Value} is not an {prefixes.Family} address.");
            }

            InterfaceName? name = null;
            if (@interface != null)
            {
                if (!_table.TryParseInterface(@interface, out var parsed, out var reason))
                {
                    throw new RouteTableException(RouteTableErrorKind.InvalidRouteValue, $"'{@interface}' is not an interface name on {_table.Description}: {reason}.");
                }

                name = parsed;
            }

            var gateway = await ResolveGatewayAsync(prefixes.Family, nextHop?.ToString(), name?.Value, cancellationToken).ConfigureAwait(false);
            var installed = await _table.GetRoutesAsync(prefixes.Family, cancellationToken).ConfigureAwait(false);
            var connected = installed.Where(r => r.NextHop is null && r.Interface != null && !r.IsOwn && r.Destination.Length > 0).Select(r => r.Destination).Distinct().ToList();
            if (connected.Count > 0)
            {
                var policy = prefixes.Policy.WithConnectedSubnets(connected);
                if (prefixes.Prefixes.Any(p => policy.OverlapsConnectedSubnet(p.Prefix)))
                {
                    prefixes = DatacenterPrefixSet.FromTags(prefixes.Tags, prefixes.Family, policy);
                }
            }

            var existing = new Dictionary<IpPrefix, InstalledRoute>();
            foreach (var route in installed)
            {
                if (!existing.ContainsKey(route.Destination) || route.IsOwn)
                {
                    existing[route.Destination] = route;
                }
            }

            var planned = prefixes.Prefixes
                .Select(p => new PlannedRoute(p, gateway, existing.TryGetValue(p.Prefix, out var found) ? found : null))
                .ToList();
            return new RoutePlan(prefixes.Family, gateway, planned, prefixes.Refused);
        }

        /// <summary>
        /// Adds <paramref name="routes"/> (routes of the plan still to add, usually after ShouldProcess). They are recorded
        /// first; on failure the routes added in this run are removed again and the result says so in its error.
        /// </summary>
        /// <exception cref="RouteTableException"><see cref="RouteTableErrorKind.RecordUnwritable"/>: nothing was added.</exception>
        public async Task<RouteOperationResult> ApplyAsync(IReadOnlyList<PlannedRoute> routes, CancellationToken cancellationToken)
        {
            var toAdd = (routes ?? Array.Empty<PlannedRoute>()).Where(r => r.Existing is null).ToList();
            if (toAdd.Count == 0)
            {
                return new RouteOperationResult(Array.Empty<RouteChange>(), null);
            }

            // Write ahead: the record lists the routes before they exist, so a run stopped part-way leaves none unrecorded.
            var scope = _table.RecordScope;
            // Whole seconds: the record keeps the time to the second, and the entries written ahead are found by it.
            var clock = _clock().ToUniversalTime();
            var now = new DateTime(clock.Ticks - (clock.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            var pending = new HashSet<IpPrefix>(toAdd.Select(r => r.Prefix.Prefix));
            _record.Update(scope, current => current
                .Where(e => !pending.Contains(e.Destination))
                .Concat(toAdd.Select(r => new RecordedRoute(r.Prefix.Prefix, r.Gateway.NextHop, r.Gateway.Interface, scope.Table, null, scope.Marker, now))));

            RouteBatchResult batch;
            try
            {
                batch = await _table.AddRoutesAsync(toAdd.Select(r => new RouteSpec(r.Prefix.Prefix, r.Gateway)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped part-way (Ctrl+C): every recorded route to a destination that was absent when planning is this run's.
                await RemoveOwnAsync(pending).ConfigureAwait(false);
                await SettleRecordAsync(toAdd, now).ConfigureAwait(false);
                throw;
            }
            catch (RouteTableException)
            {
                await SettleRecordAsync(toAdd, now).ConfigureAwait(false);
                throw;
            }

            if (batch.Succeeded)
            {
                await SettleRecordAsync(toAdd, now).ConfigureAwait(false);
                var added = new HashSet<IpPrefix>(batch.Completed);
                return new RouteOperationResult(toAdd.Where(r => added.Contains(r.Prefix.Prefix)).Select(r => r.ToChange(RouteAction.Added)).ToList(), null);
            }

            // Roll back: remove what this run added, whatever the caller's token says (a half-applied set is worse).
            var addedNow = new HashSet<IpPrefix>(batch.Completed);
            var rollback = await RemoveOwnAsync(addedNow).ConfigureAwait(false);
            await SettleRecordAsync(toAdd, now).ConfigureAwait(false);
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
                    : $"Rolling back failed for {rollback.Failed.Count} route(s) ({rollback.Error}); they are still in the table with the module's mark, in its record, and Remove-AzDatacenterRoute -All removes them.");
            return new RouteOperationResult(changes, error);
        }

        /// <summary>The module's own routes of a family: marked and in the record.</summary>
        public async Task<IReadOnlyList<InstalledRoute>> GetOwnRoutesAsync(IpFamily family, CancellationToken cancellationToken) =>
            (await FindOwnRoutesAsync(family, cancellationToken).ConfigureAwait(false)).Recorded;

        /// <summary>The marked routes of a family, split into those the record lists and those it does not.</summary>
        /// <exception cref="RouteTableException"><see cref="RouteTableErrorKind.RecordUnreadable"/>: the record cannot be read.</exception>
        public async Task<OwnRoutes> FindOwnRoutesAsync(IpFamily family, CancellationToken cancellationToken)
        {
            var marked = (await _table.GetRoutesAsync(family, cancellationToken).ConfigureAwait(false)).Where(r => r.IsOwn).ToList();
            var record = Index(_record.Load(_table.RecordScope));
            return new OwnRoutes(marked.Where(r => IsRecorded(record, r)).ToList(), marked.Where(r => !IsRecorded(record, r)).ToList());
        }

        /// <summary>
        /// Removes routes of the module's own; routes without the mark, or not in the record, are skipped (never touched).
        /// Afterwards the record keeps only entries whose route is still in the table.
        /// </summary>
        public async Task<RouteOperationResult> RemoveAsync(IReadOnlyList<InstalledRoute> routes, IReadOnlyDictionary<IpPrefix, IReadOnlyList<string>>? serviceTags, CancellationToken cancellationToken)
        {
            var record = Index(_record.Load(_table.RecordScope));
            var own = (routes ?? Array.Empty<InstalledRoute>()).Where(r => r.IsOwn && IsRecorded(record, r)).ToList();
            if (own.Count == 0)
            {
                return new RouteOperationResult(Array.Empty<RouteChange>(), null);
            }

            var result = await _table.RemoveRoutesAsync(own, cancellationToken).ConfigureAwait(false);
            await PruneRecordAsync(own.Select(r => r.Destination.Family).Distinct().ToList()).ConfigureAwait(false);
            var removed = new HashSet<IpPrefix>(result.Completed);
            var changes = own
                .Where(r => removed.Contains(r.Destination))
                .GroupBy(r => r.Destination)
                .Select(g => new RouteChange(g.Key.ToString(), g.First().NextHop, g.First().Interface, RouteAction.Removed, serviceTags != null && serviceTags.TryGetValue(g.Key, out var tags) ? tags : null))
                .ToList();
            return new RouteOperationResult(changes, result.Error);
        }

        private static ILookup<IpPrefix, RecordedRoute> Index(IReadOnlyList<RecordedRoute> record) => record.ToLookup(e => e.Destination);

        private static bool IsRecorded(ILookup<IpPrefix, RecordedRoute> record, InstalledRoute route) => record[route.Destination].Any(e => e.Matches(route));

        /// <summary>
        /// After an add: the entries written ahead for <paramref name="added"/> become what the table shows (next hop,
        /// device, metric) for the routes that are there, and are dropped for the others.
        /// </summary>
        private async Task SettleRecordAsync(IReadOnlyList<PlannedRoute> added, DateTime writtenAt)
        {
            var scope = _table.RecordScope;
            var pending = added.ToDictionary(r => r.Prefix.Prefix);
            var installed = new List<InstalledRoute>();
            foreach (var family in pending.Keys.Select(p => p.Family).Distinct().ToList())
            {
                installed.AddRange((await _table.GetRoutesAsync(family, CancellationToken.None).ConfigureAwait(false)).Where(r => r.IsOwn && pending.ContainsKey(r.Destination)));
            }

            _record.Update(scope, current =>
            {
                var kept = current.Where(e => !(pending.ContainsKey(e.Destination) && e.AddedUtc == writtenAt && e.Metric is null)).ToList();
                var ahead = current.Where(e => pending.ContainsKey(e.Destination) && e.AddedUtc == writtenAt && e.Metric is null).ToList();
                foreach (var route in installed)
                {
                    if (ahead.Any(e => e.Matches(route)) && !kept.Any(e => e.Matches(route)))
                    {
                        kept.Add(RecordedRoute.From(route, scope.Table, scope.Marker, writtenAt));
                    }
                }

                return kept;
            });
        }

        /// <summary>Drops the entries of <paramref name="families"/> whose route is no longer in the table.</summary>
        private async Task PruneRecordAsync(IReadOnlyList<IpFamily> families)
        {
            var marked = new List<InstalledRoute>();
            foreach (var family in families)
            {
                marked.AddRange((await _table.GetRoutesAsync(family, CancellationToken.None).ConfigureAwait(false)).Where(r => r.IsOwn));
            }

            var byDestination = marked.ToLookup(r => r.Destination);
            _record.Update(_table.RecordScope, current => current.Where(e => !families.Contains(e.Destination.Family) || byDestination[e.Destination].Any(e.Matches)));
        }

        /// <summary>Removes the module's recorded routes to <paramref name="destinations"/>, ignoring the caller's cancellation.</summary>
        private async Task<RouteBatchResult> RemoveOwnAsync(IEnumerable<IpPrefix> destinations)
        {
            var wanted = new HashSet<IpPrefix>(destinations);
            var installed = new List<InstalledRoute>();
            foreach (var family in wanted.Select(d => d.Family).Distinct().ToList())
            {
                installed.AddRange((await FindOwnRoutesAsync(family, CancellationToken.None).ConfigureAwait(false)).Recorded.Where(r => wanted.Contains(r.Destination)));
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
