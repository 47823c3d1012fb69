using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    /// <summary>
    /// The agent's python, run through stand-in interpreters (shell scripts) in temp roots: never a real python, never the
    /// real agent. Each stand-in writes a marker file when it runs, so a refused or skipped one is proven not to have run.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AgentPythonReaderTests
    {
        private const string ImportError = "echo 'Traceback (most recent call last):' >&2\necho '  File \"<string>\", line 1, in <module>' >&2\necho \"ModuleNotFoundError: No module named 'azurelinuxagent'\" >&2\nexit 1";

        /// <summary>A root whose /usr/sbin/waagent names /usr/bin/python3 (a link to python3.12, the stand-in running <paramref name="body"/>).</summary>
        internal static TempRoot StandIn(string body, string shebang = "#!/usr/bin/python3 -u")
        {
            var temp = new TempRoot().Write("usr/sbin/waagent", shebang + "\nimport azurelinuxagent.agent as agent\nagent.main()\n");
            WriteInterpreter(temp, "usr/bin/python3.12", body);
            temp.Link("usr/bin/python3", "python3.12");
            return Tidy(temp);
        }

        internal static void WriteInterpreter(TempRoot temp, string relative, string body)
        {
            temp.Write(relative, $"#!/bin/sh\ntouch '{temp.Full("ran")}'\nprintf '%s\\n' \"$0\" \"$@\" > '{temp.Full("args")}'\nenv > '{temp.Full("env")}'\npwd > '{temp.Full("pwd")}'\n{body}\n");
            File.SetUnixFileMode(temp.Full(relative), (UnixFileMode)Convert.ToInt32("755", 8));
        }

        /// <summary>Every folder of the root 0755 whatever the umask, so only what a test changes is refused.</summary>
        internal static TempRoot Tidy(TempRoot temp)
        {
            foreach (var folder in new[] { temp.Path }.Concat(Directory.EnumerateDirectories(temp.Path, "*", SearchOption.AllDirectories)))
            {
                File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
            }

            return temp;
        }

        /// <summary>Root, and this process's user when the tests do not run as root (their temp files are then its own).</summary>
        internal static AgentPythonOptions Options(TempRoot temp, TimeSpan? timeout = null)
        {
            var me = new LibcFileMetadata().Get(temp.Path)!.UserId;
            return new AgentPythonOptions { Enabled = true, TrustedOwners = new[] { 0, me }, Timeout = timeout ?? AgentPythonOptions.DefaultTimeout };
        }

        internal static async Task<AgentPythonFacts> ReadAsync(TempRoot temp, AgentPythonOptions? options, bool isLive = true)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return await new AgentPythonReader().ReadAsync(root, isLive, new AgentUnitReader().Read(root), options, CancellationToken.None);
        }

        [Fact]
        public async Task Imports_RunsOnlyTheImport_ByFullPath_WithAMinimalEnvironmentInRoot()
        {
            using var temp = StandIn("exit 0");
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.Imported, facts.Outcome);
            Assert.Equal("/usr/bin/python3", facts.Interpreter);
            Assert.Equal(0, facts.ExitCode);
            Assert.Contains("/usr/sbin/waagent line 1: #!/usr/bin/python3 -u", facts.Evidence);
            Assert.Equal(new[] { temp.Full("usr/bin/python3.12"), "-B", "-c", "import azurelinuxagent.agent" }, File.ReadAllLines(temp.Full("args")));
            Assert.Equal("/", File.ReadAllText(temp.Full("pwd")).Trim());
            var env = File.ReadAllLines(temp.Full("env")).Select(l => l.Split('=')[0]).ToArray();
            Assert.Contains("PATH=" + AgentPythonReader.Environment["PATH"], File.ReadAllLines(temp.Full("env")));
            Assert.Empty(env.Except(new[] { "PATH", "LANG", "PWD", "SHLVL", "_", "OLDPWD" }));
        }

        [Fact]
        public async Task AnImportError_IsRecordedWithTheMissingModuleAndTheLastLines()
        {
            using var temp = StandIn(ImportError);
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.ImportFailed, facts.Outcome);
            Assert.Equal(1, facts.ExitCode);
            Assert.Equal("azurelinuxagent", facts.MissingModule);
            Assert.Equal("ModuleNotFoundError: No module named 'azurelinuxagent'", facts.ErrorTail[facts.ErrorTail.Count - 1]);
            Assert.Equal(3, facts.ErrorTail.Count);
        }

        [Fact]
        public async Task AHangingInterpreter_IsStoppedAtTheTimeout()
        {
            using var temp = StandIn("exec sleep 600");
            var facts = await ReadAsync(temp, Options(temp, TimeSpan.FromSeconds(1)));

            Assert.Equal(AgentPythonOutcome.CouldNotRun, facts.Outcome);
            Assert.Contains("did not finish within 1 s and was stopped", facts.Reason);
        }

        [Fact]
        public async Task MoreOutputThanTheCap_IsRefusedNotCut()
        {
            using var temp = StandIn($"head -c {AgentPythonReader.MaxOutputChars + 10} /dev/zero | tr '\\0' x >&2\nexit 1");
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.CouldNotRun, facts.Outcome);
            Assert.Contains("more than 65536 characters", facts.Reason);
        }

        [Fact]
        public async Task AFileThatCannotBeExecuted_CouldNotRun()
        {
            using var temp = StandIn("exit 0");
            temp.Write("usr/bin/python3.12", "this is neither a script nor a program\n");
            File.SetUnixFileMode(temp.Full("usr/bin/python3.12"), (UnixFileMode)Convert.ToInt32("755", 8));
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.CouldNotRun, facts.Outcome);
            Assert.Contains("could not be started", facts.Reason);
        }

        [Theory]
        [InlineData("world-writable interpreter", "usr/bin/python3.12", "777", "can be written by its group or by others (mode 0777)")]
        [InlineData("group-writable interpreter", "usr/bin/python3.12", "775", "can be written by its group or by others (mode 0775)")]
        [InlineData("not executable", "usr/bin/python3.12", "644", "is not executable (mode 0644)")]
        [InlineData("group-writable folder", "usr/bin", "775", "The folder ")]
        public async Task AnUnsafeInterpreter_IsRefusedAndNeverRun(string name, string relative, string mode, string reason)
        {
            using var temp = StandIn("exit 0");
            File.SetUnixFileMode(temp.Full(relative), (UnixFileMode)Convert.ToInt32(mode, 8));
            var facts = await ReadAsync(temp, Options(temp));

            Assert.True(facts.Outcome == AgentPythonOutcome.Refused, name);
            Assert.Contains(reason, facts.Reason);
            Assert.False(File.Exists(temp.Full("ran")));
        }

        [Fact]
        public async Task AnInterpreterNotOwnedByRoot_IsRefused()
        {
            using var temp = StandIn("exit 0");
            var options = Options(temp);
            options.TrustedOwners = new[] { 4242 };
            var facts = await ReadAsync(temp, options);

            Assert.Equal(AgentPythonOutcome.Refused, facts.Outcome);
            Assert.Contains("not root", facts.Reason);
            Assert.False(File.Exists(temp.Full("ran")));
        }

        [Theory]
        [InlineData("#!/usr/bin", "is a directory, not a regular file", "/usr/bin")]
        [InlineData("#!/usr/bin/python9", "does not exist", "/usr/bin/python9")]
        [InlineData("#!python3/x", "a relative path", "/usr/sbin/waagent")]
        [InlineData("#!/usr/bin/../bin/python3", "not a plain absolute path", "/usr/sbin/waagent")]
        [InlineData("import os", "does not start with a #! line", "/usr/sbin/waagent")]
        [InlineData("#!/usr/bin/env -S", "runs env without a program name", "/usr/sbin/waagent")]
        public async Task AShebangThatDoesNotNameARunnableFile_IsRefused_NamingTheFileAtFault(string shebang, string reason, string path)
        {
            using var temp = StandIn("exit 0", shebang);
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.Refused, facts.Outcome);
            Assert.Contains(reason, facts.Reason);
            Assert.Equal(path, facts.Path);
            Assert.False(File.Exists(temp.Full("ran")));
        }

        [Fact]
        public async Task EnvInTheShebang_LooksTheNameUpInTheFixedSearchPath()
        {
            using var temp = StandIn("exit 0", "#!/usr/bin/env python3");
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.Imported, facts.Outcome);
            Assert.Equal("/usr/bin/python3", facts.Interpreter);
            Assert.Contains("'python3' is /usr/bin/python3 (the first in /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)", facts.Evidence);
        }

        [Theory]
        [InlineData("/opt/agentpy/python3 -u /usr/sbin/waagent -daemon")]
        [InlineData("-\"/opt/agentpy/python3\" -u /usr/sbin/waagent -daemon")]
        public async Task ThePythonTheUnitsExecStartNames_WinsOverTheShebang(string execStart)
        {
            using var temp = StandIn(ImportError);
            WriteInterpreter(temp, "opt/agentpy/python3", "exit 0");
            temp.Write("usr/lib/systemd/system/walinuxagent.service", $"[Service]\nExecStart=/usr/bin/false\nExecStart=\nExecStart={execStart}\nRestart=always\n");
            Tidy(temp);
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.Imported, facts.Outcome);
            Assert.Equal("/opt/agentpy/python3", facts.Interpreter);
            Assert.Contains($"/usr/lib/systemd/system/walinuxagent.service line 4: ExecStart={execStart}", facts.Evidence);
        }

        [Fact]
        public async Task AnExecStartThatRunsWaagentDirectly_UsesThatScriptsShebang()
        {
            using var temp = StandIn(ImportError);
            temp.Write("usr/bin/waagent", "#!/opt/agentpy/python3\n");
            WriteInterpreter(temp, "opt/agentpy/python3", "exit 0");
            temp.Write("etc/systemd/system/waagent.service", "[Service]\nExecStart=/usr/bin/waagent -daemon\n");
            Tidy(temp);
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.Imported, facts.Outcome);
            Assert.Equal("/opt/agentpy/python3", facts.Interpreter);
        }

        [Fact]
        public async Task NoWaagent_IsNotFound()
        {
            using var temp = Tidy(new TempRoot().Write("etc/hostname", "x\n"));
            var facts = await ReadAsync(temp, Options(temp));

            Assert.Equal(AgentPythonOutcome.NotFound, facts.Outcome);
            Assert.Contains("No waagent script was found (/usr/sbin/waagent, /usr/bin/waagent, /sbin/waagent, /bin/waagent)", facts.Reason);
        }

        [Fact]
        public async Task OfflineOrWithoutTheOptIn_NothingRuns()
        {
            using var temp = StandIn("exit 0");
            var offline = await ReadAsync(temp, Options(temp), isLive: false);
            var notAsked = await ReadAsync(temp, new AgentPythonOptions());
            var noOptions = await ReadAsync(temp, null);

            Assert.Equal(AgentPythonOutcome.NotRun, offline.Outcome);
            Assert.Contains("only on the live machine", offline.Reason);
            Assert.Equal(AgentPythonOutcome.NotRun, notAsked.Outcome);
            Assert.Contains("Pass -RunAgentPython", notAsked.Reason);
            Assert.Equal(AgentPythonOutcome.NotRun, noOptions.Outcome);
            Assert.False(File.Exists(temp.Full("ran")));
        }

        [Fact]
        public void Tail_KeepsTheLastNonEmptyLines_AndSaysWhenOneIsCut()
        {
            var text = string.Join("\n", Enumerable.Range(1, 8).Select(i => "line " + i)) + "\n\n" + new string('x', AgentPythonReader.MaxLineChars + 5) + "\n";
            var tail = AgentPythonReader.Tail(text);

            Assert.Equal(AgentPythonReader.TailLines, tail.Count);
            Assert.Equal("line 5", tail[0]);
            Assert.EndsWith($"(cut: {AgentPythonReader.MaxLineChars + 5} characters)", tail[tail.Count - 1]);
        }
    }
}
