using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Windows
{
    public class VssCopyModeTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public void Enabling_writes_REG_SZ_TRUE_into_the_existing_key_then_does_nothing_the_second_time()
        {
            var gateway = new RecordingCimGateway(Load("sql-without-vss-copy"));
            var first = new VssCopyMode(gateway).Set(true, null, None);
            Assert.Equal(("vm-sql01", RepairAction.SetVssCopyMode, RepairStatus.Repaired, (string?)null, "TRUE", true), (first.Target, first.Action, first.Status, first.Before, first.After, first.Changed));
            Assert.Equal(new[] { @"StdRegProv.SetStringValue HKLM\SOFTWARE\Microsoft\BCDRAGENT USEVSSCOPYBACKUP REG_SZ=TRUE" }, gateway.Calls.Select(c => c.ToString()));
            var call = gateway.Calls[0];
            Assert.Equal("root/cimv2", call.Namespace);
            Assert.Equal(2147483650u, call.Arguments["hDefKey"]);
            Assert.Equal(@"SOFTWARE\Microsoft\BCDRAGENT", call.Arguments["sSubKeyName"]);
            Assert.Equal("USEVSSCOPYBACKUP", call.Arguments["sValueName"]);
            Assert.Equal("TRUE", call.Arguments["sValue"]);

            var second = new VssCopyMode(gateway).Set(true, (t, a) => throw new System.InvalidOperationException("must not ask"), None);
            Assert.Equal((RepairStatus.AlreadyHealthy, "TRUE", "TRUE", false), (second.Status, second.Before, second.After, second.Changed));
            Assert.Single(gateway.Calls);

            // And the check now passes.
            var facts = new WindowsFactsReader(gateway).Read(gateway.Snapshot().CapturedUtc, None);
            Assert.Equal("TRUE", facts.BcdrAgentValue("USEVSSCOPYBACKUP")!.AsString);
        }

        [Fact]
        public void Enabling_creates_the_key_when_it_is_missing()
        {
            var gateway = new RecordingCimGateway(Small(registry: new[] { Key(@"SOFTWARE\Microsoft\Windows NT\CurrentVersion") }));
            var state = new VssCopyMode(gateway).Set(true, null, None);
            Assert.True(state.Changed);
            Assert.Equal(new[]
            {
                @"StdRegProv.CreateKey HKLM\SOFTWARE\Microsoft\BCDRAGENT",
                @"StdRegProv.SetStringValue HKLM\SOFTWARE\Microsoft\BCDRAGENT USEVSSCOPYBACKUP REG_SZ=TRUE",
            }, gateway.Calls.Select(c => c.ToString()));
        }

        [Fact]
        public void Disabling_deletes_the_value_and_keeps_the_key_then_does_nothing_the_second_time()
        {
            var gateway = new RecordingCimGateway(Small(registry: new[] { Key(WindowsNames.BcdrAgentKey, Sz("USEVSSCOPYBACKUP", "TRUE"), Sz("IsProviderInstalled", "True")) }));
            var first = new VssCopyMode(gateway).Set(false, null, None);
            Assert.Equal((RepairStatus.Repaired, "TRUE", (string?)null, true), (first.Status, first.Before, first.After, first.Changed));
            Assert.Equal(new[] { @"StdRegProv.DeleteValue HKLM\SOFTWARE\Microsoft\BCDRAGENT USEVSSCOPYBACKUP" }, gateway.Calls.Select(c => c.ToString()));
            Assert.Equal(new[] { "IsProviderInstalled" }, gateway.Snapshot().Registry!.Single(k => k.Key == WindowsNames.BcdrAgentKey).Values.Select(v => v.Name));

            var second = new VssCopyMode(gateway).Set(false, null, None);
            Assert.Equal((RepairStatus.AlreadyHealthy, (string?)null, (string?)null, false), (second.Status, second.Before, second.After, second.Changed));
            Assert.Single(gateway.Calls);
        }

        [Fact]
        public void A_dword_value_is_replaced_by_the_REG_SZ_and_reported_with_its_type()
        {
            var gateway = new RecordingCimGateway(Small(registry: new[] { Key(WindowsNames.BcdrAgentKey, Dword("USEVSSCOPYBACKUP", 1)) }));
            var state = new VssCopyMode(gateway).Set(true, null, None);
            Assert.Equal(("1 (REG_DWORD)", "TRUE", true), (state.Before, state.After, state.Changed));
            Assert.Equal(AzBackupTroubleshoot.Core.Facts.Windows.Registry.RegistryValueType.String, gateway.Calls.Single().ValueType);
        }

        [Fact]
        public void A_declined_change_makes_no_call_and_reports_the_current_state()
        {
            var gateway = new RecordingCimGateway(Load("sql-without-vss-copy"));
            var asked = new List<(string, string)>();
            var state = new VssCopyMode(gateway).Set(true, (target, action) =>
            {
                asked.Add((target, action));
                return false;
            }, None);
            Assert.Empty(gateway.Calls);
            Assert.Equal((RepairStatus.Skipped, (string?)null, false), (state.Status, state.After, state.Changed));
            Assert.Equal(new[] { ("vm-sql01", @"Set HKLM\SOFTWARE\Microsoft\BCDRAGENT\USEVSSCOPYBACKUP = TRUE (REG_SZ)") }, asked);
        }

        [Fact]
        public void A_failing_write_is_an_error_and_a_capture_cannot_be_changed()
        {
            var gateway = new RecordingCimGateway(Load("sql-without-vss-copy"));
            gateway.FailMethod("StdRegProv", "SetStringValue", 5);
            Assert.Contains("access denied", Assert.Throws<CimGatewayException>(() => new VssCopyMode(gateway).Set(true, null, None)).Message);

            var capture = new ReplayCimGateway(Load("sql-without-vss-copy"));
            Assert.False(new VssCopyMode(capture).IsEnabled(None));
            Assert.Equal(CimGatewayException.CaptureReadOnly, Assert.Throws<CimGatewayException>(() => new VssCopyMode(capture).Set(true, null, None)).ErrorId);
        }
    }
}
