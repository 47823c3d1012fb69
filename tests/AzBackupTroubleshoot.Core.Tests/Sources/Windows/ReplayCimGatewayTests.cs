using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class ReplayCimGatewayTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public void Queries_return_the_captured_instances_whatever_the_namespace_spelling()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Load("healthy"));
            Assert.Equal("vm-app01", gateway.ComputerName);
            Assert.False(gateway.IsLocal);
            var services = gateway.QueryInstances(@"ROOT\CIMV2", "win32_service", "Name='VSS'", None);
            Assert.Equal(8, services.Count);
            Assert.Equal("root/cimv2", services[0].Namespace);
        }

        [Fact]
        public void A_class_not_in_the_capture_is_NotInCapture()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Load("healthy"));
            var ex = Assert.Throws<CimGatewayException>(() => gateway.QueryInstances("root/cimv2", "Win32_Product", null, None));
            Assert.Equal(CimGatewayException.NotInCapture, ex.ErrorId);
            Assert.Contains("Win32_Product", ex.Message);
        }

        [Fact]
        public void Files_are_served_as_Win32_Directory_and_CIM_DataFile()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Load("healthy"));
            var dirs = gateway.QueryInstances("root/cimv2", "Win32_Directory", null, None);
            var version = dirs.Single(d => d.GetString("Name")!.EndsWith("1.0.75.0"));
            Assert.Equal("c:", version["Drive"]);
            Assert.Equal(@"\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot\", version["Path"]);
            var exe = gateway.QueryInstances("root/cimv2", "CIM_DataFile", null, None).Single(f => (string?)f["FileName"] == "IaaSBcdrExtension");
            Assert.Equal("exe", exe["Extension"]);
            Assert.Equal("1.0.75.0", exe["Version"]);
            Assert.Equal(1213880UL, exe["FileSize"]);
        }

        [Fact]
        public void StdRegProv_reads_give_the_real_return_codes()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Load("healthy"));
            IReadOnlyDictionary<string, object?> Call(string method, string key, string? name = null) =>
                gateway.InvokeMethod("root/cimv2", "StdRegProv", method, CimRegistry.Arguments(RegistryHive.LocalMachine, key, name), None);

            Assert.Equal(2u, Call("GetStringValue", @"SOFTWARE\Nope", "x")["ReturnValue"]);
            Assert.Equal(1u, Call("GetStringValue", @"SOFTWARE\Microsoft\BCDRAGENT", "USEVSSCOPYBACKUP")["ReturnValue"]);
            Assert.Equal(CimRegistry.TypeMismatch, Call("GetStringValue", @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release")["ReturnValue"]);
            var dword = Call("GetDWORDValue", @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release");
            Assert.Equal(0u, dword["ReturnValue"]);
            Assert.Equal(528049u, dword["uValue"]);
            var empty = Call("EnumKey", @"SOFTWARE\Microsoft\BCDRAGENT");
            Assert.Equal(0u, empty["ReturnValue"]);
            Assert.Null(empty["sNames"]);
        }

        [Fact]
        public void Every_write_is_refused_as_read_only()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Load("healthy"));
            var service = gateway.QueryInstances("root/cimv2", "Win32_Service", null, None)[0];
            var args = CimRegistry.Arguments(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\BCDRAGENT", "USEVSSCOPYBACKUP");
            args["sValue"] = "TRUE";
            var writes = new System.Action[]
            {
                () => gateway.InvokeMethod("root/cimv2", "StdRegProv", "SetStringValue", args, None),
                () => gateway.InvokeMethod("root/cimv2", "StdRegProv", "CreateKey", args, None),
                () => gateway.InvokeMethod(service, "StartService", new Dictionary<string, object?>(), None),
                () => gateway.InvokeMethod("root/cimv2", "Win32_Process", "Create", new Dictionary<string, object?> { ["CommandLine"] = "cmd" }, None),
                () => gateway.CreateInstance("root/StandardCimv2", "MSFT_NetRoute", new Dictionary<string, object?>(), None),
                () => gateway.DeleteInstance(service, None),
            };
            foreach (var write in writes)
            {
                Assert.Equal(CimGatewayException.CaptureReadOnly, Assert.Throws<CimGatewayException>(write).ErrorId);
            }
        }

        [Fact]
        public void A_capture_without_a_registry_section_says_so()
        {
            var gateway = new ReplayCimGateway(WindowsExamples.Small(services: new CimObject[0]));
            var ex = Assert.Throws<CimGatewayException>(() => new CimRegistry(gateway).ReadKey(RegistryHive.LocalMachine, "SOFTWARE", None));
            Assert.Equal(CimGatewayException.NotInCapture, ex.ErrorId);
        }
    }
}
