using AzBackupTroubleshoot.Core.Loading;

namespace AzBackupTroubleshoot.Core.Tests.Loading
{
    public class RuntimeCompatibilityTests
    {
        private static readonly Version Referenced = new Version(8, 0, 0, 0);

        [Theory]
        [InlineData("7.4.6", ".NET 8.0.11", "8.0.0.0")]
        [InlineData("7.5.0", ".NET 9.0.1", "9.0.0.0")]
        [InlineData("7.6.9", ".NET 10.0.0", "10.0.0.0")]
        public void Accepts_PowerShell_7_4_and_later(string ps, string runtime, string json)
        {
            Assert.Null(RuntimeCompatibility.RefusalMessage(false, runtime, ps, Referenced, new Version(json)));
        }

        [Fact]
        public void Accepts_Windows_PowerShell_whatever_it_has_loaded()
        {
            Assert.Null(RuntimeCompatibility.RefusalMessage(true, ".NET Framework 4.8.9290.0", "5.1.26100.2161", Referenced, null));
            Assert.Null(RuntimeCompatibility.RefusalMessage(true, ".NET Framework 4.8.9290.0", "5.1.26100.2161", Referenced, new Version(4, 0, 1, 2)));
        }

        [Theory]
        [InlineData("7.0.13", ".NET Core 3.1.32", "4.0.1.2")]
        [InlineData("7.2.24", ".NET 6.0.36", "6.0.0.0")]
        [InlineData("7.3.12", ".NET 7.0.20", "7.0.0.0")]
        public void Refuses_PowerShell_7_0_to_7_3_naming_what_works(string ps, string runtime, string json)
        {
            var message = RuntimeCompatibility.RefusalMessage(false, runtime, ps, Referenced, new Version(json));
            Assert.NotNull(message);
            Assert.Contains("PowerShell 7.4 or later, or Windows PowerShell 5.1", message);
            Assert.Contains($"PowerShell {ps} on {runtime}", message);
            Assert.Contains("System.Text.Json 8.0.0.0", message);
            Assert.Contains($"System.Text.Json {json}", message);
        }

        [Fact]
        public void Refuses_a_runtime_without_System_Text_Json_and_any_reference_above_the_runtime()
        {
            Assert.Contains("has no System.Text.Json", RuntimeCompatibility.RefusalMessage(false, ".NET 10.0.0", "7.6.9", Referenced, null));
            Assert.NotNull(RuntimeCompatibility.RefusalMessage(false, ".NET 10.0.0", "7.6.9", new Version(99, 0, 0, 0), new Version(10, 0, 0, 0)));
        }
    }
}
