using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows.Registry
{
    public class CimRegistryTests
    {
        private const string Bcdr = @"SOFTWARE\Microsoft\BCDRAGENT";
        private static readonly CancellationToken None = CancellationToken.None;

        private static CimCapture Capture() => Small(registry: new[]
        {
            Key(@"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", Dword("Release", 528049), Sz("Version", "4.8.03761")),
            Key(Bcdr, Sz("IsProviderInstalled", "True")),
            Key(@"SOFTWARE\Microsoft\Empty"),
        });

        [Fact]
        public void Reads_values_with_their_type()
        {
            var registry = new CimRegistry(new ReplayCimGateway(Capture()));
            var values = registry.ReadKey(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", None)!;
            Assert.Equal(new[] { "Release (REG_DWORD) = 528049", "Version (REG_SZ) = 4.8.03761" }, values.Select(v => v.ToString()));
            Assert.Equal(528049u, registry.GetDWord(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "release", None));
            Assert.Equal("4.8.03761", registry.GetString(RegistryHive.LocalMachine, @"software\microsoft\net framework setup\ndp\v4\full", "Version", None));
        }

        [Fact]
        public void A_value_of_another_type_is_not_read_as_this_type()
        {
            var registry = new CimRegistry(new ReplayCimGateway(Capture()));
            Assert.Null(registry.GetString(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release", None));
            Assert.Null(registry.GetDWord(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Version", None));
            Assert.Equal(RegistryValueType.DWord, registry.GetValue(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release", None)!.Type);
        }

        [Fact]
        public void Missing_keys_and_values_are_null_not_errors()
        {
            var registry = new CimRegistry(new ReplayCimGateway(Capture()));
            Assert.Null(registry.ReadKey(RegistryHive.LocalMachine, @"SOFTWARE\Nope", None));
            Assert.Null(registry.GetString(RegistryHive.LocalMachine, Bcdr, "USEVSSCOPYBACKUP", None));
            Assert.Null(registry.GetValue(RegistryHive.LocalMachine, Bcdr, "USEVSSCOPYBACKUP", None));
            Assert.Empty(registry.ReadKey(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\Empty", None)!);
            Assert.False(registry.KeyExists(RegistryHive.Users, @"SOFTWARE\Microsoft", None));
        }

        [Fact]
        public void Parent_keys_are_implied_and_enumerated()
        {
            var registry = new CimRegistry(new ReplayCimGateway(Capture()));
            Assert.True(registry.KeyExists(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft", None));
            Assert.Equal(new[] { "NET Framework Setup", "BCDRAGENT", "Empty" }, registry.GetSubKeyNames(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft", None));
        }

        [Fact]
        public void Writes_go_through_the_typed_StdRegProv_setters()
        {
            var gateway = new RecordingCimGateway(Capture());
            var registry = new CimRegistry(gateway);
            registry.CreateKey(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\BcdrAgentPersistentKeys", None);
            registry.SetValue(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\BcdrAgentPersistentKeys", Sz("SnapshotWithoutThreads", "True"), None);
            registry.SetValue(RegistryHive.LocalMachine, Bcdr, Dword("Probe", 7), None);
            Assert.True(registry.DeleteValue(RegistryHive.LocalMachine, Bcdr, "Probe", None));
            Assert.False(registry.DeleteValue(RegistryHive.LocalMachine, Bcdr, "Probe", None));

            Assert.Equal(new[]
            {
                @"StdRegProv.CreateKey HKLM\SOFTWARE\Microsoft\BcdrAgentPersistentKeys",
                @"StdRegProv.SetStringValue HKLM\SOFTWARE\Microsoft\BcdrAgentPersistentKeys SnapshotWithoutThreads REG_SZ=True",
                @"StdRegProv.SetDWORDValue HKLM\SOFTWARE\Microsoft\BCDRAGENT Probe REG_DWORD=7",
                @"StdRegProv.DeleteValue HKLM\SOFTWARE\Microsoft\BCDRAGENT Probe",
                @"StdRegProv.DeleteValue HKLM\SOFTWARE\Microsoft\BCDRAGENT Probe",
            }, gateway.Calls.Select(c => c.ToString()));
            var set = gateway.Calls[2];
            Assert.Equal(RegistryHive.LocalMachine, set.Hive);
            Assert.Equal(RegistryValueType.DWord, set.ValueType);
            Assert.IsType<uint>(set.Data);
            Assert.Equal(2147483650u, set.Arguments["hDefKey"]);
        }

        [Fact]
        public void Setting_a_value_in_a_missing_key_fails_as_StdRegProv_does()
        {
            var registry = new CimRegistry(new RecordingCimGateway(Capture()));
            var ex = Assert.Throws<CimGatewayException>(() => registry.SetValue(RegistryHive.LocalMachine, @"SOFTWARE\Missing", Sz("a", "b"), None));
            Assert.Contains("SetStringValue", ex.Message);
            Assert.Contains(@"HKLM\SOFTWARE\Missing", ex.Message);
        }

        [Fact]
        public void Other_return_codes_are_errors_naming_method_key_and_code()
        {
            var gateway = new RecordingCimGateway(Capture());
            gateway.FailMethod("StdRegProv", "SetStringValue", 5);
            var ex = Assert.Throws<CimGatewayException>(() => new CimRegistry(gateway).SetValue(RegistryHive.LocalMachine, Bcdr, Sz("USEVSSCOPYBACKUP", "TRUE"), None));
            Assert.Equal(CimGatewayException.OperationFailed, ex.ErrorId);
            Assert.Contains("returned 5 (access denied)", ex.Message);
            Assert.Contains("USEVSSCOPYBACKUP", ex.Message);
        }

        [Fact]
        public void Hive_names_parse_and_map_to_hDefKey()
        {
            Assert.True(RegistryHiveNames.TryParse("HKEY_USERS", out var users));
            Assert.Equal(2147483651u, (uint)users);
            Assert.Equal("HKLM", RegistryHiveNames.ShortName(RegistryHive.LocalMachine));
            Assert.False(RegistryHiveNames.TryParse("HKXX", out _));
            Assert.False(RegistryHiveNames.TryFromDefKey(42, out _));
        }
    }
}
