using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Windows
{
    /// <summary>Windows.FolderPermissions over captures (format 3) and over CIM (a stand-in machine answering Win32_LogicalFileSecuritySetting).</summary>
    public class WindowsFolderPermissionChecksTests
    {
        private const string MachineKeys = @"C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys";
        private const string Packages = @"C:\Packages";
        private const string WindowsAzure = @"C:\WindowsAzure";

        private static async Task<IReadOnlyList<HealthCheckResult>> Run(CimCapture capture, ICimGateway? gateway = null)
        {
            var facts = new WindowsFactsReader(gateway ?? new ReplayCimGateway(capture)).Read(capture.CapturedUtc, CancellationToken.None);
            return await new CheckEngine().RunAsync(facts, WindowsCheckList.Create(), new CheckContext(facts.ComputerName));
        }

        private static async Task<HealthCheckResult> Folders(CimCapture capture, ICimGateway? gateway = null) =>
            Assert.Single(await Run(capture, gateway), r => r.CheckId == CheckCatalog.WindowsFolderPermissions);

        private static void OthersUnaffected(IReadOnlyList<HealthCheckResult> results) =>
            Assert.Equal(23, results.Count(r => r.CheckId != CheckCatalog.WindowsFolderPermissions && r.Status == CheckStatus.Passed));

        [Fact]
        public async Task The_healthy_capture_passes_with_each_folders_entries_and_SDDL_as_evidence()
        {
            var result = await Folders(Load("healthy"));
            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Equal(3, result.Evidence.Count);
            Assert.StartsWith(MachineKeys + @": default permissions (Everyone (R,W), BUILTIN\Administrators (F)). Everyone:(R,W); BUILTIN\Administrators:(F). SDDL O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;FA;;;BA)", result.Evidence[0]);
            Assert.Contains(@"NT AUTHORITY\SYSTEM:(OI)(CI)(F)", result.Evidence[1]);
            Assert.StartsWith(Packages + ": SYSTEM has Full control of the folder, its subfolders and files", result.Evidence[2]);
        }

        [Fact]
        public async Task MachineKeys_where_Everyone_only_reads_fails_with_the_articles_fix()
        {
            var result = await Folders(Load("machinekeys-permissions"));
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("Everyone has R where the default is (R,W) (missing 0x116)", result.Message);
            Assert.Contains("ExtensionConfigParsingFailure", result.Message);
            Assert.Contains(@"icacls %systemdrive%\programdata\microsoft\crypto\rsa\machinekeys", result.Remediation);
            Assert.Contains("Windows Azure CRP Certificate Generator", result.Remediation);
            Assert.DoesNotContain("WindowsAzureGuestAgent", result.Remediation);
        }

        [Fact]
        public async Task Packages_where_SYSTEM_has_only_Modify_fails_with_VM_assists_advice()
        {
            var result = await Folders(Load("packages-permissions"));
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains(Packages + " SYSTEM has M, not Full control", result.Message);
            Assert.Contains("/grant *S-1-5-18:(OI)(CI)(F)", result.Remediation);
            Assert.DoesNotContain("CRP Certificate", result.Remediation);
        }

        [Theory]
        [InlineData(MachineKeys, "O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;FA;;;BA)(A;;FA;;;S-1-5-21-1-2-3-1001)", CheckStatus.Warning, "has entries besides the defaults (Everyone (R,W) and Administrators (F), this folder only): S-1-5-21-1-2-3-1001:(F)")]
        [InlineData(MachineKeys, "O:SYG:SYD:PAI(A;OICI;0x12019f;;;WD)(A;;FA;;;BA)", CheckStatus.Warning, "Everyone:(OI)(CI)(R,W)")]
        [InlineData(MachineKeys, "O:SYG:SYD:NO_ACCESS_CONTROL", CheckStatus.Warning, "no DACL at all")]
        [InlineData(MachineKeys, "O:SYG:SYD:PAI(A;;GRGW;;;WD)(A;;GA;;;BA)", CheckStatus.Passed, "default permissions")]
        [InlineData(MachineKeys, "O:SYG:SYD:PAI(D;;0x116;;;WD)(A;;0x12019f;;;WD)(A;;FA;;;BA)", CheckStatus.Failed, "Everyone has R where the default is (R,W) (missing 0x116)")]
        [InlineData(MachineKeys, "O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;0x1301bf;;;BA)", CheckStatus.Failed, @"BUILTIN\Administrators has M, not Full control")]
        [InlineData(Packages, "O:BAG:SYD:PAI(A;OICI;0x1200a9;;;WD)(A;OICI;FA;;;BA)", CheckStatus.Passed, "SYSTEM has Full control of the folder, its subfolders and files")]
        [InlineData(Packages, "O:BAG:SYD:PAI(D;OICI;WDWO;;;WD)(A;OICI;FA;;;SY)", CheckStatus.Failed, "SYSTEM has M,0x40, not Full control")]
        [InlineData(Packages, "O:BAG:SYD:PAI(A;;FA;;;SY)(A;OICIIO;FR;;;SY)", CheckStatus.Warning, "inherits only R on subfolders and R on files")]
        [InlineData(WindowsAzure, "O:BAG:SYD:PAI(A;OICI;0x1200a9;;;WD)", CheckStatus.Failed, "SYSTEM has RX, not Full control")]
        public async Task Judges_each_folder_by_its_rule(string path, string sddl, CheckStatus status, string expected)
        {
            var result = await Folders(WithFolderSddl(Load("healthy"), path, sddl));
            Assert.Equal(status, result.Status);
            Assert.Contains(expected, status == CheckStatus.Passed ? string.Join("\n", result.Evidence) : result.Message + "\n" + string.Join("\n", result.Evidence));
        }

        [Fact]
        public async Task A_folder_that_does_not_exist_is_shown_and_does_not_fail()
        {
            var folders = Load("healthy").FolderSecurity!.Folders.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            folders[WindowsAzure] = FolderSecurityRecord.Missing();
            var result = await Folders(WithFolderSecurity(Load("healthy"), new CapturedFolderSecurity(folders)));
            Assert.Equal(CheckStatus.Passed, result.Status);
            Assert.Contains(WindowsAzure + ": does not exist.", result.Evidence);

            var none = folders.ToDictionary(p => p.Key, p => FolderSecurityRecord.Missing(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal(CheckStatus.NotApplicable, (await Folders(WithFolderSecurity(Load("healthy"), new CapturedFolderSecurity(none)))).Status);
        }

        [Fact]
        public async Task Malformed_SDDL_is_an_Error_naming_the_folder_and_the_other_checks_run()
        {
            var results = await Run(WithFolderSddl(Load("healthy"), Packages, "O:BAG:SYD:PAI(A;OICI;FA;;;SY"));
            var error = Assert.Single(results, r => r.CheckId == CheckCatalog.WindowsFolderPermissions);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains(@"the SDDL of C:\Packages is malformed: a '(' is not closed", error.Message);
            Assert.Contains("(FolderPermissions)", error.Message);
            OthersUnaffected(results);
        }

        [Theory]
        [InlineData("\"O:SYD:\"", "folderSecurity[\"C:\\Packages\"] must be an object with sddl, absent or notRun")]
        [InlineData("{\"sddl\": 5}", "folderSecurity[\"C:\\Packages\"].sddl must be a string")]
        [InlineData("{\"sddl\": \"D:\", \"absent\": true}", "must hold exactly one of sddl, absent or notRun (it holds sddl, absent)")]
        [InlineData("[]", "folderSecurity must be an object whose properties are folder paths")]
        public async Task A_malformed_section_or_entry_is_an_Error_naming_the_file_and_field_and_the_capture_still_reads(string section, string expected)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "healthy.json")))!.AsObject();
            var node = System.Text.Json.Nodes.JsonNode.Parse(section);
            if (node is System.Text.Json.Nodes.JsonArray)
            {
                json["folderSecurity"] = node;
            }
            else
            {
                json["folderSecurity"]![Packages] = node;
            }

            var capture = CimCaptureSerializer.Parse(json.ToJsonString(), "odd.json");
            var results = await Run(capture);
            var error = Assert.Single(results, r => r.CheckId == CheckCatalog.WindowsFolderPermissions);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("odd.json: ", error.Message);
            Assert.Contains(expected, error.Message);
            OthersUnaffected(results);

            // Written back, the section is kept as it was.
            var again = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capture), "again.json");
            Assert.Equal(error.Message.Replace("odd.json", "again.json"), (await Folders(again)).Message.Replace("odd.json", "again.json"));
        }

        [Fact]
        public async Task A_format_3_capture_without_the_section_is_an_Error_and_a_format_2_capture_says_it_is_older()
        {
            var healthy = Load("healthy");
            var missing = await Folders(WithFolderSecurity(healthy, null));
            Assert.Equal(CheckStatus.Error, missing.Status);
            Assert.Contains("the folderSecurity section is not in the capture", missing.Message);

            var older = await Folders(WithFolderSecurity(healthy, null, formatVersion: 2));
            Assert.Equal(CheckStatus.NotApplicable, older.Status);
            Assert.Contains("older version of this module (capture format 2)", older.Message);
        }

        [Fact]
        public void A_format_2_capture_with_the_section_is_refused_naming_the_field()
        {
            var json = File.ReadAllText(Path.Combine(Folder, "healthy.json")).Replace("\"formatVersion\": 3", "\"formatVersion\": 2");
            var error = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse(json, "v2.json"));
            Assert.Equal(CaptureFormatException.CaptureFieldInvalid, error.ErrorId);
            Assert.Contains("folderSecurity", error.Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Read_live_over_CIM_locally_or_remotely_it_judges_like_the_capture_and_a_capture_taken_then_keeps_the_SDDL(bool isLocal)
        {
            var source = Load("machinekeys-permissions");
            var machine = new RecordingCimGateway(source, isLocal);
            var live = await Folders(source, machine);
            Assert.Equal(CheckStatus.Failed, live.Status);
            Assert.Equal((await Folders(source)).Message, live.Message);
            Assert.Contains("SDDL O:S-1-5-18G:S-1-5-18D:P(A;;0x120089;;;S-1-1-0)(A;;0x1f01ff;;;S-1-5-32-544)(A;;0x1f01ff;;;S-1-5-21-1004336348-1177238915-682003330-1001)", live.Evidence[0]);

            var capturing = new CapturingCimGateway(new RecordingCimGateway(source, isLocal), source.CapturedUtc);
            _ = new WindowsFactsReader(capturing).Read(source.CapturedUtc, CancellationToken.None);
            var saved = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capturing.ToCapture()), "saved.json");
            Assert.Equal(3, saved.FormatVersion);
            Assert.Equal(3, saved.FolderSecurity!.Folders.Count);
            var replayed = await Folders(saved);
            Assert.Equal((live.Status, live.Message), (replayed.Status, replayed.Message));
            Assert.Equal(live.Evidence, replayed.Evidence);
            Assert.Empty(machine.Calls);
        }

        [Theory]
        [InlineData("machinekeys-permissions")]
        [InlineData("packages-permissions")]
        public async Task The_failure_is_a_step_of_the_knowledge_bases_MachineKeys_entry(string example)
        {
            var problem = Assert.Single(await Run(Load(example)), r => r.Status == CheckStatus.Failed || r.Status == CheckStatus.Warning);
            var entry = Assert.Single(KnowledgeBase.Default.Causes, c => c.Id == "MachineKeysPermissions");
            Assert.Equal(problem.Cause, entry.Cause);
            Assert.Contains(entry.Steps, s => s.CheckIds.Contains(CheckCatalog.WindowsFolderPermissions));
            var heading = Assert.Single(KnowledgeBase.Default.Headings, h => h.Id == "ExtensionConfigParsingFailure");
            Assert.Contains(entry.Id, heading.CauseIds.Concat(heading.CompanionCauseIds));
        }
    }
}
