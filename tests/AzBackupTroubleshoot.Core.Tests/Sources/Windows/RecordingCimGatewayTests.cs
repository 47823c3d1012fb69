using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Tests.Runners;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class RecordingCimGatewayTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly Dictionary<string, object?> NoArgs = new Dictionary<string, object?>();

        private static CimObject Find(ICimGateway gateway, string name) =>
            gateway.QueryInstances("root/cimv2", "Win32_Service", null, None).Single(s => s.GetString("Name") == name);

        [Fact]
        public void Service_methods_change_state_with_the_real_return_codes()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("VSS", "Stopped", "Disabled") }));
            uint Code(string method, Dictionary<string, object?>? args = null) => (uint)gateway.InvokeMethod(Find(gateway, "VSS"), method, args ?? NoArgs, None)["ReturnValue"]!;

            Assert.Equal(14u, Code("StartService"));
            Assert.Equal(5u, Code("StopService"));
            Assert.Equal(21u, Code("ChangeStartMode", new Dictionary<string, object?> { ["StartMode"] = "Sometimes" }));
            Assert.Equal(0u, Code("ChangeStartMode", new Dictionary<string, object?> { ["StartMode"] = "Manual" }));
            Assert.Equal(0u, Code("StartService"));
            Assert.Equal(10u, Code("StartService"));
            Assert.Equal("Running", Find(gateway, "VSS").GetString("State"));
            Assert.Equal("Manual", Find(gateway, "VSS").GetString("StartMode"));
            Assert.Equal(6, gateway.Calls.Count);
            Assert.Equal("Win32_Service[VSS].ChangeStartMode StartMode=Manual", gateway.Calls[3].ToString());
        }

        [Fact]
        public void Reads_are_not_recorded_and_do_not_change_anything()
        {
            var gateway = new RecordingCimGateway(Load("healthy"));
            new AzBackupTroubleshoot.Core.Facts.Windows.WindowsFactsReader(gateway).Read(gateway.Snapshot().CapturedUtc, None);
            Assert.Empty(gateway.Calls);
        }

        [Fact]
        public void A_forced_failure_is_recorded_and_changes_nothing()
        {
            var gateway = new RecordingCimGateway(Small(services: new[] { Service("COMSysApp", "Stopped", "Manual") }));
            gateway.FailMethod("Win32_Service", "StartService", 2);
            Assert.Equal(2u, gateway.InvokeMethod(Find(gateway, "COMSysApp"), "StartService", NoArgs, None)["ReturnValue"]);
            Assert.Equal("Stopped", Find(gateway, "COMSysApp").GetString("State"));
            Assert.Single(gateway.Calls);
        }

        [Fact]
        public void Process_create_returns_a_pid_and_the_process_is_finished_at_once()
        {
            var gateway = new RecordingCimGateway(Small(services: new CimObject[0]));
            var result = gateway.InvokeMethod("root/cimv2", "Win32_Process", "Create", new Dictionary<string, object?> { ["CommandLine"] = "msiexec.exe /i C:\\a.msi" }, None);
            Assert.Equal(0u, result["ReturnValue"]);
            Assert.NotNull(result["ProcessId"]);
            Assert.Empty(gateway.QueryInstances("root/cimv2", "Win32_Process", $"ProcessId={result["ProcessId"]}", None));
            Assert.Equal("Win32_Process.Create CommandLine=msiexec.exe /i C:\\a.msi", gateway.Calls.Single().ToString());
        }

        [Fact]
        public void Created_and_deleted_instances_are_recorded_and_applied()
        {
            var gateway = new RecordingCimGateway(Load("healthy"));
            var route = gateway.CreateInstance("root/StandardCimv2", "MSFT_NetRoute", new Dictionary<string, object?> { ["DestinationPrefix"] = "20.38.0.0/16" }, None);
            Assert.Single(gateway.QueryInstances("root/StandardCimv2", "MSFT_NetRoute", null, None));
            gateway.DeleteInstance(route, None);
            Assert.Empty(gateway.QueryInstances("root/StandardCimv2", "MSFT_NetRoute", null, None));
            Assert.Equal(new[] { "CreateInstance", "DeleteInstance" }, gateway.Calls.Select(c => c.MethodName));
        }

        [Fact]
        public void The_snapshot_shows_the_applied_writes()
        {
            var gateway = new RecordingCimGateway(Load("agent-stopped"));
            gateway.InvokeMethod(Find(gateway, "WindowsAzureGuestAgent"), "StartService", NoArgs, None);
            var snapshot = gateway.Snapshot();
            Assert.Equal("Running", snapshot.Instances!["root/cimv2:Win32_Service"].Single(s => s.GetString("Name") == "WindowsAzureGuestAgent").GetString("State"));
            Assert.Equal("Stopped", Load("agent-stopped").Instances!["root/cimv2:Win32_Service"].Single(s => s.GetString("Name") == "WindowsAzureGuestAgent").GetString("State"));
        }
    }
}
