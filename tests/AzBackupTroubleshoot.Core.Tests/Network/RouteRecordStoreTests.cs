using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public sealed class RouteRecordStoreTests : IDisposable
    {
        private readonly TempRouteRecord _records = new TempRouteRecord();
        private readonly RouteRecordScope _scope = new RouteRecordScope("linux-net-4026531840", "test table", "main", "proto 252", "boot-1");

        public void Dispose() => _records.Dispose();

        [Fact]
        public void Writes_and_reads_back_every_field_in_a_file_named_for_the_table()
        {
            var added = new DateTime(2026, 12, 2, 1, 2, 3, DateTimeKind.Utc);
            _records.Store.Update(_scope, _ => new[]
            {
                new RecordedRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt0", "main", 0, "proto 252", added),
                new RecordedRoute(IpPrefix.Parse("2603:1020::/47"), null, null, "main", null, "proto 252", added),
            });

            var read = _records.Store.Load(_scope);

            Assert.Equal(Path.Combine(_records.Store.Folder, "linux-net-4026531840.json"), _records.Store.PathOf(_scope));
            Assert.Equal(new[] { "20.1.0.0/16 via 192.0.2.1 dev abt0 table main metric 0 proto 252", "2603:1020::/47 via (on-link) dev * table main metric * proto 252" }, read.Select(r => r.ToString()));
            Assert.Equal(added, read[0].AddedUtc);
            Assert.Empty(Directory.GetFiles(_records.Store.Folder, "*.tmp"));
        }

        [Fact]
        public void A_record_of_another_generation_is_empty_and_a_missing_one_too()
        {
            _records.Store.Update(_scope, _ => new[] { new RecordedRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt0", "main", 0, "proto 252", DateTime.UtcNow) });

            Assert.Empty(_records.Store.Load(new RouteRecordScope(_scope.Key, "test table", "main", "proto 252", "boot-2")));
            Assert.Empty(_records.Store.Load(new RouteRecordScope("windows-vm1", "test", "MSFT_NetRoute", "RouteMetric 252", null)));
        }

        [Fact]
        public void Hostile_input_a_key_cannot_leave_the_folder_and_a_broken_record_is_RecordUnreadable()
        {
            var scope = new RouteRecordScope("../../etc/x", "t", "main", "proto 252", null);
            Assert.Equal(_records.Store.Folder, Path.GetDirectoryName(_records.Store.PathOf(scope)));

            Directory.CreateDirectory(_records.Store.Folder);
            File.WriteAllText(_records.Store.PathOf(_scope), "{ not json");
            var ex = Assert.Throws<RouteTableException>(() => _records.Store.Load(_scope));
            Assert.Equal(RouteTableErrorKind.RecordUnreadable, ex.Kind);
        }

        [Fact]
        public async System.Threading.Tasks.Task Hostile_input_a_fifo_or_a_link_at_the_record_path_is_RecordUnreadable_not_a_hang()
        {
            Directory.CreateDirectory(_records.Store.Folder);
            var path = _records.Store.PathOf(_scope);
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", new[] { path })!)
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            // Before the fix the record was opened blocking: with no writer on the FIFO, Load never returned.
            var load = System.Threading.Tasks.Task.Run(() => Assert.Throws<RouteTableException>(() => _records.Store.Load(_scope)));
            var first = await System.Threading.Tasks.Task.WhenAny(load, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(first == load, "Load did not return for a FIFO record");
            Assert.Equal(RouteTableErrorKind.RecordUnreadable, (await load).Kind);

            File.Delete(path);
            var target = Path.Combine(_records.Folder, "elsewhere.json");
            File.WriteAllText(target, "[]");
            File.CreateSymbolicLink(path, target);
            Assert.Equal(RouteTableErrorKind.RecordUnreadable, Assert.Throws<RouteTableException>(() => _records.Store.Load(_scope)).Kind);
        }

        [Fact]
        public void A_matching_entry_needs_the_same_destination_and_next_hop_and_its_interface_and_metric_when_named()
        {
            var entry = new RecordedRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt0", "main", 0, "proto 252", DateTime.UtcNow);
            var ahead = new RecordedRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", null, "main", null, "proto 252", DateTime.UtcNow);

            Assert.True(entry.Matches(new InstalledRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt0", true, null, 0)));
            Assert.False(entry.Matches(new InstalledRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.2", "abt0", true, null, 0)));
            Assert.False(entry.Matches(new InstalledRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt0", true, null, 200)));
            Assert.False(entry.Matches(new InstalledRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt1", true, null, 0)));
            Assert.True(ahead.Matches(new InstalledRoute(IpPrefix.Parse("20.1.0.0/16"), "192.0.2.1", "abt1", true, null, 200)));
        }
    }
}
