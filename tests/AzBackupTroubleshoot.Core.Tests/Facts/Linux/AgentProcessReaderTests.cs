using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class AgentProcessReaderTests
    {
        private static byte[] Cmd(params string[] args) => Encoding.UTF8.GetBytes(string.Join("\0", args) + "\0");

        [Fact]
        public void FindsBothRoles_FromNulSeparatedCommandLines()
        {
            using var temp = new TempRoot()
                .Write("proc/1/cmdline", Cmd("/sbin/init", "splash"))
                .Write("proc/2/cmdline", new byte[0])
                .Write("proc/812/cmdline", Cmd("/usr/bin/python3", "-u", "/usr/sbin/waagent", "-daemon"))
                .Write("proc/1043/cmdline", Cmd("python3", "-u", "bin/WALinuxAgent-2.9.1.1-py3.8.egg", "-run-exthandlers"))
                .Write("proc/2000/cmdline", Cmd("vim", "/usr/sbin/waagent"))
                .Write("proc/self/cmdline", Cmd("ignored"))
                .Write("proc/meminfo", "MemTotal: 1 kB\n");
            using var root = new FolderLinuxRoot(temp.Path);
            var facts = new AgentProcessReader().Read(root);
            Assert.Equal(5, facts.ProcessCount);
            Assert.Equal(new[] { 812, 1043 }, facts.AgentProcesses.Select(p => p.Pid));
            Assert.Equal(AgentProcessRole.Daemon, facts.AgentProcesses[0].Role);
            Assert.Equal(AgentProcessRole.ExtensionHandler, facts.AgentProcesses[1].Role);
            Assert.Equal("/proc/812/cmdline: /usr/bin/python3 -u /usr/sbin/waagent -daemon", facts.AgentProcesses[0].Evidence);
        }

        [Theory]
        [InlineData("python -u /usr/sbin/waagent --daemon", AgentProcessRole.Daemon)]
        [InlineData("/usr/bin/python3 /usr/sbin/waagent /run-exthandlers", AgentProcessRole.ExtensionHandler)]
        [InlineData("python3 -u /var/lib/waagent/WALinuxAgent-2.15.0.1/bin/WALinuxAgent-2.15.0.1-py3.12.egg -run-exthandlers", AgentProcessRole.ExtensionHandler)]
        public void Roles_AcceptTheAgentsCommandPrefixes(string commandLine, AgentProcessRole role) =>
            Assert.Equal(role, AgentProcessReader.RoleOf(commandLine.Split(' ')));

        [Theory]
        [InlineData("python3 -u /usr/sbin/waagent -version")]
        [InlineData("tail -f /var/log/waagent.log")]
        [InlineData("/usr/sbin/sshd -D -daemon")]
        public void OtherCommands_AreNotAgentProcesses(string commandLine) =>
            Assert.Null(AgentProcessReader.RoleOf(commandLine.Split(' ')));

        [Fact]
        public void ALongCommandLine_IsCutAtAnArgumentAndSaysSo()
        {
            // The daemon with an argument that crosses the read limit, and a character split across it.
            var padding = new string('é', AgentProcessReader.MaxCommandLineBytes);
            using var temp = new TempRoot().Write("proc/812/cmdline", Cmd("/usr/bin/python3", "-u", "/usr/sbin/waagent", "-daemon", padding));
            using var root = new FolderLinuxRoot(temp.Path);
            var facts = new AgentProcessReader().Read(root);
            Assert.Empty(facts.Malformed);
            var process = Assert.Single(facts.AgentProcesses);
            Assert.True(process.Truncated);
            Assert.Equal(AgentProcessRole.Daemon, process.Role);
            Assert.Equal(new[] { "/usr/bin/python3", "-u", "/usr/sbin/waagent", "-daemon" }, process.Arguments);
            Assert.EndsWith("(cut: the command line is longer than 65,536 bytes)", process.Evidence, StringComparison.Ordinal);
        }

        [Fact]
        public void MountedDisk_HasNoProcessTable()
        {
            using var temp = new TempRoot().Write("etc/waagent.conf", "x=y\n");
            using var root = new FolderLinuxRoot(temp.Path);
            Assert.False(new AgentProcessReader().Read(root).HasProcessTable);
        }

        [Fact]
        public void NonUtf8CommandLine_IsRecordedAsMalformed()
        {
            using var temp = new TempRoot().Write("proc/77/cmdline", new byte[] { 0x70, 0xff, 0xfe, 0x00 });
            using var root = new FolderLinuxRoot(temp.Path);
            var facts = new AgentProcessReader().Read(root);
            Assert.Equal("/proc/77/cmdline", facts.Malformed.Single().Path);
            Assert.Contains("not UTF-8", facts.Malformed.Single().Problem);
        }

        [Fact]
        public void AProcTableThatCannotBeListed_IsAProblemNamingIt_NotNoProcessTable()
        {
            using var temp = new TempRoot().Write("proc/812/cmdline", Cmd("/usr/bin/python3", "-u", "/usr/sbin/waagent", "-daemon"));
            using var root = new UnlistableRoot(temp, "proc");
            var facts = new AgentProcessReader().Read(root);
            Assert.Empty(facts.AgentProcesses);
            var problem = Assert.Single(facts.Malformed);
            Assert.Equal("/proc", problem.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", problem.Problem);
        }
    }
}
