using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
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
            var host = root.HostPath(WaagentConf.DefaultPath) ?? Path.Combine(_options.RootPath, WaagentConf.DefaultPath);
            var fact = new WaagentConfParser().Read(root);
            var wanted = string.Join(", ", edits.Select(e => $"{e.Key}={e.Value}"));
            if (fact.Status == FactStatus.Absent)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.Failed, $"{host} does not exist; restore it from the distribution's package before setting {wanted}.");
            }

            if (fact.Status == FactStatus.Malformed)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.Failed, $"{host} was not edited: it {fact.Problem}. Fix it by hand, then set {wanted}.");
            }

            var text = File.ReadAllText(host);
            if (Edit(text, edits) == text)
            {
                return PlannedRepair.Decided(action, host, RepairStatus.AlreadyHealthy, $"{wanted} is already set in {host}.");
            }

            return PlannedRepair.Change(action, host, $"Set {wanted} in {host} (after a backup)", _options.IsLive, _ =>
            {
                var current = File.ReadAllText(host);
                var edited = Edit(current, edits);
                if (edited == current)
                {
                    return Task.FromResult(new RepairResult(host, action, RepairStatus.AlreadyHealthy, $"{wanted} is already set in {host}."));
                }

                var backup = _writer.Backup(host);
                _writer.Write(host, new UTF8Encoding(false).GetBytes(edited));
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
            var relative = $"etc/systemd/system/{unit.Name}.service.d/{DropInName}";
            var host = Path.Combine(_options.RootPath, relative);
            var content = "# Written by AzBackupTroubleshoot (Repair-AzBackupAgent -EnableAutoRestart): restart the Azure agent when it dies.\n" +
                          "[Service]\nRestart=always\nRestartSec=5\n";
            return PlannedRepair.Change(action, host, $"Create {host} with Restart=always and RestartSec=5{(_options.IsLive ? ", then systemctl daemon-reload" : string.Empty)}", _options.IsLive, async cancellationToken =>
            {
                var folder = Path.GetDirectoryName(host)!;
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    _options.Metadata.SetMode(folder, 493); // 0755
                }

                var backup = File.Exists(host) ? _writer.Backup(host) : null;
                _writer.Write(host, Encoding.ASCII.GetBytes(content), 420); // 0644
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
            var host = root.HostPath(RootPath.Combine("etc/init", unit.Name + ".conf"))!;
            return PlannedRepair.Change(action, host, $"Add 'respawn' to {host} (after a backup)", _options.IsLive, _ =>
            {
                var text = File.ReadAllText(host);
                var newline = text.Contains("\r\n") ? "\r\n" : "\n";
                var edited = (text.Length == 0 || text.EndsWith("\n", StringComparison.Ordinal) ? text : text + newline) + "respawn" + newline;
                var backup = _writer.Backup(host);
                _writer.Write(host, new UTF8Encoding(false).GetBytes(edited));
                return Task.FromResult(new RepairResult(host, action, RepairStatus.Repaired, $"Added 'respawn' to {host}; upstart uses it from the next start of the job.", backup));
            });
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
