using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class CimCaptureSerializerTests
    {
        private const string Minimal = "{\"formatVersion\":1,\"computerName\":\"vm1\",\"capturedUtc\":\"2025-11-20T09:30:00Z\"";

        [Fact]
        public void Every_example_capture_reads_and_round_trips_unchanged()
        {
            foreach (var name in WindowsExamples.Names)
            {
                var capture = WindowsExamples.Load(name);
                var again = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capture), name);
                Assert.Equal(CimCaptureSerializer.Serialize(capture), CimCaptureSerializer.Serialize(again));
                Assert.NotNull(capture.Instances);
                Assert.NotNull(capture.Registry);
                Assert.NotNull(capture.Files);
            }
        }

        [Fact]
        public void Values_keep_their_types()
        {
            var capture = WindowsExamples.Load("healthy");
            var release = capture.Registry!.Single(k => k.Key.EndsWith(@"v4\Full", StringComparison.Ordinal)).Values.Single(v => v.Name == "Release");
            Assert.Equal(RegistryValueType.DWord, release.Type);
            Assert.Equal(528049u, release.Data);
            var uninstall = capture.Registry!.SelectMany(k => k.Values).Single(v => v.Name == "UninstallString");
            Assert.Equal(RegistryValueType.ExpandString, uninstall.Type);
            var agent = capture.Instances!["root/cimv2:Win32_Service"].Single(s => s.GetString("Name") == "WindowsAzureGuestAgent");
            Assert.Equal(2316L, agent["ProcessId"]);
            Assert.Equal(true, agent["Started"]);
            var adapter = capture.Instances!["root/cimv2:Win32_NetworkAdapterConfiguration"][0];
            Assert.Equal(new[] { "10.0.0.4", "fe80::8d4c:3b5e:1a2f:9c11" }, adapter["IPAddress"]);
            Assert.Equal(new DateTimeOffset(2025, 11, 20, 9, 30, 0, TimeSpan.Zero), capture.CapturedUtc);
        }

        [Fact]
        public void Binary_multi_string_and_qword_values_round_trip()
        {
            var json = Minimal + ",\"registry\":[{\"hive\":\"HKU\",\"key\":\"S-1-5-18\\\\X\",\"values\":[" +
                "{\"name\":\"B\",\"kind\":\"Binary\",\"data\":\"RgAAAA==\"},{\"name\":\"M\",\"kind\":\"MultiString\",\"data\":[\"a\",\"b\"]}," +
                "{\"name\":\"Q\",\"kind\":\"QWord\",\"data\":18446744073709551615}]}]}";
            var capture = CimCaptureSerializer.Parse(json, "inline");
            var values = capture.Registry![0].Values;
            Assert.Equal(RegistryHive.Users, capture.Registry[0].Hive);
            Assert.Equal(new byte[] { 0x46, 0, 0, 0 }, values[0].Data);
            Assert.Equal(new[] { "a", "b" }, values[1].Data);
            Assert.Equal(ulong.MaxValue, values[2].Data);
            var again = CimCaptureSerializer.Parse(CimCaptureSerializer.Serialize(capture), "again");
            Assert.Equal(values.Select(v => v.ToString()), again.Registry![0].Values.Select(v => v.ToString()));
        }

        [Fact]
        public void Absent_sections_stay_absent_and_empty_ones_stay_empty()
        {
            var capture = CimCaptureSerializer.Parse(Minimal + ",\"files\":[]}", "inline");
            Assert.Null(capture.Instances);
            Assert.Null(capture.Registry);
            Assert.NotNull(capture.Files);
            Assert.Empty(capture.Files!);
        }

        [Theory]
        [InlineData("not json", CaptureFormatException.CaptureInvalidJson, null)]
        [InlineData("[]", CaptureFormatException.CaptureFieldInvalid, null)]
        [InlineData("{\"computerName\":\"vm1\",\"capturedUtc\":\"2025-11-20T09:30:00Z\"}", CaptureFormatException.CaptureUnsupportedVersion, "formatVersion")]
        [InlineData("{\"formatVersion\":4,\"computerName\":\"vm1\",\"capturedUtc\":\"2025-11-20T09:30:00Z\"}", CaptureFormatException.CaptureUnsupportedVersion, "formatVersion")]
        [InlineData("{\"formatVersion\":1,\"capturedUtc\":\"2025-11-20T09:30:00Z\"}", CaptureFormatException.CaptureFieldInvalid, "computerName")]
        [InlineData("{\"formatVersion\":1,\"computerName\":\"vm1\",\"capturedUtc\":\"last tuesday\"}", CaptureFormatException.CaptureFieldInvalid, "capturedUtc")]
        [InlineData(Minimal + ",\"instances\":{\"Win32_Service\":[]}}", CaptureFormatException.CaptureFieldInvalid, "instances[\"Win32_Service\"]")]
        [InlineData(Minimal + ",\"instances\":{\"root/cimv2:Win32_Service\":[{\"Name\":{\"x\":1}}]}}", CaptureFormatException.CaptureFieldInvalid, "instances[\"root/cimv2:Win32_Service\"][0].Name")]
        [InlineData(Minimal + ",\"registry\":[{\"hive\":\"HKXX\",\"key\":\"A\"}]}", CaptureFormatException.CaptureFieldInvalid, "registry[0].hive")]
        [InlineData(Minimal + ",\"registry\":[{\"hive\":\"HKLM\",\"key\":\"A\",\"values\":[{\"name\":\"Release\",\"kind\":\"DWord\",\"data\":\"528049\"}]}]}", CaptureFormatException.CaptureFieldInvalid, "registry[0].values[0].data")]
        [InlineData(Minimal + ",\"registry\":[{\"hive\":\"HKLM\",\"key\":\"A\",\"values\":[{\"name\":\"R\",\"kind\":\"DWord\",\"data\":4294967296}]}]}", CaptureFormatException.CaptureFieldInvalid, "registry[0].values[0].data")]
        [InlineData(Minimal + ",\"registry\":[{\"hive\":\"HKLM\",\"key\":\"A\",\"values\":[{\"name\":\"R\",\"kind\":\"Dword32\",\"data\":1}]}]}", CaptureFormatException.CaptureFieldInvalid, "registry[0].values[0].kind")]
        [InlineData(Minimal + ",\"registry\":[{\"hive\":\"HKLM\",\"key\":\"A\"},{\"hive\":\"HKEY_LOCAL_MACHINE\",\"key\":\"a\"}]}", CaptureFormatException.CaptureFieldInvalid, "registry[1].key")]
        [InlineData(Minimal + ",\"files\":[{\"path\":\"Packages\\\\Plugins\",\"type\":\"Directory\"}]}", CaptureFormatException.CaptureFieldInvalid, "files[0].path")]
        [InlineData(Minimal + ",\"files\":[{\"path\":\"C:\\\\Packages\",\"type\":\"Folder\"}]}", CaptureFormatException.CaptureFieldInvalid, "files[0].type")]
        public void Bad_input_names_the_error_id_and_the_failing_field(string json, string errorId, string? field)
        {
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse(json, "bad.json"));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(field, ex.Field);
            Assert.Equal("bad.json", ex.Source);
            Assert.Contains("bad.json", ex.Message);
        }

        [Fact]
        public void A_missing_file_is_CaptureUnreadable()
        {
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Load(path));
            Assert.Equal(CaptureFormatException.CaptureUnreadable, ex.ErrorId);
        }

        [Fact]
        public void Save_writes_the_file_whole_and_leaves_no_temporary_file()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "capture-" + Guid.NewGuid().ToString("N")));
            try
            {
                var path = Path.Combine(folder.FullName, "vm.json");
                File.WriteAllText(path, "old");
                CimCaptureSerializer.Save(WindowsExamples.Load("healthy"), path);
                Assert.Equal("vm-app01", CimCaptureSerializer.Load(path).ComputerName);
                Assert.Equal(new[] { "vm.json" }, folder.GetFiles().Select(f => f.Name));
            }
            finally
            {
                folder.Delete(true);
            }
        }
    }
}
