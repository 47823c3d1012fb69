using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Linux
{
    public class LinuxCheckListTests
    {
        private const string Ext = "var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0";
        private static readonly byte[] Binary = { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe, 0x00, 0x10 };

        [Fact]
        public void All_UsesCatalogIdsInCatalogOrder_AndNoWindowsChecks()
        {
            var ids = LinuxCheckList.All.Select(c => c.Id).ToArray();
            var catalog = CheckCatalog.All.Where(c => c.Platform == CheckPlatform.Linux || c.Platform == CheckPlatform.Guest).Select(c => c.Id).ToArray();
            Assert.Equal(catalog, ids);
            Assert.DoesNotContain(ids, i => i.StartsWith("Windows.") || i.StartsWith("Azure."));
            Assert.All(LinuxCheckList.All, c => Assert.Equal(CheckCatalog.Find(c.Id)!.Cause, c.Cause));
        }

        [Fact]
        public void Select_ByIdWildcardAndCause()
        {
            Assert.Equal(new[] { CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage },
                LinuxCheckList.All.Select(new[] { "network.*" }, null).Select(c => c.Id));
            Assert.Equal(new[] { CheckCatalog.LinuxAgentVersion, CheckCatalog.LinuxAutoUpdate, CheckCatalog.LinuxAgentPackage, CheckCatalog.LinuxGoalStateAgent },
                LinuxCheckList.All.Select(null, new[] { Cause.AgentOutOfDate }).Select(c => c.Id));
            Assert.Equal(new[] { CheckCatalog.LinuxAutoUpdate },
                LinuxCheckList.All.Select(new[] { "Linux.Auto*" }, new[] { Cause.AgentOutOfDate }).Select(c => c.Id));
            Assert.Equal(LinuxCheckList.All.Count, LinuxCheckList.All.Select(null, null).Count);
        }

        // Every file a Linux check parses, overwritten with binary bytes in a copy of the healthy example: the check that
        // reads it reports an Error naming the file, nothing throws, and every other check still reports.
        [Theory]
        [InlineData("etc/waagent.conf", CheckCatalog.LinuxExtensionsEnabled)]
        [InlineData("etc/waagent.conf", CheckCatalog.LinuxAutoUpdate)]
        [InlineData("etc/waagent.conf", CheckCatalog.LinuxProvisioningAgent)]
        [InlineData("lib/systemd/system/walinuxagent.service", CheckCatalog.LinuxAgentService)]
        [InlineData("etc/systemd/system/walinuxagent.service.d/10-restart.conf", CheckCatalog.LinuxAgentAutoRestart)]
        [InlineData("proc/1043/cmdline", CheckCatalog.LinuxAgentProcess)]
        [InlineData("usr/lib/python3/dist-packages/azurelinuxagent/common/version.py", CheckCatalog.LinuxAgentVersion)]
        [InlineData("var/log/waagent.log", CheckCatalog.LinuxAgentLog)]
        [InlineData(Ext + "/status/12.status", CheckCatalog.LinuxSnapshotExtensionStatus)]
        [InlineData("etc/azure/vmbackup.conf", CheckCatalog.LinuxSnapshotExtension)]
        [InlineData("var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log", CheckCatalog.LinuxExtensionLog)]
        [InlineData("run/systemd/netif/leases/2", CheckCatalog.LinuxDhcpWireServer)]
        [InlineData("var/lib/waagent/WireServerEndpoint", CheckCatalog.LinuxDhcpWireServer)]
        [InlineData("etc/netplan/50-cloud-init.yaml", CheckCatalog.LinuxStaticNetwork)]
        [InlineData("etc/network/interfaces", CheckCatalog.LinuxStaticNetwork)]
        [InlineData("etc/NetworkManager/system-connections/eth0.nmconnection", CheckCatalog.LinuxStaticNetwork)]
        [InlineData("etc/sysconfig/network-scripts/ifcfg-eth0", CheckCatalog.LinuxStaticNetwork)]
        [InlineData("etc/systemd/network/10-eth0.network", CheckCatalog.LinuxStaticNetwork)]
        [InlineData("etc/environment", CheckCatalog.LinuxProxy)]
        [InlineData("proc/meminfo", CheckCatalog.HostMemoryPressure)]
        [InlineData("proc/loadavg", CheckCatalog.HostCpuPressure)]
        [InlineData("proc/stat", CheckCatalog.HostCpuPressure)]
        [InlineData("sys/class/dmi/id/chassis_asset_tag", CheckCatalog.HostAzurePlatform)]
        [InlineData("proc/self/mounts", CheckCatalog.LinuxFilesystemSpace)]
        [InlineData("proc/self/mounts", CheckCatalog.LinuxAgentFolderExec)]
        [InlineData("proc/self/mounts", CheckCatalog.LinuxFreezableMounts)]
        [InlineData("etc/fstab", CheckCatalog.LinuxFreezableMounts)]
        [InlineData("AzBackupTroubleshoot.facts.json", CheckCatalog.LinuxFilesystemSpace)]
        [InlineData("etc/os-release", CheckCatalog.LinuxExtensionPython)]
        [InlineData("var/lib/dpkg/status", CheckCatalog.LinuxAgentPackage)]
        [InlineData("etc/selinux/config", CheckCatalog.LinuxSelinux)]
        [InlineData("var/lib/waagent/ExtensionsConfig.xml", CheckCatalog.LinuxGoalStateAgent)]
        public async Task BinaryInput_GivesAnErrorNamingTheFile_AndEveryCheckStillReports(string file, string checkId)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write(file, Binary);
            var results = await LinuxRun.CheckAsync(temp.Path);
            var errors = results.Where(r => r.CheckId == checkId && r.Status == CheckStatus.Error).ToArray();
            Assert.True(errors.Length > 0, results.Dump());
            Assert.Contains(errors, e => e.Message.Contains("/" + file) && e.Evidence.Any(x => x.StartsWith("/" + file + ": ")));
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
        }

        // Text that is not what the file should hold (issue 13's fact sources): an Error naming the file and the line or
        // field, and every other check still reports.
        [Theory]
        [InlineData("proc/self/mounts", "garbage mount table\n", CheckCatalog.LinuxFilesystemSpace, "line 1 has 3 fields")]
        [InlineData("etc/fstab", "UUID=1 / ext4 defaults 0 1\nUUID=2 /data\n", CheckCatalog.LinuxFreezableMounts, "line 2 has 2 fields")]
        [InlineData("etc/os-release", "ID=ubuntu\nnot a pair\n", CheckCatalog.LinuxExtensionPython, "line 2 is not KEY=value")]
        [InlineData("var/lib/dpkg/status", "Package: a\n%%%\n", CheckCatalog.LinuxAgentPackage, "line 2 is not a 'Field: value' line")]
        [InlineData("etc/selinux/config", "SELINUX=maybe\n", CheckCatalog.LinuxSelinux, "SELINUX=maybe is not enforcing")]
        [InlineData("AzBackupTroubleshoot.facts.json", "{\"formatVersion\":9}", CheckCatalog.LinuxFilesystemSpace, "formatVersion 9 is newer")]
        [InlineData("var/lib/waagent/ExtensionsConfig.xml", "<Extensions><unclosed></Extensions>", CheckCatalog.LinuxGoalStateAgent, "is not well-formed XML")]
        public async Task MalformedText_GivesAnErrorNamingTheFileAndTheProblem_AndEveryCheckStillReports(string file, string content, string checkId, string problem)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write(file, content);
            var results = await LinuxRun.CheckAsync(temp.Path);
            var error = results.Single(r => r.CheckId == checkId && r.Status == CheckStatus.Error);
            Assert.Contains("/" + file, error.Message);
            Assert.Contains(error.Evidence, e => e.StartsWith("/" + file + ": ") && e.Contains(problem));
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxAgentService).Status);
            Assert.DoesNotContain(results, r => r.CheckId == checkId && r.Status == CheckStatus.Passed);
        }

        [Fact]
        public async Task AnOsReleaseThatIsAFolder_IsUnreadable_AnErrorNamingIt()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("etc/os-release").Write("etc/os-release/x", "ID=ubuntu\n");
            var result = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxExtensionPython);
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("/etc/os-release", result.Message);
        }

        [Fact]
        public async Task BinaryPolicyFile_WhileEnforced_IsAnError()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf") + "Debug.EnableExtensionPolicy=y\n").Write("etc/waagent_policy.json", Binary);
            var result = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxExtensionPolicy);
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("/etc/waagent_policy.json", result.Message);
        }

        [Fact]
        public async Task BinaryUpstartJob_IsAnError()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("lib/systemd/system/walinuxagent.service").Write("etc/init/walinuxagent.conf", Binary);
            var result = (await LinuxRun.CheckAsync(temp.Path)).Where(r => r.CheckId == CheckCatalog.LinuxAgentService).First();
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("/etc/init/walinuxagent.conf", result.Message);
        }

        [Fact]
        public async Task InvalidOrBlockingPolicy_FailsWithAgentMisconfigured()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf") + "Debug.EnableExtensionPolicy=y\n")
                .Write("etc/waagent_policy.json", "{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"allowListedExtensionsOnly\":true,\"extensions\":{}}}");
            var blocked = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxExtensionPolicy);
            Assert.Equal(CheckStatus.Failed, blocked.Status);
            Assert.Equal(Cause.AgentMisconfigured, blocked.Cause);
            Assert.Contains("not listed", blocked.Message);

            temp.Write("etc/waagent_policy.json", "{\"policyVersion\": \"0.1.0\", }");
            var invalid = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxExtensionPolicy);
            Assert.Equal(CheckStatus.Failed, invalid.Status);
            Assert.Contains("processes no extension", invalid.Message);
        }

        [Fact]
        public async Task MissingConfiguration_FailsOnce_WhenTheAgentIsInstalled()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("etc/waagent.conf");
            var results = await LinuxRun.CheckAsync(temp.Path);
            Assert.Equal(CheckStatus.Failed, results.Single(CheckCatalog.LinuxExtensionsEnabled).Status);
            Assert.Equal(CheckStatus.NotApplicable, results.Single(CheckCatalog.LinuxAutoUpdate).Status);
            Assert.Equal(CheckStatus.NotApplicable, results.Single(CheckCatalog.LinuxProvisioningAgent).Status);
        }

        [Fact]
        public async Task DisableAgentFile_AndMisspeltKey_AreReported()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("var/lib/waagent/disable_agent", string.Empty).Write("etc/waagent.conf", temp.Read("etc/waagent.conf") + "Extensions.Enable=y\n");
            var result = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxExtensionsEnabled);
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("disable_agent", result.Message);
            Assert.Contains(result.Evidence, e => e.Contains("the key is 'Extensions.Enabled'"));
        }

        [Theory]
        [InlineData("Provisioning.Agent=auto", CheckStatus.Passed)]
        [InlineData("Provisioning.Agent=cloud-init", CheckStatus.Warning)]
        [InlineData("Provisioning.Agent=magic", CheckStatus.Failed)]
        public async Task ProvisioningAgentValues(string line, CheckStatus status)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf").Replace("Provisioning.Agent=auto", line));
            Assert.Equal(status, (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxProvisioningAgent).Status);
        }

        [Theory]
        [InlineData("HttpProxy.Host=10.0.0.5\nHttpProxy.Port=3128\n", null, CheckStatus.Passed)]
        [InlineData("HttpProxy.Host=10.0.0.5\n", null, CheckStatus.Warning)]
        [InlineData("HttpProxy.Host=10.0.0.5\nHttpProxy.Port=x\n", null, CheckStatus.Warning)]
        [InlineData("", "http_proxy=http://10.0.0.5:3128\n", CheckStatus.Warning)]
        [InlineData("", null, CheckStatus.Passed)]
        public async Task ProxySettings(string conf, string? environment, CheckStatus status)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf") + conf);
            if (environment != null)
            {
                temp.Write("etc/environment", environment);
            }

            var result = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxProxy);
            Assert.Equal(status, result.Status);
            Assert.Equal(Cause.NoNetworkAccess, result.Cause);
        }

        [Fact]
        public async Task MaskedUnit_AndDisabledUnit_Fail()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("etc/systemd/system/multi-user.target.wants/walinuxagent.service");
            var disabled = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxAgentService);
            Assert.Equal(CheckStatus.Failed, disabled.Status);
            Assert.Contains("systemctl enable --now walinuxagent", disabled.Remediation);

            temp.Link("etc/systemd/system/walinuxagent.service", "/dev/null");
            var masked = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxAgentService);
            Assert.Contains("masked", masked.Message);
        }

        [Fact]
        public async Task AgentNotInstalled_OnlyTheServiceCheckFails()
        {
            using var temp = new TempRoot().Write("proc/1/cmdline", "/sbin/init\0").Write(AzBackupTroubleshoot.Core.Facts.Linux.AzurePlatformReader.AssetTagPath, "7783-7084-3265-9085-8269-3286-77\n");
            var results = await LinuxRun.CheckAsync(temp.Path);
            Assert.Equal(new[] { CheckCatalog.LinuxAgentService, CheckCatalog.LinuxAgentProcess, CheckCatalog.LinuxDhcpWireServer },
                results.Where(r => r.Status == CheckStatus.Failed).Select(r => r.CheckId));
            Assert.Contains("not installed", results.Single(CheckCatalog.LinuxAgentService).Message);
        }

        [Theory]
        [InlineData("error", "121", CheckStatus.Failed, Cause.SnapshotNotTaken, RepairAction.None)]
        [InlineData("error", "402", CheckStatus.Failed, Cause.AgentNotResponsive, RepairAction.RestartAgent)]
        [InlineData("error", "2", CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.UninstallSnapshotExtension)]
        [InlineData("error", "4711", CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.UninstallSnapshotExtension)]
        [InlineData("warning", "300", CheckStatus.Warning, Cause.ExtensionNotLoaded, RepairAction.None)]
        [InlineData("transitioning", "1", CheckStatus.Passed, Cause.ExtensionNotLoaded, RepairAction.None)]
        public async Task ExtensionStatusCodes_PointToTheirCause(string status, string code, CheckStatus expected, Cause cause, RepairAction repair)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write(Ext + "/status/12.status", $"[{{\"status\":{{\"status\":\"{status}\",\"code\":\"{code}\",\"formattedMessage\":{{\"message\":\"m\"}}}}}}]")
                .Write("etc/azure/vmbackup.conf", "[SnapshotThread]\nMountsToSkip = /data\n");
            var result = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxSnapshotExtensionStatus);
            Assert.Equal(expected, result.Status);
            Assert.Equal(cause, result.Cause);
            Assert.Equal(repair, result.RepairAction);
            if (code == "121")
            {
                Assert.Contains(result.Evidence, e => e.Contains("MountsToSkip = /data"));
                Assert.Contains("FsFreeze", result.Message);
            }
        }

        [Fact]
        public async Task OldExtension_AndMissingExtension()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            System.IO.Directory.Move(temp.Full(Ext), temp.Full("var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.33.0"));
            var old = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxSnapshotExtension);
            Assert.Equal(CheckStatus.Failed, old.Status);
            Assert.Equal(RepairAction.UninstallSnapshotExtension, old.RepairAction);

            temp.Delete("var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.33.0");
            var results = await LinuxRun.CheckAsync(temp.Path);
            Assert.Equal(CheckStatus.Warning, results.Single(CheckCatalog.LinuxSnapshotExtension).Status);
            Assert.Equal(CheckStatus.NotApplicable, results.Single(CheckCatalog.LinuxSnapshotExtensionStatus).Status);
        }

        [Fact]
        public async Task MemoryAndCpuOverNinetyPercent()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Write("proc/meminfo", "MemTotal: 1000 kB\nMemAvailable: 50 kB\n").Write("proc/loadavg", "1.95 1.0 1.0 1/1 1\n");
            var results = await LinuxRun.CheckAsync(temp.Path);
            var memory = results.Single(CheckCatalog.HostMemoryPressure);
            Assert.Equal(CheckStatus.Warning, memory.Status);
            Assert.Equal(Cause.SnapshotNotTaken, memory.Cause);
            Assert.Equal(CheckStatus.Warning, results.Single(CheckCatalog.HostCpuPressure).Status);
        }

        [Fact]
        public async Task AgentLogErrors_SuggestVerboseLogging_UnlessAlreadyOn()
        {
            using var temp = new TempRoot(TempRoot.Example("agent-stopped"));
            var log = (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxAgentLog);
            Assert.Equal(CheckStatus.Warning, log.Status);
            Assert.Equal(RepairAction.EnableVerboseLogging, log.RepairAction);
            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf").Replace("Logs.Verbose=n", "Logs.Verbose=y"));
            Assert.Equal(RepairAction.None, (await LinuxRun.CheckAsync(temp.Path)).Single(CheckCatalog.LinuxAgentLog).RepairAction);
        }

        [Fact]
        public async Task LiveRunOnThisMachine_MarksAzureOnlyChecksNotApplicable()
        {
            // On an Azure VM the probes would send packets to Azure addresses, which no test may do: there they stay off.
            var onAzure = System.IO.File.Exists("/sys/class/dmi/id/chassis_asset_tag") &&
                System.IO.File.ReadAllText("/sys/class/dmi/id/chassis_asset_tag").Trim() == "7783-7084-3265-9085-8269-3286-77";
            var options = new AzBackupTroubleshoot.Core.Facts.Linux.LinuxFactsOptions { IsLive = true, CpuSampleInterval = System.TimeSpan.FromMilliseconds(200) };
            options.Connectivity.Enabled = !onAzure;
            var results = await LinuxRun.CheckAsync("/", options);
            Assert.DoesNotContain(results, r => r.Status == CheckStatus.Error);
            if (onAzure)
            {
                return;
            }

            foreach (var id in new[] { CheckCatalog.LinuxDhcpWireServer, CheckCatalog.LinuxStaticNetwork, CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage })
            {
                var result = results.Single(id);
                Assert.Equal(CheckStatus.NotApplicable, result.Status);
                Assert.Contains("not an Azure VM", result.Message);
            }

            Assert.Equal(CheckStatus.Warning, results.Single(CheckCatalog.HostAzurePlatform).Status);
        }
    }
}
