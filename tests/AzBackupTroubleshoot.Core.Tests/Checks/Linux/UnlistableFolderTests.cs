using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Linux
{
    /// <summary>
    /// A folder a check's reader lists but cannot (issue 11: "unreadable folders look empty") is an Error result naming the
    /// folder, never a verdict drawn from an empty listing; every other check still reports.
    /// </summary>
    public class UnlistableFolderTests
    {
        private const string Ext = "var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0";

        [Theory]
        [InlineData("var/lib/waagent", CheckCatalog.LinuxSnapshotExtension, false)]
        [InlineData("var/lib/waagent", CheckCatalog.LinuxAgentVersion, true)]
        [InlineData("usr/lib/python3/dist-packages", CheckCatalog.LinuxAgentVersion, true)]
        [InlineData("proc", CheckCatalog.LinuxAgentProcess, false)]
        [InlineData("run/systemd/netif/leases", CheckCatalog.LinuxDhcpWireServer, false)]
        [InlineData("etc/netplan", CheckCatalog.LinuxStaticNetwork, false)]
        [InlineData("etc/systemd/system", CheckCatalog.LinuxAgentService, false)]
        [InlineData("etc/systemd/system/walinuxagent.service.d", CheckCatalog.LinuxAgentAutoRestart, false)]
        [InlineData(Ext + "/status", CheckCatalog.LinuxSnapshotExtensionStatus, false)]
        public async Task AFolderThatCannotBeListed_IsAnErrorNamingIt_NotAVerdictOnAnEmptyFolder(string folder, string checkId, bool goalStateDecides)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"))
                .Write("etc/systemd/system/walinuxagent.service.d/10-restart.conf", "[Service]\nRestart=always\n");
            using var root = new UnlistableRoot(temp, folder);

            var results = await LinuxRun.CheckAsync(root);

            var mine = results.Where(r => r.CheckId == checkId).ToArray();
            Assert.Contains(mine, r => r.Status == CheckStatus.Error && r.Message == $"Could not read /{folder}: the folder cannot be listed (permission denied).");
            // The version the log names as the goal-state agent stands whatever a folder hides; every other verdict waits for the folder.
            Assert.DoesNotContain(mine, r => r.Status == CheckStatus.Failed || (r.Status == CheckStatus.Passed && !goalStateDecides));
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxExtensionsEnabled).Status);
        }

        [Fact]
        public async Task AnUnlistableLibDir_WithoutAGoalStateLine_IsNoOutOfDateVerdictOnTheInstalledPackageAlone()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("var/log/waagent.log", string.Join("\n", temp.Read("var/log/waagent.log").Split('\n').Where(l => !l.Contains("goal state agent"))));
            using var root = new UnlistableRoot(temp, "var/lib/waagent");

            var version = (await LinuxRun.CheckAsync(root)).Where(r => r.CheckId == CheckCatalog.LinuxAgentVersion).ToArray();

            // The package says 2.2.46 (below the minimum); the auto-updated 2.9.1.1 in the unlisted folder is what runs.
            Assert.Equal(CheckStatus.Error, Assert.Single(version).Status);
            Assert.Contains("ls -ld /var/lib/waagent", version[0].Remediation);
        }
    }
}
