using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Repairs.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    /// <summary>
    /// The live vssadmin path with a stand-in vssadmin.exe (a shell script) in a folder given as the system folder: the
    /// program runs by full path with its argument list, its output is capped and its run time bounded.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class LocalWindowsCommandSourceTests
    {
        private const string Healthy =
            "vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\r\n(C) Copyright 2001-2013 Microsoft Corp.\r\n\r\n" +
            "Writer name: 'Task Scheduler Writer'\r\n   Writer Id: {d61d61c8-d73a-4eee-8cdd-f6f9786b7124}\r\n   Writer Instance Id: {1bddd48e-5052-49db-9b07-b96f96727e6b}\r\n   State: [1] Stable\r\n   Last error: No error\r\n\r\n" +
            "Writer name: 'WMI Writer'\r\n   Writer Id: {a6ad56c2-b509-4e6c-bb19-49d8f43532f0}\r\n   Writer Instance Id: {3c8b2e1f-9d4a-4f7b-8e6c-5a2d1b0c9f8e}\r\n   State: [1] Stable\r\n   Last error: No error\r\n\r\n";

        private static async Task<HealthCheckResult> VssWriters(IWindowsCommandSource commands)
        {
            var capture = WindowsExamples.Load("healthy");
            var facts = new WindowsFactsReader(new RecordingCimGateway(capture, isLocal: true), commands).Read(capture.CapturedUtc, CancellationToken.None);
            var results = await new CheckEngine().RunAsync(facts, WindowsCheckList.Create(), new CheckContext(facts.ComputerName));
            return Assert.Single(results, r => r.CheckId == CheckCatalog.WindowsVssWriters);
        }

        [Fact]
        public async Task Runs_vssadmin_from_the_system_folder_with_its_argument_list_and_reads_the_writers()
        {
            using var bin = new RecordingCommands();
            var output = Path.Combine(bin.Folder, "writers.txt");
            File.WriteAllText(output, Healthy);
            bin.Add("vssadmin.exe", 0, $"cat '{output}'");
            var result = await VssWriters(new LocalWindowsCommandSource(new ProcessCommandRunner(LocalWindowsCommandSource.MaxOutputChars), bin.Folder, TimeSpan.FromMinutes(2)));
            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Contains("All 2 VSS writers are [1] Stable", result.Message);
            Assert.Equal(new[] { "vssadmin.exe list writers" }, bin.Calls);
        }

        [Fact]
        public async Task More_output_than_the_cap_is_an_error_not_a_cut()
        {
            using var bin = new RecordingCommands();
            bin.Add("vssadmin.exe", 0, "i=0; while [ $i -lt 2000 ]; do echo \"Writer name: 'W$i'\"; echo '   State: [1] Stable'; i=$((i+1)); done");
            var result = await VssWriters(new LocalWindowsCommandSource(new ProcessCommandRunner(4096), bin.Folder, TimeSpan.FromMinutes(2)));
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("wrote more than 4096 characters; its output is refused rather than cut", result.Message);
        }

        [Fact]
        public async Task A_vssadmin_that_does_not_finish_is_stopped_and_reported()
        {
            using var bin = new RecordingCommands();
            bin.Add("vssadmin.exe", 0, "exec sleep 600");
            var result = await VssWriters(new LocalWindowsCommandSource(new ProcessCommandRunner(), bin.Folder, TimeSpan.FromSeconds(1)));
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("'vssadmin list writers' did not finish within 1 s and was stopped", result.Message);
        }

        [Fact]
        public async Task A_missing_vssadmin_is_an_error_naming_the_path()
        {
            using var bin = new RecordingCommands();
            var result = await VssWriters(new LocalWindowsCommandSource(new ProcessCommandRunner(), bin.Folder, TimeSpan.FromMinutes(2)));
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains(Path.Combine(bin.Folder, "vssadmin.exe") + " does not exist", result.Message);
        }

        [Fact]
        public void Only_the_fixed_commands_exist()
        {
            Assert.Equal(new[] { "vssadmin list writers" }, WindowsCommand.All.Select(c => c.Name));
            Assert.Equal("vssadmin.exe", WindowsCommand.VssAdminListWriters.Program);
            Assert.Equal(new[] { "list", "writers" }, WindowsCommand.VssAdminListWriters.Arguments);
            Assert.Same(WindowsCommand.VssAdminListWriters, WindowsCommand.Find("VSSADMIN LIST WRITERS"));
            Assert.Null(WindowsCommand.Find("cmd /c del"));
        }
    }
}
