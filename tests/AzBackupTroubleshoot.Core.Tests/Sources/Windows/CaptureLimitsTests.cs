using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    /// <summary>Hostile captures: too large, too many entries, not a regular file, a huge registry key.</summary>
    public class CaptureLimitsTests
    {
        [Fact]
        public void A_file_larger_than_MaxBytes_is_CaptureTooLarge_without_being_read()
        {
            using var temp = new TempRoot();
            var path = temp.Full("huge.json");
            using (var stream = new FileStream(path, FileMode.CreateNew))
            {
                stream.SetLength(CaptureLimits.MaxBytes + 1L); // sparse: nothing is written
            }

            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Load(path));
            Assert.Equal(CaptureFormatException.CaptureTooLarge, ex.ErrorId);
            Assert.Contains("CaptureLimits.MaxBytes", ex.Message);
        }

        [Fact]
        public void More_registry_keys_than_the_limit_is_CaptureTooLarge()
        {
            var json = new StringBuilder(Header());
            json.Append("\"registry\": [");
            for (var i = 0; i <= CaptureLimits.MaxRegistryKeys; i++)
            {
                json.Append(i == 0 ? string.Empty : ",").Append("{\"hive\":\"HKLM\",\"key\":\"SOFTWARE\\\\K").Append(i).Append("\"}");
            }

            json.Append("]}");
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse(json.ToString(), "keys.json"));
            Assert.Equal(CaptureFormatException.CaptureTooLarge, ex.ErrorId);
            Assert.Equal($"registry[{CaptureLimits.MaxRegistryKeys}]", ex.Field);
        }

        [Fact]
        public void A_key_with_60000_values_loads_and_every_value_is_found()
        {
            const int count = 60_000;
            var json = new StringBuilder(Header());
            json.Append("\"registry\": [{\"hive\":\"HKLM\",\"key\":\"SOFTWARE\\\\Big\",\"values\":[");
            for (var i = 0; i < count; i++)
            {
                json.Append(i == 0 ? string.Empty : ",").Append("{\"name\":\"v").Append(i).Append("\",\"kind\":\"DWord\",\"data\":").Append(i).Append('}');
            }

            json.Append("]}]}");
            var capture = CimCaptureSerializer.Parse(json.ToString(), "big.json");
            var gateway = new ReplayCimGateway(capture);
            var last = gateway.InvokeMethod("root/cimv2", "StdRegProv", "GetDWORDValue", CimRegistry.Arguments(RegistryHive.LocalMachine, @"SOFTWARE\Big", "V59999"), CancellationToken.None);
            Assert.Equal(0u, last["ReturnValue"]);
            Assert.Equal(59999u, last["uValue"]);
            var names = gateway.InvokeMethod("root/cimv2", "StdRegProv", "EnumValues", CimRegistry.Arguments(RegistryHive.LocalMachine, @"SOFTWARE\Big", null), CancellationToken.None);
            Assert.Equal(count, ((string[])names["sNames"]!).Length);
        }

        [Fact]
        public void A_value_given_twice_in_a_key_is_still_refused()
        {
            var json = Header() + "\"registry\": [{\"hive\":\"HKLM\",\"key\":\"SOFTWARE\\\\X\",\"values\":[{\"name\":\"a\",\"kind\":\"DWord\",\"data\":1},{\"name\":\"A\",\"kind\":\"DWord\",\"data\":2}]}]}";
            var ex = Assert.Throws<CaptureFormatException>(() => CimCaptureSerializer.Parse(json, "dup.json"));
            Assert.Equal(CaptureFormatException.CaptureFieldInvalid, ex.ErrorId);
            Assert.Equal("registry[0].values[1].name", ex.Field);
        }

        [Fact]
        public void A_FIFO_is_CaptureUnreadable_not_a_hang()
        {
            using var temp = new TempRoot();
            var fifo = FolderLinuxRootTests.MakeFifo(temp, "capture.json");
            var ex = FolderLinuxRootTests.ReadWithin(() => Record.Exception(() => CimCaptureSerializer.Load(fifo)), fifo);
            var capture = Assert.IsType<CaptureFormatException>(ex);
            Assert.Equal(CaptureFormatException.CaptureUnreadable, capture.ErrorId);
            Assert.Contains("FIFO", capture.Message);
        }

        private static string Header() => "{\"formatVersion\":1,\"computerName\":\"vm\",\"capturedUtc\":\"2024-05-02T02:30:41Z\",";
    }
}
