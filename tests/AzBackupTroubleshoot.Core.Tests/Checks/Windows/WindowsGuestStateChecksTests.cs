using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Reporting;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Facts.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Windows
{
    /// <summary>The checks of capture format 2 (issue 13): VSS writers, free space, agent crashes, pending restart, WinHTTP, strong crypto, Windows Installer.</summary>
    public class WindowsGuestStateChecksTests
    {
        internal static readonly string[] NewIds =
        {
            CheckCatalog.WindowsVssWriters, CheckCatalog.WindowsDiskSpace, CheckCatalog.WindowsAgentCrashes, CheckCatalog.WindowsPendingReboot,
            CheckCatalog.WindowsWinHttpProxy, CheckCatalog.WindowsStrongCrypto, CheckCatalog.WindowsInstallerService, CheckCatalog.WindowsBitLocker,
        };

        private const string Disks = "root/cimv2:Win32_LogicalDisk";

        private static async Task<IReadOnlyList<HealthCheckResult>> Run(CimCapture capture, ICimGateway? gateway = null)
        {
            var facts = new WindowsFactsReader(gateway ?? new ReplayCimGateway(capture)).Read(capture.CapturedUtc, CancellationToken.None);
            return await new CheckEngine().RunAsync(facts, WindowsCheckList.Create(), new CheckContext(facts.ComputerName));
        }

        private static HealthCheckResult One(IReadOnlyList<HealthCheckResult> results, string id) => Assert.Single(results, r => r.CheckId == id);

        private static void OthersStillPass(IReadOnlyList<HealthCheckResult> results, string failing)
        {
            var others = results.Where(r => r.CheckId != failing && r.CheckId != CheckCatalog.WindowsVssCopyMode && !r.CheckId.StartsWith("Network.", StringComparison.Ordinal)).ToArray();
            Assert.Equal(23, others.Length);
            Assert.All(others, r => Assert.Equal(CheckStatus.Passed, r.Status));
        }

        [Fact]
        public async Task The_healthy_capture_passes_every_new_check_with_evidence()
        {
            var results = await Run(Load("healthy"));
            foreach (var id in NewIds)
            {
                Assert.Equal(CheckStatus.Passed, One(results, id).Status);
            }

            Assert.Contains("All 9 VSS writers are [1] Stable", One(results, CheckCatalog.WindowsVssWriters).Message);
            Assert.Contains("C: 89.7 GB", One(results, CheckCatalog.WindowsDiskSpace).Message);
            Assert.Contains(One(results, CheckCatalog.WindowsDiskSpace).Evidence, e => e.Contains("Azure temporary disk, not backed up"));
        }

        [Fact]
        public async Task Unreadable_vssadmin_output_is_an_error_naming_the_command_and_the_other_checks_run()
        {
            var results = await Run(WithVssadmin(Load("healthy"), "Nom de l'enregistreur : 'Task Scheduler Writer'\r\n"));
            var error = One(results, CheckCatalog.WindowsVssWriters);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("the output of 'vssadmin list writers' cannot be read", error.Message);
            Assert.Contains("is the output in English?", error.Message);
            OthersStillPass(results, CheckCatalog.WindowsVssWriters);
        }

        [Fact]
        public async Task A_vssadmin_that_fails_is_an_error_with_its_own_words()
        {
            var denied = WithVssadmin(Load("healthy"), "vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\r\n(C) Copyright 2001-2013 Microsoft Corp.\r\n\r\nError: You don't have the correct permissions to run this command.  Please run this utility from a window\r\nthat has elevated administrator privileges.\r\n", exitCode: 2);
            var error = One(await Run(denied), CheckCatalog.WindowsVssWriters);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("exited with 2: Error: You don't have the correct permissions", error.Message);
        }

        [Fact]
        public async Task A_wrong_typed_free_space_is_an_error_naming_class_disk_and_property()
        {
            var healthy = Load("healthy");
            var bad = WithInstances(healthy, Disks, Set(healthy.Instances![Disks][0], "FreeSpace", "lots"), healthy.Instances[Disks][1]);
            var results = await Run(bad);
            var error = One(results, CheckCatalog.WindowsDiskSpace);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("Win32_LogicalDisk C: FreeSpace is 'lots' (String), not a byte count", error.Message);
            OthersStillPass(results, CheckCatalog.WindowsDiskSpace);
        }

        [Theory]
        [InlineData(5, "truncated")]
        [InlineData(22, "the proxy at offset 16 says 14 bytes, 6 follow")]
        public async Task A_truncated_WinHttpSettings_is_an_error_naming_the_value(int keep, string expected)
        {
            var blob = WinHttpSettingsParserTests.Blob("10.0.0.10:3128", "<local>").Take(keep).ToArray();
            var results = await Run(WithKey(Load("healthy"), WindowsNames.WinHttpConnectionsKey, new RegistryValue("WinHttpSettings", RegistryValueType.Binary, blob)));
            var error = One(results, CheckCatalog.WindowsWinHttpProxy);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains($@"HKLM\{WindowsNames.WinHttpConnectionsKey}\WinHttpSettings ({keep} bytes)", error.Message);
            Assert.Contains(expected, error.Message);
            OthersStillPass(results, CheckCatalog.WindowsWinHttpProxy);
        }

        [Fact]
        public async Task A_WinHttpSettings_of_the_wrong_type_is_an_error()
        {
            var error = One(await Run(WithKey(Load("healthy"), WindowsNames.WinHttpConnectionsKey, Sz("WinHttpSettings", "proxy:80"))), CheckCatalog.WindowsWinHttpProxy);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("is REG_SZ, not REG_BINARY", error.Message);
        }

        [Fact]
        public async Task A_capture_of_format_1_still_reads_and_the_new_checks_say_it_is_older()
        {
            var json = System.IO.File.ReadAllText(System.IO.Path.Combine(Folder, "healthy.json"));
            var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            root["formatVersion"] = 1;
            root.Remove("commands");
            root.Remove("folderSecurity");
            var old = CimCaptureSerializer.Parse(root.ToJsonString(), "old.json");
            Assert.Equal(1, old.FormatVersion);
            var results = await Run(old);
            foreach (var id in NewIds)
            {
                var result = One(results, id);
                Assert.Equal(CheckStatus.NotApplicable, result.Status);
                Assert.Contains("older version of this module (capture format 1)", result.Message);
            }

            Assert.DoesNotContain(results, r => r.Status == CheckStatus.Failed || r.Status == CheckStatus.Warning || r.Status == CheckStatus.Error);
            Assert.Contains("\"formatVersion\": 1", CimCaptureSerializer.Serialize(old));
        }

        [Fact]
        public void A_format_1_capture_with_a_commands_section_is_refused()
        {
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse("{\"formatVersion\":1,\"computerName\":\"x\",\"capturedUtc\":\"2025-11-20T09:30:00Z\",\"commands\":{}}", "c.json"));
            Assert.Equal(CaptureFormatException.CaptureFieldInvalid, ex.ErrorId);
            Assert.Contains("commands", ex.Message);
        }

        [Theory]
        [InlineData("{\"netsh winhttp show proxy\":{\"exitCode\":0,\"output\":\"\"}}", "commands[\"netsh winhttp show proxy\"]", "not a command this module captures")]
        [InlineData("{\"vssadmin list writers\":{\"output\":\"x\"}}", "commands[\"vssadmin list writers\"].exitCode", "missing or not an integer")]
        [InlineData("{\"vssadmin list writers\":{\"exitCode\":0,\"output\":3}}", "commands[\"vssadmin list writers\"].output", "must be a string")]
        [InlineData("[]", "commands", "must be an object")]
        public void A_bad_commands_section_names_its_field(string commands, string field, string expected)
        {
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse("{\"formatVersion\":2,\"computerName\":\"x\",\"capturedUtc\":\"2025-11-20T09:30:00Z\",\"commands\":" + commands + "}", "c.json"));
            Assert.Equal(CaptureFormatException.CaptureFieldInvalid, ex.ErrorId);
            Assert.Contains(field, ex.Message);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public async Task Over_a_remote_session_vssadmin_is_not_applicable_and_a_capture_taken_there_says_why()
        {
            var healthy = Load("healthy");
            var remote = new RecordingCimGateway(healthy, isLocal: false);
            var live = One(await Run(healthy, remote), CheckCatalog.WindowsVssWriters);
            Assert.Equal(CheckStatus.NotApplicable, live.Status);
            Assert.Contains("a CIM session cannot run a program", live.Message);

            var capturing = new CapturingCimGateway(new RecordingCimGateway(healthy, isLocal: false), healthy.CapturedUtc);
            _ = new WindowsFactsReader(capturing).Read(healthy.CapturedUtc, CancellationToken.None);
            var saved = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capturing.ToCapture()), "remote.json");
            Assert.Equal(WindowsCommandSources.RemoteReason, saved.Commands!["vssadmin list writers"].NotRunReason);
            var replayed = One(await Run(saved), CheckCatalog.WindowsVssWriters);
            Assert.Equal((CheckStatus.NotApplicable, live.Message), (replayed.Status, replayed.Message));
        }

        [Fact]
        public async Task A_capture_without_the_vssadmin_entry_is_an_error_not_a_pass()
        {
            var results = await Run(With(Load("healthy"), commands: new Dictionary<string, WindowsCommandOutput>()));
            var error = One(results, CheckCatalog.WindowsVssWriters);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("the output of 'vssadmin list writers' is not in the capture", error.Message);
        }

        [Fact]
        public async Task Thresholds_of_free_space_follow_VM_assist_and_skip_the_temporary_disk()
        {
            var healthy = Load("healthy");
            var c = healthy.Instances![Disks][0];
            var d = healthy.Instances[Disks][1];
            var low = One(await Run(WithInstances(healthy, Disks, Set(c, "FreeSpace", 500L * 1024 * 1024), Set(d, "FreeSpace", 1024L))), CheckCatalog.WindowsDiskSpace);
            Assert.Equal(CheckStatus.Warning, low.Status);
            Assert.Contains("Under 1.0 GB free on C: 500.0 MB", low.Message);
            var data = new CimObject("root/cimv2", "Win32_LogicalDisk", new Dictionary<string, object?> { ["DeviceID"] = "F:", ["DriveType"] = 3L, ["VolumeName"] = "Data", ["FreeSpace"] = 50L * 1024 * 1024, ["Size"] = 1099511627776L });
            var full = One(await Run(WithInstances(healthy, Disks, c, d, data)), CheckCatalog.WindowsDiskSpace);
            Assert.Equal(CheckStatus.Failed, full.Status);
            Assert.Contains("F: 50.0 MB", full.Message);
            var noSystem = One(await Run(WithInstances(healthy, Disks, d)), CheckCatalog.WindowsDiskSpace);
            Assert.Equal(CheckStatus.Error, noSystem.Status);
            Assert.Contains("the system drive C: is not among the fixed volumes (D:)", noSystem.Message);
        }

        [Fact]
        public async Task Agent_crashes_older_than_a_day_are_a_warning_and_other_services_do_not_count()
        {
            var crashing = Load("agent-crashing");
            var events = crashing.Instances!["root/cimv2:Win32_NTLogEvent"];
            var older = events.Where(e => !string.Equals(e.GetString("TimeGenerated"), "2025-11-20T06:41:03Z", StringComparison.Ordinal) && !string.Equals(e.GetString("TimeGenerated"), "2025-11-20T06:40:58Z", StringComparison.Ordinal)).ToArray();
            var result = One(await Run(WithInstances(crashing, "root/cimv2:Win32_NTLogEvent", older)), CheckCatalog.WindowsAgentCrashes);
            Assert.Equal(CheckStatus.Warning, result.Status);
            Assert.Contains("RdAgent 1 time(s)", result.Message);
            Assert.DoesNotContain(result.Evidence, e => e.Contains("Print Spooler"));

            var recent = One(await Run(crashing), CheckCatalog.WindowsAgentCrashes);
            Assert.Equal(CheckStatus.Failed, recent.Status);
            Assert.Contains("WindowsAzureGuestAgent 1 time(s), WindowsAzureGuestAgent.exe 1 time(s), RdAgent 1 time(s)", recent.Message);
        }

        [Fact]
        public async Task Strong_crypto_missing_is_not_a_failure_off_or_wrong_typed_is_and_no_framework_key_is_not_applicable()
        {
            var healthy = Load("healthy");
            var missing = WithKey(WithKey(healthy, WindowsNames.StrongCryptoKeys[0]), WindowsNames.StrongCryptoKeys[1]);
            var passed = One(await Run(missing), CheckCatalog.WindowsStrongCrypto);
            Assert.Equal(CheckStatus.Passed, passed.Status);
            Assert.Contains("ExtensionSnapshotFailedNoSecureNetwork", passed.Message);

            var text = One(await Run(WithKey(healthy, WindowsNames.StrongCryptoKeys[1], Sz("SchUseStrongCrypto", "1"))), CheckCatalog.WindowsStrongCrypto);
            Assert.Equal(CheckStatus.Warning, text.Status);
            Assert.Contains(@"Wow6432Node\Microsoft\.NETFramework\v4.0.30319 (REG_SZ 1)", text.Message);

            var none = With(healthy, registry: healthy.Registry!.Where(k => !k.Key.Contains(".NETFramework")).ToArray());
            Assert.Equal(CheckStatus.NotApplicable, One(await Run(none), CheckCatalog.WindowsStrongCrypto).Status);
        }

        [Fact]
        public async Task Queued_file_renames_are_a_pending_restart()
        {
            var renames = WithKey(Load("healthy"), WindowsNames.SessionManagerKey, new RegistryValue("PendingFileRenameOperations", RegistryValueType.MultiString, new[] { @"\??\C:\Windows\Temp\old.dll", string.Empty }));
            var result = One(await Run(renames), CheckCatalog.WindowsPendingReboot);
            Assert.Equal(CheckStatus.Warning, result.Status);
            Assert.Contains(result.Evidence, e => e.Contains(@"PendingFileRenameOperations holds 1 entry, first '\??\C:\Windows\Temp\old.dll'"));
        }

        [Fact]
        public async Task Where_BitLocker_is_not_installed_its_namespace_is_absent_the_check_passes_and_a_capture_keeps_the_empty_class()
        {
            var source = Load("bitlocker-locked");
            var machine = new NoBitLockerGateway(new ReplayCimGateway(source));
            var live = One(await Run(source, machine), CheckCatalog.WindowsBitLocker);
            Assert.Equal(CheckStatus.Passed, live.Status);
            Assert.Contains("BitLocker is not installed", live.Message);

            var capturing = new CapturingCimGateway(machine, source.CapturedUtc);
            _ = new WindowsFactsReader(capturing).Read(source.CapturedUtc, CancellationToken.None);
            var saved = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capturing.ToCapture()), "saved.json");
            Assert.Empty(saved.Instances![CimCapture.ClassKey(WindowsNames.BitLockerNamespace, WindowsNames.EncryptableVolumeClass)]);
            var replayed = One(await Run(saved), CheckCatalog.WindowsBitLocker);
            Assert.Equal((live.Status, live.Message), (replayed.Status, replayed.Message));
        }

        [Fact]
        public async Task A_wrong_typed_ProtectionStatus_is_an_error_naming_class_volume_and_property()
        {
            var locked = Load("bitlocker-locked");
            var key = CimCapture.ClassKey(WindowsNames.BitLockerNamespace, WindowsNames.EncryptableVolumeClass);
            var bad = WithInstances(locked, key, Set(locked.Instances![key][0], "ProtectionStatus", "on"));
            var results = await Run(bad);
            var error = One(results, CheckCatalog.WindowsBitLocker);
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Contains("Win32_EncryptableVolume C: ProtectionStatus is 'on' (String), not an integer", error.Message);
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.WindowsDiskSpace).Status);
        }

        [Theory]
        [InlineData("vss-writer-failed", "VSS writers are in a bad state")]
        [InlineData("low-disk-space", "VSS writers are in a bad state")]
        [InlineData("agent-crashing", "The agent is installed in the VM, but it's unresponsive (for Windows VMs)")]
        [InlineData("reboot-pending", "Updates or a restart are pending in the VM")]
        [InlineData("winhttp-proxy", "The VM has no Internet access")]
        [InlineData("tls-weak", "A secure network channel cannot be created (.NET strong cryptography off)")]
        [InlineData("installer-disabled", "Visual C++ Redistributable for Visual Studio 2015 cannot be installed")]
        [InlineData("bitlocker-locked", "A drive is locked by BitLocker Drive Encryption")]
        [InlineData("machinekeys-permissions", "The MachineKeys directory's permissions were changed")]
        [InlineData("packages-permissions", "The MachineKeys directory's permissions were changed")]
        public async Task Each_new_failure_has_a_knowledge_base_step_of_its_cause_and_the_report_shows_that_entry(string example, string entryTitle)
        {
            var problem = Assert.Single(await Run(Load(example)), r => r.Status == CheckStatus.Failed || r.Status == CheckStatus.Warning);
            var entry = Assert.Single(KnowledgeBase.Default.Causes, c => c.Title == entryTitle);
            Assert.Equal(problem.Cause, entry.Cause);
            Assert.Contains(entry.Steps, s => s.CheckIds.Contains(problem.CheckId));
            var html = new System.IO.StringWriter();
            new HtmlReportWriter(KnowledgeBase.Default).Write(html, HealthReport.Create(new[] { problem }), new HealthReportOptions(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero)));
            var section = html.ToString();
            section = section.Substring(section.IndexOf($"id=\"cause-{problem.Cause}\"", StringComparison.Ordinal));
            Assert.Contains(HtmlText.Encode(entryTitle), section);
        }

        [Theory]
        [InlineData("<local>;168.63.129.16", true)]
        [InlineData("168.63.*", true)]
        [InlineData("*", true)]
        [InlineData("<local> *.contoso.com", false)]
        [InlineData("", false)]
        [InlineData("168.63.129.1", false)]
        public void The_WinHTTP_bypass_list_is_matched_with_wildcards(string bypass, bool expected) =>
            Assert.Equal(expected, WindowsSettingsChecks.Bypasses(bypass, "168.63.129.16"));
    }

    /// <summary>A machine without BitLocker: its namespace does not exist (what the real gateway reports as NamespaceNotFound).</summary>
    internal sealed class NoBitLockerGateway : ICimGateway
    {
        private readonly ICimGateway _inner;

        public NoBitLockerGateway(ICimGateway inner)
        {
            _inner = inner;
        }

        public string ComputerName => _inner.ComputerName;

        public bool IsLocal => false;

        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken) =>
            string.Equals(CimCapture.NormalizeNamespace(cimNamespace), WindowsNames.BitLockerNamespace, StringComparison.OrdinalIgnoreCase)
                ? throw new CimGatewayException(CimGatewayException.NamespaceNotFound, ComputerName, $"{ComputerName}: query in {cimNamespace} failed: Invalid namespace (InvalidNamespace).")
                : _inner.QueryInstances(cimNamespace, className, whereClause, cancellationToken);

        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            _inner.InvokeMethod(cimNamespace, className, methodName, arguments, cancellationToken);

        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            _inner.InvokeMethod(instance, methodName, arguments, cancellationToken);

        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) =>
            _inner.CreateInstance(cimNamespace, className, properties, cancellationToken);

        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken) => _inner.DeleteInstance(instance, cancellationToken);
    }
}
