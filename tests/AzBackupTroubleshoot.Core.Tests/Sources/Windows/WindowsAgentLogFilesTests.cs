using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class WindowsAgentLogFilesTests
    {
        private const string Plugin = "Microsoft.Azure.RecoveryServices.VMSnapshot";

        [Fact]
        public void It_takes_the_agent_logs_the_extension_logs_and_each_version_s_status_and_settings_only()
        {
            using var drive = WindowsLogBundleWriterTests.SeededDrive()
                .Write($"Packages/Plugins/{Plugin}/1.0.71.0/Status/3.status", "[]")
                .Write($"Packages/Plugins/{Plugin}/1.0.71.0/RuntimeSettings/3.settings", "{}")
                .Write("Packages/Plugins/Microsoft.Compute.VMAccessAgent/2.4.8/Status/1.status", "[]")
                .Write("WindowsAzure/Logs/Plugins/Microsoft.Compute.VMAccessAgent/2.4.8/VMAccessAgent.log", "another extension");
            var files = new WindowsAgentLogFiles(drive.Path, "D:").Select();

            Assert.Equal(
                new[]
                {
                    @"D:\WindowsAzure\Logs\WaAppAgent.log",
                    @"D:\WindowsAzure\Logs\TransparentInstaller.log",
                    $@"D:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\IaaSBcdrExtension1.log",
                    $@"D:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\key-dump.log",
                    $@"D:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\Rotated\IaaSBcdrExtension0.log",
                    $@"D:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\TransportCert.cer",
                    $@"D:\Packages\Plugins\{Plugin}\1.0.71.0\Status\3.status",
                    $@"D:\Packages\Plugins\{Plugin}\1.0.71.0\RuntimeSettings\3.settings",
                    $@"D:\Packages\Plugins\{Plugin}\1.0.75.0\Status\12.status",
                    $@"D:\Packages\Plugins\{Plugin}\1.0.75.0\RuntimeSettings\12.settings",
                },
                files.Select(f => f.WindowsPath));
            Assert.All(files, f => Assert.Null(f.Problem));
            Assert.All(files, f => Assert.True(File.Exists(f.HostPath), f.HostPath));
            Assert.Equal("D/WindowsAzure/Logs/WaAppAgent.log", files[0].EntryName);
            Assert.Equal(Path.Combine(drive.Path, "WindowsAzure", "Logs", "WaAppAgent.log"), files[0].HostPath);
        }

        [Fact]
        public void Names_are_matched_as_Windows_does_ignoring_case()
        {
            using var drive = new TempRoot()
                .Write("windowsazure/logs/WAAPPAGENT.LOG", "x")
                .Write($"PACKAGES/plugins/{Plugin.ToLowerInvariant()}/1.0.75.0/status/0.STATUS", "[]");
            var files = new WindowsAgentLogFiles(drive.Path).Select();
            Assert.Equal(new[] { @"C:\windowsazure\logs\WAAPPAGENT.LOG", $@"C:\PACKAGES\plugins\{Plugin.ToLowerInvariant()}\1.0.75.0\status\0.STATUS" }, files.Select(f => f.WindowsPath));
        }

        [Fact]
        public void A_drive_without_the_agent_gives_nothing_and_a_bad_drive_name_is_refused()
        {
            using var drive = new TempRoot().Write("Windows/System32/drivers/etc/hosts", "127.0.0.1 localhost");
            Assert.Empty(new WindowsAgentLogFiles(drive.Path).Select());
            Assert.Empty(new WindowsAgentLogFiles(Path.Combine(drive.Path, "no-such-folder")).Select());
            var error = Assert.Throws<ArgumentException>(() => new WindowsAgentLogFiles(drive.Path, "C"));
            Assert.Equal("systemDrive", error.ParamName);
        }

        [Fact]
        public void A_link_to_a_folder_is_not_followed()
        {
            using var outside = new TempRoot().Write("secret/huge.log", "outside the drive");
            using var drive = new TempRoot().Write($"WindowsAzure/Logs/Plugins/{Plugin}/1.0.75.0/a.log", "a")
                .Link($"WindowsAzure/Logs/Plugins/{Plugin}/1.0.75.0/loop", outside.Full("secret"));
            var files = new WindowsAgentLogFiles(drive.Path).Select();
            Assert.Equal(new[] { $@"C:\WindowsAzure\Logs\Plugins\{Plugin}\1.0.75.0\a.log" }, files.Select(f => f.WindowsPath));
        }
    }
}
