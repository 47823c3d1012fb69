using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Linux
{
    /// <summary>Hostile files in an offline root end in an Error result for the check that needs them; every other check still reports.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class LinuxHostileInputTests
    {
        [Fact]
        public async Task WaagentConf_LargerThanTheReadLimit_IsAnError_NotADefaultPassed()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            var padding = new StringBuilder();
            while (padding.Length <= RootLimits.DefaultMaxBytes)
            {
                padding.Append("# padding line that the agent ignores\n");
            }

            temp.Write("etc/waagent.conf", temp.Read("etc/waagent.conf").Replace("Extensions.Enabled=y", string.Empty) + padding + "Extensions.Enabled=n\n");

            var results = await LinuxRun.CheckAsync(temp.Path);

            var enabled = results.Single(CheckCatalog.LinuxExtensionsEnabled);
            Assert.Equal(CheckStatus.Error, enabled.Status);
            Assert.Contains("read limit", enabled.Message);
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
        }

        [Theory]
        [InlineData("Lib.Dir", "/var/lib/../../etc", CheckCatalog.LinuxSnapshotExtension)]
        [InlineData("Extension.LogDir", "/var/log/azure/../../../etc", CheckCatalog.LinuxExtensionLog)]
        [InlineData("Policy.PolicyFilePath", "/etc/../../etc/shadow", CheckCatalog.LinuxExtensionPolicy)]
        public async Task WaagentConfPath_WithDotDot_IsAnErrorForItsCheck_AndTheRestGoesOn(string key, string value, string checkId)
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            var conf = temp.Read("etc/waagent.conf") + $"{key}={value}\n";
            if (key == "Policy.PolicyFilePath")
            {
                conf += "Debug.EnableExtensionPolicy=y\n";
            }

            temp.Write("etc/waagent.conf", conf);

            var results = await LinuxRun.CheckAsync(temp.Path);

            var error = results.Where(r => r.CheckId == checkId).ToArray();
            Assert.Contains(error, r => r.Status == CheckStatus.Error && r.Evidence.Any(e => e.Contains("'..'")));
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
            Assert.Equal(CheckStatus.Passed, results.Single(CheckCatalog.LinuxAgentService).Status);
        }

        [Fact]
        public async Task FifoAsTheAgentLog_IsAnErrorNamingIt_AndEveryCheckStillReports()
        {
            using var temp = new TempRoot(TempRoot.Example("healthy"));
            temp.Delete("var/log/waagent.log");
            var fifo = FolderLinuxRootTests.MakeFifo(temp, "var/log/waagent.log");

            var results = FolderLinuxRootTests.ReadWithin(() => LinuxRun.CheckAsync(temp.Path).GetAwaiter().GetResult(), fifo);

            var log = results.Single(CheckCatalog.LinuxAgentLog);
            Assert.Equal(CheckStatus.Error, log.Status);
            Assert.Contains("/var/log/waagent.log", log.Message);
            Assert.Contains("FIFO", log.Message);
            Assert.Equal(LinuxCheckList.All.Select(c => c.Id).Distinct(), results.Select(r => r.CheckId).Distinct());
        }
    }
}
