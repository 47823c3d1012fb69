using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class AgentVersionReaderTests
    {
        private static AgentVersionFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            var log = LogScanner.ForAgentLog().Read(root, "var/log/waagent.log");
            return new AgentVersionReader().Read(root, "/var/lib/waagent", log);
        }

        [Fact]
        public void PackageMarkers_VersionPy_AutoUpdatedFolders()
        {
            using var temp = new TempRoot()
                .Write("usr/lib/python3/dist-packages/WALinuxAgent-2.2.45.egg-info/PKG-INFO", "Version: 2.2.45\n")
                .Write("usr/lib/python3.9/site-packages/WALinuxAgent-2.7.0.6-py3.9.egg-info", "Version: 2.7.0.6\n")
                .Write("usr/lib64/python3.12/site-packages/WALinuxAgent-2.10.0.8.dist-info/METADATA", "Version: 2.10.0.8\n")
                .Write("usr/lib/python3.6/site-packages/azurelinuxagent/common/version.py", "AGENT_NAME = \"WALinuxAgent\"\nAGENT_VERSION = '2.2.53.1'\n")
                .Write("var/lib/waagent/WALinuxAgent-2.9.1.1/HandlerManifest.json", "[]")
                .Write("var/lib/waagent/WALinuxAgent-2.15.0.1/HandlerManifest.json", "[]")
                .Write("var/lib/waagent/WALinuxAgent-2.8.0.11.zip", "zip");
            var facts = Read(temp);
            Assert.Equal(new[] { "2.10.0.8", "2.7.0.6", "2.2.53.1", "2.2.45" }, facts.Installed.Select(v => v.Version.Text));
            Assert.Equal(new[] { "2.15.0.1", "2.9.1.1" }, facts.AutoUpdated.Select(v => v.Version.Text));
            Assert.Null(facts.GoalState);
            Assert.Equal("2.15.0.1", facts.Effective(autoUpdateEnabled: true)!.Version.Text);
            Assert.Equal("2.10.0.8", facts.Effective(autoUpdateEnabled: false)!.Version.Text);
        }

        [Theory]
        [InlineData("2024-05-01T09:00:05.335212Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is running as the goal state agent\n", "2.9.1.1")]
        [InlineData("2019/02/20 09:52:35.464763 INFO ExtHandler Agent WALinuxAgent-2.2.36 is running as the goal state agent\n", "2.2.36")]
        [InlineData("2026-03-23T10:18:56.159209Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.15.0.1 is running as the goal state agent [DEBUG HeartbeatCounter: 0]\n", "2.15.0.1")]
        public void GoalStateAgent_FromEitherLogFormat_WinsOverEverythingElse(string line, string expected)
        {
            using var temp = new TempRoot()
                .Write("var/lib/waagent/WALinuxAgent-9.9.9.9/x", "x")
                .Write("var/log/waagent.log", "2019/02/20 09:50:00.000000 INFO Agent WALinuxAgent-1.0.0 is running as the goal state agent\n" + line);
            var facts = Read(temp);
            Assert.Equal(expected, facts.GoalState!.Version.Text);
            Assert.Equal(expected, facts.Effective(true)!.Version.Text);
            Assert.Contains("/var/log/waagent.log line 2", facts.GoalState.Evidence);
        }

        [Fact]
        public void UnreadableVersionPy_IsMalformed()
        {
            using var temp = new TempRoot().Write("usr/lib/python3/dist-packages/azurelinuxagent/common/version.py", new byte[] { 0x41, 0x00, 0x42 });
            var facts = Read(temp);
            Assert.Empty(facts.Installed);
            Assert.Equal("/usr/lib/python3/dist-packages/azurelinuxagent/common/version.py", facts.Malformed.Single().Path);
        }

        [Theory]
        [InlineData("var/lib/waagent")]
        [InlineData("usr/lib")]
        [InlineData("usr/lib/python3/dist-packages")]
        public void AFolderThatCannotBeListed_IsAProblemNamingIt_NotNoVersion(string folder)
        {
            using var temp = new TempRoot()
                .Write("usr/lib/python3/dist-packages/WALinuxAgent-2.2.45.egg-info/PKG-INFO", "Version: 2.2.45\n")
                .Write("var/lib/waagent/WALinuxAgent-2.9.1.1/HandlerManifest.json", "[]");
            using var root = new UnlistableRoot(temp, folder);
            var facts = new AgentVersionReader().Read(root, "/var/lib/waagent", FileFact<LogSummary>.Absent("/var/log/waagent.log"));
            var problem = Assert.Single(facts.Malformed);
            Assert.Equal("/" + folder, problem.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", problem.Problem);
            Assert.Contains("ls -ld /" + folder, problem.Advice);
        }
    }
}
