using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Windows
{
    public class AgentReinstallerTests
    {
        private const string Msi = @"C:\Temp\Agent Install\WindowsAzureVmAgent.2.7.41491.1130.msi";
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly WindowsRepairTiming Fast = new WindowsRepairTiming { PollInterval = TimeSpan.FromMilliseconds(5) };

        private static CimCapture WithInstaller(string example)
        {
            var capture = WindowsExamples.Load(example);
            return new CimCapture(capture.ComputerName, capture.CapturedUtc, capture.Instances, capture.Registry, capture.Files!.Concat(new[] { new CapturedFile(Msi, false, 5242880) }).ToArray());
        }

        [Fact]
        public void Finds_the_installed_agent_product_by_its_display_name()
        {
            var products = new AgentReinstaller(new ReplayCimGateway(WindowsExamples.Load("agent-too-old"))).FindInstalledAgents(None);
            var product = Assert.Single(products);
            Assert.Equal("{61A4E5A4-0E4C-4B2D-8A7B-30C8D2F1E6B9}", product.Key);
            Assert.Equal("Windows Azure VM Agent - 2.7.41491.901", product.Value);
        }

        [Fact]
        public void Uninstalls_then_installs_through_Win32_Process_Create_with_quoted_paths()
        {
            var gateway = new RecordingCimGateway(WithInstaller("agent-too-old"));
            var result = new AgentReinstaller(gateway, Fast).Reinstall(Msi, @"C:\Windows\Temp\agent install.log", null, None);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal(RepairAction.ReinstallAgent, result.Action);
            Assert.Equal(new[]
            {
                @"msiexec.exe /x {61A4E5A4-0E4C-4B2D-8A7B-30C8D2F1E6B9} /quiet /norestart /l*v ""C:\Windows\Temp\agent install.uninstall.log""",
                @"msiexec.exe /i ""C:\Temp\Agent Install\WindowsAzureVmAgent.2.7.41491.1130.msi"" /quiet /norestart /l*v ""C:\Windows\Temp\agent install.log""",
            }, gateway.Calls.Select(c => (string)c.Arguments["CommandLine"]!));
            Assert.All(gateway.Calls, c => Assert.Equal(("root/cimv2", "Win32_Process", "Create"), (c.Namespace, c.ClassName, c.MethodName)));
            Assert.Contains("Uninstalled Windows Azure VM Agent - 2.7.41491.901", result.Detail);
            Assert.Contains(@"Log: C:\Windows\Temp\agent install.log", result.Detail);
        }

        [Fact]
        public void The_default_log_goes_to_the_windows_temp_folder_with_a_time_stamp()
        {
            var gateway = new RecordingCimGateway(WithInstaller("healthy"));
            var results = new WindowsAgentRepair(gateway, Fast, () => new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero))
                .Repair(new WindowsRepairRequest { Reinstall = true, InstallerPath = Msi, Actions = Array.Empty<RepairAction>() }, null, None);
            Assert.Equal(RepairStatus.Repaired, Assert.Single(results).Status);
            Assert.EndsWith(@"/l*v ""C:\Windows\Temp\AzBackupTroubleshoot-VmAgentInstall-20251120-100000.log""", (string)gateway.Calls.Last().Arguments["CommandLine"]!);
        }

        [Theory]
        [InlineData(@"\\server\share\agent.msi")]
        [InlineData(@"C:\Temp\agent.exe")]
        [InlineData("agent.msi")]
        public void Bad_installer_paths_fail_without_any_call(string path)
        {
            var gateway = new RecordingCimGateway(WithInstaller("healthy"));
            var result = new AgentReinstaller(gateway, Fast).Reinstall(path, @"C:\Windows\Temp\a.log", null, None);
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains(path, result.Detail);
            Assert.Empty(gateway.Calls);
        }

        [Fact]
        public void An_installer_missing_on_the_target_fails_without_any_call()
        {
            var gateway = new RecordingCimGateway(WindowsExamples.Load("healthy"));
            var result = new AgentReinstaller(gateway, Fast).Reinstall(Msi, @"C:\Windows\Temp\a.log", null, None);
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains("does not exist on vm-app01", result.Detail);
            Assert.Empty(gateway.Calls);
        }

        [Fact]
        public void Declining_makes_no_call_and_says_what_would_have_run()
        {
            var gateway = new RecordingCimGateway(WithInstaller("agent-too-old"));
            var asked = new List<string>();
            var result = new AgentReinstaller(gateway, Fast).Reinstall(Msi, @"C:\Windows\Temp\a.log", (t, a) =>
            {
                asked.Add(a);
                return false;
            }, None);
            Assert.Equal(RepairStatus.Skipped, result.Status);
            Assert.Empty(gateway.Calls);
            Assert.Equal(new[] { $"Uninstall Windows Azure VM Agent - 2.7.41491.901 {{61A4E5A4-0E4C-4B2D-8A7B-30C8D2F1E6B9}}, then install {Msi}" }, asked);
        }

        [Fact]
        public void A_failing_process_create_is_a_failed_result()
        {
            var gateway = new RecordingCimGateway(WithInstaller("agent-too-old"));
            gateway.FailMethod("Win32_Process", "Create", 2);
            var result = new AgentReinstaller(gateway, Fast).Reinstall(Msi, @"C:\Windows\Temp\a.log", null, None);
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains("returned 2", result.Detail);
            Assert.Single(gateway.Calls);
        }

        [Fact]
        public void Reinstall_without_an_installer_path_is_a_failed_result()
        {
            var gateway = new RecordingCimGateway(WithInstaller("healthy"));
            var result = new WindowsAgentRepair(gateway, Fast).Repair(new WindowsRepairRequest { Reinstall = true, Actions = Array.Empty<RepairAction>() }, null, None);
            Assert.Contains("-InstallerPath", Assert.Single(result).Detail);
            Assert.Empty(gateway.Calls);
        }
    }
}
