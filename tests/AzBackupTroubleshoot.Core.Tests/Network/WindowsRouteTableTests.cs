using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>The MSFT_NetRoute calls the Windows path makes, proven against a recording CIM gateway.</summary>
    public sealed class WindowsRouteTableTests : IDisposable
    {
        private readonly TempRouteRecord _records = new TempRouteRecord();

        private static readonly Lazy<ServiceTagFile> File = new Lazy<ServiceTagFile>(() => ServiceTagFile.Load(NetworkFixtures.ServiceTagsPublic));

        private readonly RecordingCimGateway _cim = new RecordingCimGateway();
        private readonly CimObject _foreign;

        public WindowsRouteTableTests()
        {
            _cim.AddRoute("0.0.0.0/0", "10.0.0.1", "Ethernet", 4, 0);
            _cim.AddRoute("0.0.0.0/0", "10.9.0.1", "Backup NIC", 9, 50);
            _cim.AddRoute("10.0.0.0/24", "0.0.0.0", "Ethernet", 4, 256);
            _foreign = _cim.AddRoute("13.69.40.16/28", "10.0.0.1", "Ethernet", 4, 256);
        }

        public void Dispose() => _records.Dispose();

        private static DatacenterPrefixSet StorageWestEurope => DatacenterPrefixSet.FromTags(new[] { File.Value.FindTag("Storage.WestEurope")! }, IpFamily.IPv4);

        [Fact]
        public async Task Calls_MSFT_NetRoute_Create_once_per_block_for_the_ActiveStore_with_the_default_routes_next_hop()
        {
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);

            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);
            var result = await manager.ApplyAsync(plan.ToAdd.ToList(), CancellationToken.None);

            Assert.Null(result.Error);
            Assert.Equal(94, result.Changes.Count);
            Assert.All(result.Changes, c => Assert.Equal(RouteAction.Added, c.Action));
            Assert.Equal("13.69.40.16/28", plan.AlreadyPresent.Single().Prefix.Prefix.ToString());
            var created = _cim.Created.ToList();
            Assert.Equal(94, created.Count);
            Assert.All(_cim.Calls.Where(c => c.Method != nameof(ICimGateway.QueryInstances)), c =>
            {
                Assert.Equal("root/StandardCimv2", c.Namespace);
                Assert.Equal("MSFT_NetRoute.Create", c.Method);
            });
            var first = created[0];
            Assert.Equal("13.95.96.176/28", first["DestinationPrefix"]);
            Assert.Equal("10.0.0.1", first["NextHop"]);
            Assert.Equal(4u, first["InterfaceIndex"]);
            Assert.Equal((ushort)252, first["RouteMetric"]);
            Assert.Equal((ushort)2, first["AddressFamily"]);
            Assert.Equal("ActiveStore", first["PolicyStore"]);
            Assert.Equal(new[] { "AddressFamily", "DestinationPrefix", "InterfaceIndex", "NextHop", "PolicyStore", "RouteMetric" }, first.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(result.Changes.Select(c => c.DestinationPrefix), created.Select(p => (string)p["DestinationPrefix"]!));
            Assert.Empty(_cim.Deleted);
        }

        [Fact]
        public async Task A_second_run_finds_every_route_already_present_and_creates_nothing()
        {
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);
            await manager.ApplyAsync((await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None)).ToAdd.ToList(), CancellationToken.None);
            var calls = _cim.Created.Count();

            var again = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);
            var result = await manager.ApplyAsync(again.ToAdd.ToList(), CancellationToken.None);

            Assert.Empty(again.ToAdd);
            Assert.Equal(95, again.AlreadyPresent.Count());
            Assert.Empty(result.Changes);
            Assert.Equal(calls, _cim.Created.Count());
        }

        [Fact]
        public async Task Persistent_routes_are_created_without_a_PolicyStore_so_they_go_to_both_stores()
        {
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: true), _records.Store);
            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);

            await manager.ApplyAsync(plan.ToAdd.Take(2).ToList(), CancellationToken.None);

            Assert.Equal(new[] { "13.95.96.176/28", "13.95.240.16/28" }, _cim.Created.Select(p => (string)p["DestinationPrefix"]!));
            Assert.All(_cim.Created, p => Assert.False(p.ContainsKey("PolicyStore")));
            Assert.Equal(
                new[] { ("13.95.96.176/28", 1), ("13.95.96.176/28", 0), ("13.95.240.16/28", 1), ("13.95.240.16/28", 0) },
                _cim.Instances.Skip(4).Select(i => (i.GetString("DestinationPrefix")!, Convert.ToInt32(i["Store"]))));
        }

        [Fact]
        public async Task The_default_gateway_is_taken_from_the_active_routes_not_a_persistent_copy()
        {
            _cim.AddRoute("0.0.0.0/0", "10.7.0.1", "Old NIC", 7, 0, store: 0);
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);

            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);

            Assert.Equal(("10.0.0.1", "Ethernet", (int?)4), (plan.Gateway.NextHop, plan.Gateway.Interface, plan.Gateway.InterfaceIndex));
        }

        [Fact]
        public async Task A_nonzero_ReturnValue_of_Create_is_a_failure_and_nothing_stays()
        {
            _cim.CreateReturnValue = 5;
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);
            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);

            var result = await manager.ApplyAsync(plan.ToAdd.ToList(), CancellationToken.None);

            Assert.Empty(result.Changes);
            Assert.Contains("failed at 13.95.96.176/28 after 0 of 94 were added", result.Error, StringComparison.Ordinal);
            Assert.Contains("MSFT_NetRoute.Create 13.95.96.176/28: returned 5", result.Error, StringComparison.Ordinal);
            Assert.Single(_cim.Created);
            Assert.Equal(4, _cim.Instances.Count);
        }

        [Fact]
        public async Task IPv6_routes_name_address_family_23_and_the_on_link_next_hop()
        {
            _cim.AddRoute("::/0", "fe80::1", "Ethernet", 4, 0, addressFamily: 23);
            var tag = new ServiceTag("Storage.Test", null, "test", null, null, null, null, new[] { IpPrefix.Parse("2603:1020::/48") }, null);
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);

            var plan = await manager.PlanAsync(DatacenterPrefixSet.FromTags(new[] { tag }, IpFamily.IPv6), null, "Ethernet", CancellationToken.None);
            await manager.ApplyAsync(plan.ToAdd.ToList(), CancellationToken.None);

            var created = _cim.Created.Single();
            Assert.Equal(("2603:1020::/48", "fe80::1", (ushort)23), ((string)created["DestinationPrefix"]!, (string)created["NextHop"]!, (ushort)created["AddressFamily"]!));
        }

        [Fact]
        public async Task A_failure_part_way_deletes_the_routes_created_in_this_run_and_only_those()
        {
            _cim.FailCreateAt = 11;
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);
            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);

            var result = await manager.ApplyAsync(plan.ToAdd.ToList(), CancellationToken.None);

            Assert.Equal(10, result.Changes.Count);
            Assert.All(result.Changes, c => Assert.Equal(RouteAction.RolledBack, c.Action));
            var failedPrefix = (string)_cim.Created.ElementAt(10)["DestinationPrefix"]!;
            Assert.Contains($"failed at {failedPrefix} after 10 of 94 were added", result.Error, StringComparison.Ordinal);
            Assert.Contains("The object already exists", result.Error, StringComparison.Ordinal);
            Assert.Contains("were removed again", result.Error, StringComparison.Ordinal);
            Assert.Equal(result.Changes.Select(c => c.DestinationPrefix).OrderBy(p => p), _cim.Deleted.Select(d => d.GetString("DestinationPrefix")).OrderBy(p => p));
            Assert.DoesNotContain(_cim.Instances, i => Convert.ToInt32(i["RouteMetric"]) == 252);
            Assert.Contains(_foreign, _cim.Instances);
            Assert.Equal(4, _cim.Instances.Count);
        }

        [Fact]
        public async Task A_stop_part_way_removes_the_routes_created_so_far_and_rethrows()
        {
            using var stop = new CancellationTokenSource();
            _cim.AfterCreate = count =>
            {
                if (count == 5)
                {
                    stop.Cancel();
                }
            };
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);
            var plan = await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => manager.ApplyAsync(plan.ToAdd.ToList(), stop.Token));

            Assert.Equal(5, _cim.Created.Count());
            Assert.Equal(5, _cim.Deleted.Count());
            Assert.DoesNotContain(_cim.Instances, i => Convert.ToInt32(i["RouteMetric"]) == 252);
            Assert.Contains(_foreign, _cim.Instances);
        }

        [Fact]
        public async Task Removal_deletes_only_instances_with_the_modules_metric()
        {
            var table = new WindowsRouteTable(_cim, persistent: true);
            var manager = new DatacenterRouteManager(table, _records.Store);
            await manager.ApplyAsync((await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None)).ToAdd.ToList(), CancellationToken.None);
            Assert.Equal(4 + (94 * 2), _cim.Instances.Count);

            var own = await manager.GetOwnRoutesAsync(IpFamily.IPv4, CancellationToken.None);
            var result = await manager.RemoveAsync(own, null, CancellationToken.None);

            Assert.Null(result.Error);
            Assert.Equal(94, result.Changes.Count);
            Assert.All(result.Changes, c => Assert.Equal(RouteAction.Removed, c.Action));
            Assert.Equal(94 * 2, _cim.Deleted.Count());
            Assert.All(_cim.Deleted, d => Assert.Equal(252, Convert.ToInt32(d["RouteMetric"])));
            Assert.Equal(4, _cim.Instances.Count);
            Assert.Contains(_foreign, _cim.Instances);
        }

        [Fact]
        public async Task Hostile_input_removal_leaves_instances_with_the_modules_metric_that_the_record_does_not_list()
        {
            var stranger = _cim.AddRoute("20.1.0.0/16", "10.0.0.1", "Ethernet", 4, 252);
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);
            await manager.ApplyAsync((await manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None)).ToAdd.ToList(), CancellationToken.None);

            var found = await manager.FindOwnRoutesAsync(IpFamily.IPv4, CancellationToken.None);
            var result = await manager.RemoveAsync(found.Recorded.Concat(found.NotRecorded).ToList(), null, CancellationToken.None);

            Assert.Equal(94, found.Recorded.Count);
            Assert.Equal("20.1.0.0/16", Assert.Single(found.NotRecorded).Destination.ToString());
            Assert.Equal(94, result.Changes.Count);
            Assert.Contains(stranger, _cim.Instances);
            Assert.DoesNotContain(_cim.Deleted, d => d.GetString("DestinationPrefix") == "20.1.0.0/16");
        }

        [Fact]
        public async Task A_given_interface_alias_other_than_the_defaults_is_passed_by_alias_with_the_given_next_hop()
        {
            var manager = new DatacenterRouteManager(new WindowsRouteTable(_cim, persistent: false), _records.Store);

            var plan = await manager.PlanAsync(StorageWestEurope, NextHopAddress.Parse("10.9.0.254"), "Backup NIC", CancellationToken.None);
            await manager.ApplyAsync(plan.ToAdd.Take(1).ToList(), CancellationToken.None);

            var created = _cim.Created.Single();
            Assert.Equal("Backup NIC", created["InterfaceAlias"]);
            Assert.False(created.ContainsKey("InterfaceIndex"));
            Assert.Equal("10.9.0.254", created["NextHop"]);
        }

        [Fact]
        public async Task Without_a_default_route_and_without_next_hop_and_interface_planning_fails_with_NoDefaultRoute()
        {
            var empty = new RecordingCimGateway();
            var manager = new DatacenterRouteManager(new WindowsRouteTable(empty, persistent: false), _records.Store);

            var ex = await Assert.ThrowsAsync<RouteTableException>(() => manager.PlanAsync(StorageWestEurope, null, null, CancellationToken.None));

            Assert.Equal(RouteTableErrorKind.NoDefaultRoute, ex.Kind);
            Assert.Contains("-NextHop", ex.Message, StringComparison.Ordinal);
            Assert.Empty(empty.Created);
        }
    }
}
