using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Windows
{
    public class WindowsAgentRepairTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly WindowsRepairTiming Fast = new WindowsRepairTiming { PollInterval = TimeSpan.FromMilliseconds(5), ServiceTimeout = TimeSpan.FromMilliseconds(300) };

        private static IReadOnlyList<RepairResult> Repair(RecordingCimGateway gateway, WindowsRepairRequest? request = null, Func<string, string, bool>? approve = null) =>
            new WindowsAgentRepair(gateway, Fast).Repair(request ?? new WindowsRepairRequest(), approve, None);

        [Fact]
        public void A_stopped_agent_is_started_and_nothing_else_is_touched_then_a_second_run_changes_nothing()
        {
            var gateway = new RecordingCimGateway(Load("agent-stopped"));
            var results = Repair(gateway);
            Assert.Equal(new[] { "Win32_Service[WindowsAzureGuestAgent].StartService" }, gateway.Calls.Select(c => c.ToString()));
            Assert.Equal(
                new[] { RepairStatus.Repaired, RepairStatus.AlreadyHealthy, RepairStatus.AlreadyHealthy, RepairStatus.AlreadyHealthy, RepairStatus.AlreadyHealthy },
                results.Select(r => r.Status));
            Assert.Equal("WindowsAzureGuestAgent: started.", results[0].Detail);
            Assert.All(results, r => Assert.Equal("vm-agent-stopped", r.Target));

            var again = Repair(gateway);
            Assert.All(again, r => Assert.Equal(RepairStatus.AlreadyHealthy, r.Status));
            Assert.Single(gateway.Calls);
        }

        [Fact]
        public void A_manual_agent_is_set_to_automatic_and_restarted()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("WindowsAzureGuestAgent", "Running", "Manual"), Service("RdAgent", "Running", "Auto") }));
            var result = new WindowsAgentRepair(gateway, Fast).RestartAgentService("WindowsAzureGuestAgent", force: false, null, None);
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.Equal(RepairAction.RestartAgent, result.Action);
            Assert.Equal(new[]
            {
                "Win32_Service[WindowsAzureGuestAgent].ChangeStartMode StartMode=Automatic",
                "Win32_Service[WindowsAzureGuestAgent].StopService",
                "Win32_Service[WindowsAzureGuestAgent].StartService",
            }, gateway.Calls.Select(c => c.ToString()));
        }

        [Fact]
        public void A_forced_restart_restarts_both_agent_services_in_order()
        {
            var gateway = new RecordingCimGateway(Load("healthy"));
            var results = Repair(gateway, new WindowsRepairRequest { ForceRestart = true, Actions = new[] { RepairAction.RestartAgent } });
            Assert.Equal(new[]
            {
                "Win32_Service[WindowsAzureGuestAgent].StopService", "Win32_Service[WindowsAzureGuestAgent].StartService",
                "Win32_Service[RdAgent].StopService", "Win32_Service[RdAgent].StartService",
            }, gateway.Calls.Select(c => c.ToString()));
            Assert.Equal(new[] { "WindowsAzureGuestAgent: restarted.", "RdAgent: restarted." }, results.Select(r => r.Detail));
        }

        [Fact]
        public void IaaSVmProvider_is_set_to_automatic_and_started()
        {
            var gateway = new RecordingCimGateway(Load("iaasvmprovider-manual"));
            var results = Repair(gateway);
            Assert.Equal(new[]
            {
                "Win32_Service[IaaSVmProvider].ChangeStartMode StartMode=Automatic",
                "Win32_Service[IaaSVmProvider].StartService",
            }, gateway.Calls.Select(c => c.ToString()));
            var provider = Assert.Single(results, r => r.Status == RepairStatus.Repaired);
            Assert.Equal((RepairAction.StartService, "IaaSVmProvider: start mode set to Automatic, started."), (provider.Action, provider.Detail));
            Repair(gateway);
            Assert.Equal(2, gateway.Calls.Count);
        }

        [Fact]
        public void Disabled_COMSysApp_and_VSS_go_to_manual_and_start()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("COMSysApp", "Stopped", "Disabled"), Service("VSS", "Stopped", "Disabled") }));
            var results = Repair(gateway, new WindowsRepairRequest { Actions = new[] { RepairAction.StartService } });
            Assert.Equal(new[]
            {
                "Win32_Service[COMSysApp].ChangeStartMode StartMode=Manual", "Win32_Service[COMSysApp].StartService",
                "Win32_Service[VSS].ChangeStartMode StartMode=Manual", "Win32_Service[VSS].StartService",
            }, gateway.Calls.Select(c => c.ToString()));
            Assert.Equal(new[] { RepairStatus.Skipped, RepairStatus.Repaired, RepairStatus.Repaired }, results.Select(r => r.Status));
            Assert.Contains("IaaSVmProvider is not installed", results[0].Detail);
        }

        [Fact]
        public void A_stopped_manual_VSS_is_left_alone_it_starts_on_demand()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("VSS", "Stopped", "Manual") }));
            var result = new WindowsAgentRepair(gateway, Fast).StartService("VSS", automatic: false, requireRunning: false, null, None);
            Assert.Equal(RepairStatus.AlreadyHealthy, result.Status);
            Assert.Empty(gateway.Calls);
        }

        [Fact]
        public void Declining_every_repair_like_WhatIf_makes_no_call()
        {
            var gateway = new RecordingCimGateway(Load("agent-stopped"));
            var asked = new List<string>();
            var results = Repair(gateway, new WindowsRepairRequest { ForceRestart = true }, (target, action) =>
            {
                asked.Add(target + " | " + action);
                return false;
            });
            Assert.Empty(gateway.Calls);
            Assert.Equal(new[] { "vm-agent-stopped | WindowsAzureGuestAgent: start", "vm-agent-stopped | RdAgent: restart" }, asked);
            Assert.Equal(new[] { RepairStatus.Skipped, RepairStatus.Skipped }, results.Take(2).Select(r => r.Status));
        }

        [Fact]
        public void A_failing_method_is_a_failed_result_naming_the_return_code_and_the_rest_goes_on()
        {
            var gateway = new RecordingCimGateway(Load("agent-stopped"));
            gateway.FailMethod("Win32_Service", "StartService", 2);
            var results = Repair(gateway);
            Assert.Equal(RepairStatus.Failed, results[0].Status);
            Assert.Contains("StartService returned 2 (Access Denied)", results[0].Detail);
            Assert.Equal(5, results.Count);
        }

        [Fact]
        public void A_service_that_never_reaches_Running_times_out()
        {
            var gateway = new RecordingCimGateway(Load("agent-stopped"));
            gateway.FailMethod("Win32_Service", "StartService", 0);
            var result = new WindowsAgentRepair(gateway, Fast).RestartAgentService("WindowsAzureGuestAgent", false, null, None);
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains("still Stopped", result.Detail);
        }

        [Fact]
        public void A_missing_agent_service_is_skipped_with_the_reinstall_hint()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("RdAgent", "Running", "Auto") }));
            var result = new WindowsAgentRepair(gateway, Fast).RestartAgentService("WindowsAzureGuestAgent", false, null, None);
            Assert.Equal(RepairStatus.Skipped, result.Status);
            Assert.Contains("-Reinstall", result.Detail);
        }

        private static HealthCheckResult Result(string checkId, CheckStatus status, RepairAction action, string remediation = "do X") =>
            new HealthCheckResult("vm1", checkId, Cause.SnapshotNotTaken, status, "m", null, remediation, action);

        [Theory]
        [InlineData(RepairAction.RestartAgent)]
        [InlineData(RepairAction.StartService)]
        [InlineData(RepairAction.ReinstallAgent)]
        public void Failed_results_with_a_Windows_repair_are_left_to_the_repair(RepairAction action)
        {
            Assert.Null(WindowsAgentRepair.Triage(Result("Windows.GuestAgentService", CheckStatus.Failed, action)));
            Assert.True(WindowsAgentRepair.Handles(action));
        }

        [Theory]
        [InlineData(CheckStatus.Passed, RepairAction.RestartAgent, "is Passed: nothing to repair")]
        [InlineData(CheckStatus.Failed, RepairAction.None, "has no automatic repair. do X")]
        [InlineData(CheckStatus.Warning, RepairAction.SetVssCopyMode, "Set-AzBackupVssCopyMode -Enabled $true")]
        [InlineData(CheckStatus.Failed, RepairAction.UninstallSnapshotExtension, "Uninstall-AzVmSnapshotExtension")]
        [InlineData(CheckStatus.Failed, RepairAction.EnableExtensions, "is a Linux repair")]
        public void Other_results_are_skipped_with_the_reason(CheckStatus status, RepairAction action, string reason)
        {
            var skipped = WindowsAgentRepair.Triage(Result("Windows.X", status, action));
            Assert.NotNull(skipped);
            Assert.Equal(RepairStatus.Skipped, skipped!.Status);
            Assert.Equal("vm1 Windows.X", skipped.Target);
            Assert.Contains(reason, skipped.Detail);
        }
    }
}
