using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Linux
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class LinuxRepairerTests
    {
        private static readonly DateTime Now = new DateTime(2024, 5, 2, 2, 30, 41, DateTimeKind.Utc);

        private static LinuxRepairer Repairer(TempRoot root, bool live = false, RecordingCommands? commands = null) =>
            new LinuxRepairer(new LinuxRepairOptions(root.Path, live)
            {
                Locator = new CommandLocator(commands?.Folder ?? Path.Combine(root.Path, "no-commands-here")),
                Clock = () => Now,
            });

        private static async Task<RepairResult> Run(LinuxRepairer repairer, RepairAction action) => await repairer.ApplyAsync(repairer.Plan(action));

        [Theory]
        [InlineData("extensions-disabled", RepairAction.EnableExtensions, "Extensions.Enabled=n", "Extensions.Enabled=y")]
        [InlineData("healthy", RepairAction.EnableVerboseLogging, "Logs.Verbose=n", "Logs.Verbose=y")]
        [InlineData("agent-too-old", RepairAction.EnableAutoUpdate, "AutoUpdate.Enabled=n", "AutoUpdate.Enabled=y")]
        public async Task ConfEdits_ChangeOneLine_BackUpTheFile_AndAreIdempotent(string example, RepairAction action, string before, string after)
        {
            using var root = new TempRoot(TempRoot.Example(example));
            var original = root.Read("etc/waagent.conf");
            var mode = File.GetUnixFileMode(root.Full("etc/waagent.conf"));
            var repairer = Repairer(root);

            var plan = repairer.Plan(action);
            Assert.True(plan.NeedsChange);
            Assert.Equal(root.Full("etc/waagent.conf"), plan.Target);
            Assert.Equal(original, root.Read("etc/waagent.conf")); // planning changes nothing

            var first = await repairer.ApplyAsync(plan);
            Assert.Equal(RepairStatus.Repaired, first.Status);
            var edited = root.Read("etc/waagent.conf");
            Assert.Equal(original.Replace(before, after), edited);
            Assert.Equal(original, File.ReadAllText(first.BackupPath!));
            Assert.EndsWith(".20240502T023041Z.azbt.bak", first.BackupPath);
            Assert.Equal(mode, File.GetUnixFileMode(root.Full("etc/waagent.conf")));
            Assert.Contains("-Restart", first.Detail);

            var second = await Run(repairer, action);
            Assert.Equal(RepairStatus.AlreadyHealthy, second.Status);
            Assert.Null(second.BackupPath);
            Assert.Equal(edited, root.Read("etc/waagent.conf"));
            Assert.Single(Directory.GetFiles(root.Full("etc"), "*.azbt.bak"));
        }

        [Fact]
        public async Task AutoUpdate_AlsoSetsUpdateToLatestVersion_WhenThatKeyOverridesIt()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            root.Write("etc/waagent.conf", root.Read("etc/waagent.conf") + "AutoUpdate.UpdateToLatestVersion=n\n");
            var result = await Run(Repairer(root), RepairAction.EnableAutoUpdate);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.EndsWith("AutoUpdate.UpdateToLatestVersion=y\n", root.Read("etc/waagent.conf"));
            Assert.Contains("AutoUpdate.Enabled=y, AutoUpdate.UpdateToLatestVersion=y", result.Detail);
        }

        [Fact]
        public async Task MissingOrBinaryConfiguration_IsNotEdited()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            root.Write("etc/waagent.conf", new byte[] { 0x45, 0x00, 0x3d });
            var binary = await Run(Repairer(root), RepairAction.EnableExtensions);
            Assert.Equal(RepairStatus.Failed, binary.Status);
            Assert.Contains("was not edited", binary.Detail);
            Assert.Equal(new byte[] { 0x45, 0x00, 0x3d }, File.ReadAllBytes(root.Full("etc/waagent.conf")));

            root.Delete("etc/waagent.conf");
            Assert.Equal(RepairStatus.Failed, (await Run(Repairer(root), RepairAction.EnableExtensions)).Status);
            Assert.False(File.Exists(root.Full("etc/waagent.conf")));
        }

        [Fact]
        public async Task AutoRestart_WritesADropInThatWinsOverOverrideConf_Offline()
        {
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            var repairer = Repairer(root);
            var result = await Run(repairer, RepairAction.EnableAutoRestart);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            var dropIn = root.Full("etc/systemd/system/waagent.service.d/zz-azbackup-restart.conf");
            Assert.Equal(dropIn, result.Target);
            Assert.Contains("[Service]\nRestart=always\nRestartSec=5\n", File.ReadAllText(dropIn));
            Assert.Equal("[Service]\nRestart=no\n", root.Read("etc/systemd/system/waagent.service.d/override.conf"));
            Assert.DoesNotContain("daemon-reload", result.Detail);

            var again = await Run(repairer, RepairAction.EnableAutoRestart);
            Assert.Equal(RepairStatus.AlreadyHealthy, again.Status);
            var check = (await LinuxRun.CheckAsync(root.Path)).Single(CheckCatalog.LinuxAgentAutoRestart);
            Assert.Equal(CheckStatus.Passed, check.Status);
        }

        [Fact]
        public async Task AutoRestart_Live_ReloadsSystemd_ThroughTheStandIn()
        {
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            using var commands = new RecordingCommands().Add("systemctl");
            var result = await Run(Repairer(root, live: true, commands), RepairAction.EnableAutoRestart);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal(new[] { "systemctl daemon-reload" }, commands.Calls);
        }

        [Fact]
        public async Task AutoRestart_Upstart_AddsRespawn()
        {
            using var root = new TempRoot().Write("etc/init/walinuxagent.conf", "description \"Azure Linux Agent\"\nstart on runlevel [2345]\nexec /usr/sbin/waagent -daemon");
            var result = await Run(Repairer(root), RepairAction.EnableAutoRestart);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal("description \"Azure Linux Agent\"\nstart on runlevel [2345]\nexec /usr/sbin/waagent -daemon\nrespawn\n", root.Read("etc/init/walinuxagent.conf"));
            Assert.True(File.Exists(result.BackupPath));
            Assert.Equal(RepairStatus.AlreadyHealthy, (await Run(Repairer(root), RepairAction.EnableAutoRestart)).Status);
        }

        [Theory]
        [InlineData("healthy", "systemctl restart walinuxagent.service")]
        [InlineData("agent-stopped", "systemctl restart waagent.service")]
        public async Task Restart_UsesSystemctl(string example, string call)
        {
            using var root = new TempRoot(TempRoot.Example(example));
            using var commands = new RecordingCommands().Add("systemctl").Add("service");
            var plan = Repairer(root, live: true, commands).Plan(RepairAction.RestartAgent);
            Assert.True(plan.RequiresRoot);
            Assert.Empty(commands.Calls);
            var result = await Repairer(root, live: true, commands).ApplyAsync(plan);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal(new[] { call }, commands.Calls);
        }

        [Fact]
        public async Task Restart_FallsBackToService_AndReportsAFailingCommand()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var commands = new RecordingCommands().Add("service", exitCode: 1, extraShell: "echo 'walinuxagent: unrecognized service' >&2");
            var result = await Run(Repairer(root, live: true, commands), RepairAction.RestartAgent);
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Equal(new[] { "service walinuxagent restart" }, commands.Calls);
            Assert.Contains("unrecognized service", result.Detail);
        }

        [Theory]
        [InlineData(RepairAction.RestartAgent)]
        [InlineData(RepairAction.UpdateAgent)]
        public async Task ServiceActions_AreSkippedOffline(RepairAction action)
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var commands = new RecordingCommands().Add("systemctl").Add("apt-get");
            var result = await Run(Repairer(root, live: false, commands), action);
            Assert.Equal(RepairStatus.Skipped, result.Status);
            Assert.Contains("offline root", result.Detail);
            Assert.Empty(commands.Calls);
        }

        [Fact]
        public async Task Update_UsesTheDistributionsPackageManager_ThenRestarts()
        {
            using var root = new TempRoot(TempRoot.Example("agent-too-old"));
            var newer = root.Full("usr/lib/python3/dist-packages/WALinuxAgent-2.9.1.1.egg-info");
            using var commands = new RecordingCommands()
                .Add("apt-get", extraShell: $"case \"$1\" in install) mkdir -p '{newer}';; esac")
                .Add("systemctl");
            var repairer = Repairer(root, live: true, commands);
            var plan = repairer.Plan(RepairAction.UpdateAgent);
            Assert.Equal("walinuxagent", plan.Target);
            Assert.Contains("apt-get install --only-upgrade -y -o Dpkg::Options::=--force-confold walinuxagent", plan.Description);
            var result = await repairer.ApplyAsync(plan);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Contains("from 2.2.32 to 2.9.1.1", result.Detail);
            Assert.Equal(new[]
            {
                "apt-get update",
                "apt-get install --only-upgrade -y -o Dpkg::Options::=--force-confold walinuxagent",
                "systemctl restart walinuxagent.service",
            }, commands.Calls);

            var again = await Run(repairer, RepairAction.UpdateAgent);
            Assert.Equal(RepairStatus.AlreadyHealthy, again.Status);
            Assert.Equal(5, commands.Calls.Count); // update + install again, no restart
        }

        [Theory]
        [InlineData("ID=\"rhel\"\nID_LIKE=\"fedora\"\n", true, "dnf -y upgrade WALinuxAgent")]
        [InlineData("ID=\"centos\"\nID_LIKE=\"rhel fedora\"\n", false, "yum -y update WALinuxAgent")]
        [InlineData("ID=\"sles\"\nID_LIKE=\"suse\"\n", false, "zypper --non-interactive update python-azure-agent")]
        [InlineData("ID=debian\n", false, "apt-get install --only-upgrade -y -o Dpkg::Options::=--force-confold waagent")]
        public async Task Update_PicksTheManagerFromTheRoot(string osRelease, bool hasDnf, string expectedCall)
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            root.Write("etc/os-release", osRelease);
            if (hasDnf)
            {
                root.Write("usr/bin/dnf", "#!/bin/sh\n");
            }

            using var commands = new RecordingCommands().Add("apt-get").Add("dnf").Add("yum").Add("zypper").Add("systemctl");
            await Run(Repairer(root, live: true, commands), RepairAction.UpdateAgent);
            Assert.Contains(expectedCall, commands.Calls);
        }

        [Fact]
        public async Task Update_UnknownDistributionOrMissingManager_Fails()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            using var empty = new RecordingCommands();
            root.Write("etc/os-release", "ID=plan9\n");
            Assert.Contains("not one whose package manager", (await Run(Repairer(root, live: true, empty), RepairAction.UpdateAgent)).Detail);
            root.Write("etc/os-release", "ID=ubuntu\n");
            var missing = await Run(Repairer(root, live: true, empty), RepairAction.UpdateAgent);
            Assert.Equal(RepairStatus.Failed, missing.Status);
            Assert.Contains("apt-get was not found", missing.Detail);
        }

        [Fact]
        public void PipedResults_RepairWhatIsKnown_AndSayWhyTheRestIsSkipped()
        {
            using var root = new TempRoot(TempRoot.Example("healthy"));
            var repairer = Repairer(root);
            var known = repairer.Plan(new HealthCheckResult("vm", CheckCatalog.LinuxAgentLog, Cause.AgentNotResponsive, CheckStatus.Warning, "m", repairAction: RepairAction.EnableVerboseLogging));
            Assert.True(known.NeedsChange);
            var passed = repairer.Plan(new HealthCheckResult("vm", CheckCatalog.LinuxExtensionsEnabled, Cause.AgentMisconfigured, CheckStatus.Passed, "m", repairAction: RepairAction.EnableExtensions));
            Assert.Equal(RepairStatus.Skipped, passed.Outcome!.Status);
            Assert.Contains("nothing to repair", passed.Outcome.Detail);
            var none = repairer.Plan(new HealthCheckResult("vm", CheckCatalog.LinuxDhcpWireServer, Cause.SnapshotNotTaken, CheckStatus.Failed, "m", remediation: "Keep DHCP on."));
            Assert.Contains("no automatic repair. Keep DHCP on.", none.Outcome!.Detail);
            var elsewhere = repairer.Plan(new HealthCheckResult("vm", CheckCatalog.LinuxSnapshotExtension, Cause.ExtensionNotLoaded, CheckStatus.Failed, "m", repairAction: RepairAction.UninstallSnapshotExtension));
            Assert.Contains("Uninstall-AzVmSnapshotExtension", elsewhere.Outcome!.Detail);
            var windows = repairer.Plan(new HealthCheckResult("vm", CheckCatalog.WindowsVssService, Cause.SnapshotNotTaken, CheckStatus.Failed, "m", repairAction: RepairAction.StartService));
            Assert.Contains("Windows repair", windows.Outcome!.Detail);
        }
    }
}
