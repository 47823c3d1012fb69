using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>The file edits: waagent.conf keys and automatic restart.</summary>
    internal sealed class ConfigurationRepairs
    {
        /// <summary>
        /// The drop-in's name. systemd applies drop-ins in name order and the last Restart= wins; 'zz-' sorts after the usual
        /// names, including the override.conf that 'systemctl edit' writes.
        /// </summary>
        public const string DropInName = "zz-azbackup-restart.conf";

        private const string Restart = "Restart the agent for the change to take effect (Repair-AzBackupAgent -Restart).";
        private readonly LinuxRepairOptions _options;
        private readonly AtomicFileWriter _writer;
        private readonly WaagentConfEditor _editor = new WaagentConfEditor();

        public ConfigurationRepairs(LinuxRepairOptions options, AtomicFileWriter writer)
        {
            _options = options;
            _writer = writer;
        }

        public PlannedRepair PlanAutoUpdate()
        {
            using var root = new FolderLinuxRoot(_options.RootPath);
            var conf = new WaagentConfParser().Read(root).Value;
            var edits = new List<(string, string)> { ("AutoUpdate.Enabled", "y") };
            if (conf?.Find("AutoUpdate.UpdateToLatestVersion") != null)
            {
                edits.Add(("AutoUpdate.UpdateToLatestVersion", "y"));
            }

            return PlanConf(RepairAction.EnableAutoUpdate, edits.ToArray());
        }

        public PlannedRepair PlanConf(RepairAction action, params (string Key, string Value)[] edits)
        {
            using var root = new FolderLinuxRoot(_options.RootPath);
            var wanted = string.Join(", ", edits.Select(e => $"{e.Key}={e.Value}"));
            var named = Path.Combine(_options.RootPath, WaagentConf.DefaultPath);
            string host;
            try
            {
                host = _writer.Resolve(named);
            }
            catch (ContainmentException ex)
            {
                return PlannedRepair.Decided(action, named, RepairStatus.Failed, $"{named} was not edited: {ex.Message}");
            }

            var fact = new WaagentConfParser().Read(root);
            if (fact.Status == FactStatus.Absent)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.Failed, $"{host} does not exist; restore it from the distribution's package before setting {wanted}.");
            }

            var text = ReadText(root, WaagentConf.DefaultPath);
            if (fact.Status == FactStatus.Malformed || text.Value is null)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.Failed, $"{host} was not edited: it {fact.Problem ?? text.Problem}. Fix it by hand, then set {wanted}.");
            }

            if (Edit(text.Value, edits) == text.Value)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.AlreadyHealthy, $"{wanted} is already set in {host}.");
            }

            return PlannedRepair.Change(action, host, $"Set {wanted} in {host} (after a backup)", _options.IsLive, _ =>
            {
                using var now = new FolderLinuxRoot(_options.RootPath);
                var current = ReadText(now, WaagentConf.DefaultPath);
                if (current.Value is null)
                {
                    return Task.FromResult(new RepairResult(host, action, RepairStatus.Failed, $"{host} was not edited: it {current.Problem}."));
                }

                var edited = Edit(current.Value, edits);
                if (edited == current.Value)
                {
                    return Task.FromResult(new RepairResult(host, action, RepairStatus.AlreadyHealthy, $"{wanted} is already set in {host}."));
                }

                var backup = _writer.Backup(named);
                _writer.Write(named, new UTF8Encoding(false).GetBytes(edited));
                return Task.FromResult(new RepairResult(host, action, RepairStatus.Repaired, $"Set {wanted} in {host}. {Restart}", backup));
            });
        }

        public PlannedRepair PlanAutoRestart()
        {
            using var root = new FolderLinuxRoot(_options.RootPath);
            var unit = new AgentUnitReader().Read(root).Primary;
            const RepairAction action = RepairAction.EnableAutoRestart;
            if (unit is null)
            {
                return PlannedRepair.Decided(action, _options.RootPath, RepairStatus.Failed, "No walinuxagent or waagent unit was found; install the agent first.");
            }

            if (unit.RestartsOnFailure)
            {
                return PlannedRepair.Decided(action, unit.Name, RepairStatus.AlreadyHealthy, $"'{unit.Name}' already restarts when it dies ({unit.RestartEvidence}).");
            }

            return unit.InitSystem == InitSystem.Upstart ? PlanRespawn(root, unit) : PlanDropIn(root, unit);
        }

        private PlannedRepair PlanDropIn(FolderLinuxRoot root, AgentUnit unit)
        {
            const RepairAction action = RepairAction.EnableAutoRestart;
            var named = Path.Combine(_options.RootPath, $"etc/systemd/system/{unit.Name}.service.d/{DropInName}");
            string host;
            try
            {
                host = _writer.Resolve(named); // a linked drop-in folder is followed inside the root, never out of it
            }
            catch (ContainmentException ex)
            {
                return PlannedRepair.Decided(action, named, RepairStatus.Failed, $"{named} was not written: {ex.Message}");
            }

            var content = "# Written by AzBackupTroubleshoot (Repair-AzBackupAgent -EnableAutoRestart): restart the Azure agent when it dies.\n" +
                          "[Service]\nRestart=always\nRestartSec=5\n";
            return PlannedRepair.Change(action, host, $"Create {host} with Restart=always and RestartSec=5{(_options.IsLive ? ", then systemctl daemon-reload" : string.Empty)}", _options.IsLive, async cancellationToken =>
            {
                _writer.CreateDirectory(Path.GetDirectoryName(named)!, 493); // 0755
                var backup = FileNode.GetKind(_writer.Resolve(named)) == FileNodeKind.Regular ? _writer.Backup(named) : null;
                _writer.Write(named, Encoding.ASCII.GetBytes(content), 420); // 0644
                var detail = $"Wrote {host}.";
                if (_options.IsLive)
                {
                    var systemctl = _options.Locator.Find("systemctl");
                    if (systemctl is null)
                    {
                        detail += " systemctl was not found, so systemd has not reloaded its units yet.";
                    }
                    else
                    {
                        var reload = await _options.Runner.RunAsync(systemctl, new[] { "daemon-reload" }, null, cancellationToken).ConfigureAwait(false);
                        detail += reload.ExitCode == 0 ? " Ran systemctl daemon-reload." : $" systemctl daemon-reload failed (exit {reload.ExitCode}): {reload.StandardError.Trim()}";
                    }
                }

                using var after = new FolderLinuxRoot(_options.RootPath);
                var check = new AgentUnitReader().Read(after).Units.FirstOrDefault(u => u.Name == unit.Name);
                if (check is null || !check.RestartsOnFailure)
                {
                    return new RepairResult(host, action, RepairStatus.Failed, $"{detail} But systemd still reads Restart={check?.Restart ?? "no"} ({check?.RestartEvidence}): a drop-in sorted after {DropInName} overrides it.", backup);
                }

                return new RepairResult(host, action, RepairStatus.Repaired, detail, backup);
            });
        }

        private PlannedRepair PlanRespawn(FolderLinuxRoot root, AgentUnit unit)
        {
            const RepairAction action = RepairAction.EnableAutoRestart;
            var relative = RootPath.Combine("etc/init", unit.Name + ".conf");
            var named = Path.Combine(_options.RootPath, relative);
            string host;
            try
            {
                host = _writer.Resolve(named);
            }
            catch (ContainmentException ex)
            {
                return PlannedRepair.Decided(action, named, RepairStatus.Failed, $"{named} was not edited: {ex.Message}");
            }

            return PlannedRepair.Change(action, host, $"Add 'respawn' to {host} (after a backup)", _options.IsLive, _ =>
            {
                using var now = new FolderLinuxRoot(_options.RootPath);
                var read = ReadText(now, relative);
                if (read.Value is null)
                {
                    return Task.FromResult(new RepairResult(host, action, RepairStatus.Failed, $"{host} was not edited: it {read.Problem}."));
                }

                var text = read.Value;
                var newline = text.Contains("\r\n") ? "\r\n" : "\n";
                var edited = (text.Length == 0 || text.EndsWith("\n", StringComparison.Ordinal) ? text : text + newline) + "respawn" + newline;
                var backup = _writer.Backup(named);
                _writer.Write(named, new UTF8Encoding(false).GetBytes(edited));
                return Task.FromResult(new RepairResult(host, action, RepairStatus.Repaired, $"Added 'respawn' to {host}; upstart uses it from the next start of the job.", backup));
            });
        }

        // Bounded, regular files only, and refused when cut at the read limit (an edit of half a file would lose the rest).
        private static FileFact<string> ReadText(ILinuxRoot root, string relative)
        {
            var file = root.Read(relative);
            return file.Truncated
                ? FileFact<string>.Malformed(file.Path, $"is larger than {RootLimits.DefaultMaxBytes} bytes, so it cannot be edited safely")
                : TextFileDecoder.Decode(file);
        }

        private string Edit(string text, IEnumerable<(string Key, string Value)> edits)
        {
            foreach (var (key, value) in edits)
            {
                text = _editor.Set(text, key, value, out _);
            }

            return text;
        }
    }
}
