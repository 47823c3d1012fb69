using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Tests.Platform
{
    public class DocumentOpenerTests
    {
        private static DocumentOpener On(OSPlatform platform, params (string Name, string Value)[] variables)
        {
            var env = new Dictionary<string, string>();
            foreach (var (name, value) in variables)
            {
                env[name] = value;
            }

            return new DocumentOpener(name => env.TryGetValue(name, out var v) ? v : null, platform);
        }

        [Fact]
        public void Linux_without_a_graphical_session_says_why_it_cannot_open()
        {
            var plan = On(OSPlatform.Linux).Plan("/tmp/r.html");
            Assert.Null(plan.FileName);
            Assert.Contains("no desktop session", plan.UnavailableReason, System.StringComparison.Ordinal);
            Assert.Equal(plan.UnavailableReason, On(OSPlatform.Linux).Open("/tmp/r.html"));
        }

        [Theory]
        [InlineData("DISPLAY", ":0")]
        [InlineData("WAYLAND_DISPLAY", "wayland-0")]
        public void Linux_with_a_graphical_session_uses_xdg_open_with_the_path_as_one_argument(string variable, string value)
        {
            var plan = On(OSPlatform.Linux, (variable, value)).Plan("/tmp/my report.html");
            Assert.Equal("xdg-open", plan.FileName);
            Assert.Equal(new[] { "/tmp/my report.html" }, plan.Arguments);
            Assert.False(plan.UseShell);
        }

        [Fact]
        public void Windows_lets_the_shell_pick_the_browser_and_macos_uses_open()
        {
            var windows = On(OSPlatform.Windows).Plan(@"C:\r.html");
            Assert.True(windows.UseShell);
            Assert.Equal(@"C:\r.html", windows.FileName);
            Assert.Equal("open", On(OSPlatform.OSX).Plan("/r.html").FileName);
        }
    }
}
