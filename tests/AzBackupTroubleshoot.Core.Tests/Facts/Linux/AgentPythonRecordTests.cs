using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    /// <summary>The agent's python run as a bundle records it (bundle format 3) and as an offline read gives it back.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AgentPythonRecordTests
    {
        private const string ImportError = "echo \"ModuleNotFoundError: No module named 'azurelinuxagent'\" >&2\nexit 1";

        private static async Task<AgentPythonFacts> OfflineAsync(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return await new AgentPythonReader().ReadAsync(root, false, new AgentUnitReader().Read(root), new AgentPythonOptions { Enabled = true }, CapturedFactsFile.Read(root, false), CancellationToken.None);
        }

        [Fact]
        public async Task A_live_failed_import_written_to_the_facts_file_reads_back_offline_as_the_same_failure()
        {
            using var temp = AgentPythonReaderTests.StandIn(ImportError);
            var live = await AgentPythonReaderTests.ReadAsync(temp, AgentPythonReaderTests.Options(temp));
            Assert.Equal(AgentPythonOutcome.ImportFailed, live.Outcome);

            // The bundle's facts file, written where an extracted bundle has it.
            temp.Write(CapturedFacts.EntryName, Encoding.UTF8.GetString(new CapturedFacts(Array.Empty<FilesystemUsage>(), null, live).ToJson()));
            var offline = await OfflineAsync(temp);

            Assert.True(offline.IsRecorded);
            Assert.Equal(live.Outcome, offline.Outcome);
            Assert.Equal(live.Interpreter, offline.Interpreter);
            Assert.Equal(live.ExitCode, offline.ExitCode);
            Assert.Equal("azurelinuxagent", offline.MissingModule);
            Assert.Equal(live.ErrorTail, offline.ErrorTail);
            Assert.Equal($"recorded in /{CapturedFacts.EntryName} when the bundle was written", offline.Evidence[0]);
            Assert.Equal(live.Evidence, offline.Evidence.Skip(1));
        }

        [Fact]
        public async Task A_run_not_asked_for_an_older_bundle_and_a_broken_record_each_say_so()
        {
            using var temp = new TempRoot();
            temp.Write(CapturedFacts.EntryName, "{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"NotRun\",\"reason\":\"Not run: it executes the guest's python. Pass -RunAgentPython.\"}}");
            var notAsked = await OfflineAsync(temp);
            Assert.Equal(AgentPythonOutcome.NotRun, notAsked.Outcome);
            Assert.Equal("Not run: it executes the guest's python. Pass -RunAgentPython.", notAsked.Reason);

            temp.Write(CapturedFacts.EntryName, "{\"formatVersion\":2}");
            var older = await OfflineAsync(temp);
            Assert.Equal(AgentPythonOutcome.NotRun, older.Outcome);
            Assert.Contains("this bundle (format 2) was captured by an older version", older.Reason, StringComparison.Ordinal);

            temp.Write(CapturedFacts.EntryName, "{\"formatVersion\":3,\"agentPython\":{\"outcome\":\"Imported\",\"reason\":\"x\"}}");
            var broken = await OfflineAsync(temp);
            Assert.Equal(AgentPythonOutcome.Unreadable, broken.Outcome);
            Assert.Equal("/" + CapturedFacts.EntryName, broken.Path);

            // The check: an Error naming the file and the field, not a verdict on the python.
            using var root = new FolderLinuxRoot(temp.Path);
            var options = new LinuxFactsOptions { IsLive = false, CpuSampleInterval = null };
            var result = AzBackupTroubleshoot.Core.Tests.Runners.LinuxRun.Single(await AzBackupTroubleshoot.Core.Tests.Runners.LinuxRun.CheckAsync(root, options), CheckCatalog.LinuxAgentPythonImport);
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("/" + CapturedFacts.EntryName, result.Message, StringComparison.Ordinal);
            Assert.Contains("agentPython: an interpreter that ran needs", result.Message, StringComparison.Ordinal);
        }
    }
}
