using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Facts.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Linux
{
    /// <summary>Linux.AgentPythonImport over the whole fact read, with stand-in interpreters (see <see cref="AgentPythonReaderTests"/>).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AgentPythonCheckTests
    {
        private static async Task<HealthCheckResult> CheckAsync(TempRoot temp, AgentPythonOptions? python, bool isLive = true)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            var options = new LinuxFactsOptions { IsLive = isLive, CpuSampleInterval = null, AgentPython = python ?? new AgentPythonOptions() };
            return (await LinuxRun.CheckAsync(root, options)).Single(CheckCatalog.LinuxAgentPythonImport);
        }

        [Fact]
        public async Task Imports_Passed()
        {
            using var temp = AgentPythonReaderTests.StandIn("exit 0");
            var result = await CheckAsync(temp, AgentPythonReaderTests.Options(temp));

            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Contains("/usr/bin/python3 imports the agent's modules", result.Message);
            Assert.Contains("exit code 0", result.Evidence);
        }

        [Fact]
        public async Task AnImportError_FailedNamingTheModule_WithTheReinstallRemediation()
        {
            using var temp = AgentPythonReaderTests.StandIn("echo \"ModuleNotFoundError: No module named 'azurelinuxagent.common'\" >&2\nexit 1");
            var result = await CheckAsync(temp, AgentPythonReaderTests.Options(temp));

            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Equal(Cause.AgentNotResponsive, result.Cause);
            Assert.Contains("the module 'azurelinuxagent.common' cannot be imported", result.Message);
            Assert.Contains("stderr: ModuleNotFoundError: No module named 'azurelinuxagent.common'", result.Evidence);
            Assert.Contains("apt-get install --reinstall walinuxagent", result.Remediation);
            Assert.Contains("dnf reinstall WALinuxAgent", result.Remediation);
        }

        [Fact]
        public async Task AnotherFailure_FailedQuotingTheLastLine()
        {
            using var temp = AgentPythonReaderTests.StandIn("echo 'SyntaxError: invalid syntax' >&2\nexit 1");
            var result = await CheckAsync(temp, AgentPythonReaderTests.Options(temp));

            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("the import fails (SyntaxError: invalid syntax)", result.Message);
        }

        [Fact]
        public async Task ATimeoutOrARefusal_IsAnErrorNamingTheInterpreter()
        {
            using var hang = AgentPythonReaderTests.StandIn("exec sleep 600");
            var timedOut = await CheckAsync(hang, AgentPythonReaderTests.Options(hang, TimeSpan.FromSeconds(1)));
            using var open = AgentPythonReaderTests.StandIn("exit 0");
            File.SetUnixFileMode(open.Full("usr/bin/python3.12"), (UnixFileMode)Convert.ToInt32("777", 8));
            var refused = await CheckAsync(open, AgentPythonReaderTests.Options(open));

            Assert.Equal(CheckStatus.Error, timedOut.Status);
            Assert.Contains("/usr/bin/python3", timedOut.Message);
            Assert.Contains("did not finish within 1 s", timedOut.Message);
            Assert.Equal(CheckStatus.Error, refused.Status);
            Assert.Contains("can be written by its group or by others", refused.Message);
            Assert.False(File.Exists(open.Full("ran")));
        }

        [Fact]
        public async Task AWaagentScriptWithoutAShebang_IsAnErrorNamingTheScript()
        {
            using var temp = AgentPythonReaderTests.StandIn("exit 0", "import azurelinuxagent.agent");
            var result = await CheckAsync(temp, AgentPythonReaderTests.Options(temp));

            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("/usr/sbin/waagent", result.Message);
            Assert.Contains("does not start with a #! line", result.Message);
            Assert.Contains("at fault: /usr/sbin/waagent", result.Evidence);
            Assert.Contains("Reinstall the agent", result.Remediation);
        }

        [Fact]
        public async Task Offline_AndLiveWithoutTheOptIn_AreNotApplicable_AndNothingRuns()
        {
            using var temp = AgentPythonReaderTests.StandIn("exit 0");
            var offline = await CheckAsync(temp, AgentPythonReaderTests.Options(temp), isLive: false);
            var notAsked = await CheckAsync(temp, null);

            Assert.Equal(CheckStatus.NotApplicable, offline.Status);
            Assert.Contains("only on the live machine", offline.Message);
            Assert.Equal(CheckStatus.NotApplicable, notAsked.Status);
            Assert.Contains("Pass -RunAgentPython", notAsked.Message);
            Assert.False(File.Exists(temp.Full("ran")));
        }

        [Theory]
        [InlineData("healthy")]
        [InlineData("agent-stopped")]
        [InlineData("extension-failing")]
        public async Task EveryOfflineExample_IsNotApplicable(string example)
        {
            var results = await LinuxRun.CheckAsync(TempRoot.Example(example));

            var result = results.Single(CheckCatalog.LinuxAgentPythonImport);
            Assert.Equal(CheckStatus.NotApplicable, result.Status);
            Assert.Contains("live machine", result.Message);
        }
    }
}
