using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class AgentUnitReaderTests
    {
        private const string Unit = "[Unit]\nDescription=Azure Linux Agent\n\n[Service]\nType=simple\nExecStart=/usr/bin/python3 -u /usr/sbin/waagent -daemon\nRestart=always\nRestartSec=5\n\n[Install]\nWantedBy=multi-user.target\n";

        private static AgentUnitFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return new AgentUnitReader().Read(root);
        }

        [Theory]
        [InlineData("walinuxagent", "lib/systemd/system")]
        [InlineData("waagent", "usr/lib/systemd/system")]
        [InlineData("waagent", "etc/systemd/system")]
        public void FindsBothUnitNamesInEachDirectory(string name, string dir)
        {
            using var temp = new TempRoot().Write($"{dir}/{name}.service", Unit).Link($"etc/systemd/system/multi-user.target.wants/{name}.service", $"/{dir}/{name}.service");
            var unit = Read(temp).Primary!;
            Assert.Equal(name, unit.Name);
            Assert.Equal(InitSystem.Systemd, unit.InitSystem);
            Assert.Equal($"/{dir}/{name}.service", unit.UnitFile!.Path);
            Assert.True(unit.Enabled);
            Assert.Equal("always", unit.Restart);
            Assert.True(unit.RestartsOnFailure);
        }

        [Fact]
        public void EtcOverridesLib_AndDropInsApplyInNameOrder()
        {
            using var temp = new TempRoot()
                .Write("lib/systemd/system/waagent.service", Unit)
                .Write("etc/systemd/system/waagent.service", Unit.Replace("Restart=always", "Restart=on-failure"))
                .Write("lib/systemd/system/waagent.service.d/10-a.conf", "[Service]\nRestart=no\n")
                .Write("etc/systemd/system/waagent.service.d/20-b.conf", "[Service]\nRestart=always\nEnvironment=\"http_proxy=http://10.0.0.5:3128\" NO_PROXY=168.63.129.16\n")
                .Write("etc/systemd/system/waagent.service.d/10-a.conf", "[Service]\nRestart=\n");
            var unit = Read(temp).Primary!;
            Assert.Equal("/etc/systemd/system/waagent.service", unit.UnitFile!.Path);
            Assert.Equal(new[] { "/etc/systemd/system/waagent.service.d/10-a.conf", "/etc/systemd/system/waagent.service.d/20-b.conf" }, unit.DropIns.Select(d => d.Path));
            Assert.Equal("always", unit.Restart);
            Assert.Contains("20-b.conf line 2", unit.RestartEvidence);
            Assert.False(unit.Enabled);
            Assert.Equal(new[] { "http_proxy", "NO_PROXY" }, unit.Environment.Select(e => e.Name));
            Assert.Equal("http://10.0.0.5:3128", unit.Environment[0].Value);
        }

        [Fact]
        public void EmptyRestartInADropIn_ResetsToNo()
        {
            using var temp = new TempRoot()
                .Write("lib/systemd/system/walinuxagent.service", Unit)
                .Write("etc/systemd/system/walinuxagent.service.d/override.conf", "[Service]\nRestart=\n");
            var unit = Read(temp).Primary!;
            Assert.Null(unit.Restart);
            Assert.False(unit.RestartsOnFailure);
        }

        [Fact]
        public void Masked_ByLinkToDevNull_OrEmptyFileInEtc()
        {
            using (var temp = new TempRoot().Write("lib/systemd/system/waagent.service", Unit).Link("etc/systemd/system/waagent.service", "/dev/null")
                       .Link("etc/systemd/system/multi-user.target.wants/waagent.service", "/lib/systemd/system/waagent.service"))
            {
                var unit = Read(temp).Primary!;
                Assert.True(unit.Masked);
                Assert.False(unit.Enabled);
            }

            using (var temp = new TempRoot().Write("lib/systemd/system/waagent.service", Unit).Write("etc/systemd/system/waagent.service", string.Empty))
            {
                Assert.True(Read(temp).Primary!.Masked);
            }
        }

        [Fact]
        public void PrefersTheEnabledUnit_WhenBothNamesExist()
        {
            using var temp = new TempRoot()
                .Write("lib/systemd/system/walinuxagent.service", Unit)
                .Write("lib/systemd/system/waagent.service", Unit)
                .Link("etc/systemd/system/multi-user.target.wants/waagent.service", "/lib/systemd/system/waagent.service");
            var facts = Read(temp);
            Assert.Equal(2, facts.Units.Count);
            Assert.Equal("waagent", facts.Primary!.Name);
        }

        [Fact]
        public void Upstart_RespawnAndManualOverride()
        {
            using var temp = new TempRoot().Write("etc/init/walinuxagent.conf",
                "description \"Azure Linux Agent\"\nstart on runlevel [2345]\nstop on runlevel [!2345]\n\npre-start script\nend script\n\nrespawn\nenv HTTP_PROXY=http://proxy:8080\nexec /usr/sbin/waagent -daemon\n");
            var unit = Read(temp).Primary!;
            Assert.Equal(InitSystem.Upstart, unit.InitSystem);
            Assert.True(unit.Enabled);
            Assert.Equal("respawn", unit.Restart);
            Assert.True(unit.RestartsOnFailure);
            Assert.Equal("HTTP_PROXY", unit.Environment.Single().Name);

            temp.Write("etc/init/walinuxagent.override", "manual\n");
            Assert.False(Read(temp).Primary!.Enabled);
        }

        [Fact]
        public void BinaryOrBrokenUnitFile_IsMalformed()
        {
            using var temp = new TempRoot().Write("lib/systemd/system/waagent.service", new byte[] { 0x5b, 0x00, 0x01 });
            Assert.Equal(FactStatus.Malformed, Read(temp).Primary!.UnitFile!.Status);
            temp.Write("lib/systemd/system/waagent.service", "[Service\nRestart=always\n");
            var unit = Read(temp).Primary!;
            Assert.Equal(FactStatus.Malformed, unit.UnitFile!.Status);
            Assert.Contains("invalid section header on line 1", unit.UnitFile.Problem);
        }

        [Fact]
        public void NoUnit_ListsWhereItLooked()
        {
            using var temp = new TempRoot();
            var facts = Read(temp);
            Assert.Null(facts.Primary);
            Assert.Contains("/lib/systemd/system/{walinuxagent,waagent}.service", facts.Searched);
            Assert.Contains("/etc/init/{walinuxagent,waagent}.conf", facts.Searched);
        }

        [Fact]
        public void ADropInFolderThatCannotBeListed_IsAProblemNamingIt_NotNoDropIns()
        {
            using var temp = new TempRoot()
                .Write("lib/systemd/system/waagent.service", Unit.Replace("Restart=always\n", string.Empty))
                .Write("etc/systemd/system/waagent.service.d/10-restart.conf", "[Service]\nRestart=always\n")
                .Link("etc/systemd/system/multi-user.target.wants/waagent.service", "/lib/systemd/system/waagent.service");
            using var root = new UnlistableRoot(temp, "etc/systemd/system/waagent.service.d");
            var unit = new AgentUnitReader().Read(root).Primary!;
            Assert.Empty(unit.DropIns);
            var problem = Assert.Single(unit.FolderProblems);
            Assert.Equal("/etc/systemd/system/waagent.service.d", problem.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", problem.Problem);
        }

        [Fact]
        public void AUnitFolderThatCannotBeListed_LeavesEnabledUnknown_NotDisabled()
        {
            using var temp = new TempRoot()
                .Write("lib/systemd/system/waagent.service", Unit)
                .Link("etc/systemd/system/multi-user.target.wants/waagent.service", "/lib/systemd/system/waagent.service");
            using var root = new UnlistableRoot(temp, "etc/systemd/system");
            var unit = new AgentUnitReader().Read(root).Primary!;
            Assert.False(unit.Enabled);
            Assert.Contains("unknown: /etc/systemd/system could not be listed", unit.EnabledEvidence);
            Assert.Equal(new[] { "/etc/systemd/system/waagent.service.d", "/etc/systemd/system" }, unit.FolderProblems.Select(p => p.Path));
        }
    }
}
