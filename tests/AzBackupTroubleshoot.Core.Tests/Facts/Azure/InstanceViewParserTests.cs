using System.Text.Json;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    public class InstanceViewParserTests
    {
        internal const string Subscription = "00000000-0000-0000-0000-0000000000a1";

        private static readonly AzureVm Vm = AzureVm.FromName(Subscription, "myResourceGroup", "myVM", AzureOsType.Windows);

        /// <summary>
        /// An official example's response body, its URL placeholders ({subscription-id}, {resourceGroupName}, …) filled
        /// in as Resource Manager would: real ids never hold braces, and the id parser refuses them.
        /// </summary>
        internal static JsonElement Example(string file, string status = "200")
        {
            var text = File.ReadAllText(Path.Combine(FixtureSet.Locate(null), file))
                .Replace("{subscription-id}", Subscription).Replace("{subscriptionId}", Subscription)
                .Replace("{resourceGroupName}", "myResourceGroup").Replace("{virtualMachineName}", "myVM");
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("responses").GetProperty(status).GetProperty("body").Clone();
        }

        [Fact]
        public void ReadsTheOfficialInstanceViewExample()
        {
            var facts = InstanceViewParser.Parse(Vm, Example("VirtualMachine_Get_InstanceView.json"));

            Assert.Equal("running", facts.PowerState);
            Assert.Equal("succeeded", facts.ProvisioningState);
            Assert.Equal("Windows Server 2016 Datacenter", facts.OsName);
            Assert.False(facts.IsNotRunning);
            Assert.NotNull(facts.Agent);
            Assert.Equal("2.7.41491.949", facts.Agent!.Version);
            Assert.Equal("Ready", facts.Agent.DisplayStatus);
            Assert.Equal("GuestAgent is running and accepting new configurations.", facts.Agent.Statuses[0].Message);
            var handler = Assert.Single(facts.Agent.ExtensionHandlers);
            Assert.Equal("Microsoft.Azure.Security.IaaSAntimalware", handler.Type);
            Assert.Equal("Ready", handler.Status!.DisplayStatus);
            var extension = Assert.Single(facts.Extensions);
            Assert.Equal("IaaSAntiMalware-ext0", extension.Name);
            Assert.Equal("succeeded", extension.ProvisioningState);
            Assert.False(extension.HasFailed);
            Assert.Null(facts.SnapshotExtension);
        }

        [Fact]
        public void ReadsTheVariantWithoutExtensions()
        {
            var facts = InstanceViewParser.Parse(Vm, Example("VirtualMachine_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json"));
            Assert.Empty(facts.Extensions);
            Assert.Empty(facts.Agent!.ExtensionHandlers);
            Assert.Equal("Ready", facts.Agent.DisplayStatus);
        }

        [Fact]
        public void ReadsVmsFromListAndGetExamples()
        {
            var listed = Example("VirtualMachine_ListAll_MinimumSet_Gen.json").GetProperty("value").EnumerateArray().Select(InstanceViewParser.ParseVm).ToList();
            Assert.Equal(2, listed.Count);
            Assert.All(listed, vm => Assert.Equal(AzureOsType.Unknown, vm.OsType));
            Assert.Equal("eastus", listed[0].Location);

            var vm = InstanceViewParser.ParseVm(Example("VirtualMachine_Get.json"));
            Assert.Equal(AzureOsType.Windows, vm.OsType);
            Assert.Equal("myVM", vm.Name);
            Assert.Equal("myResourceGroup", vm.ResourceGroupName);

            var maximum = InstanceViewParser.ParseVm(Example("VirtualMachine_ListAll_MaximumSet_Gen.json").GetProperty("value")[0]);
            Assert.Equal(AzureOsType.Windows, maximum.OsType);

            using var noId = JsonDocument.Parse("{\"location\":\"eastus\"}");
            Assert.Throws<FormatException>(() => InstanceViewParser.ParseVm(noId.RootElement));
        }

        [Fact]
        public void NonObjectBodiesAreFormatErrors()
        {
            using var document = JsonDocument.Parse("[1,2]");
            var ex = Assert.Throws<FormatException>(() => InstanceViewParser.Parse(Vm, document.RootElement));
            Assert.Contains("myVM", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ReadsPowerStateAndSnapshotSubstatuses()
        {
            const string json = """
                {"statuses":[{"code":"ProvisioningState/succeeded"},{"code":"PowerState/deallocated","displayStatus":"VM deallocated"}],
                 "extensions":[{"name":"VMSnapshotLinux","type":"Microsoft.Azure.RecoveryServices.VMSnapshotLinux",
                   "statuses":[{"code":"ProvisioningState/failed/-40","level":"Error","message":"boom"}],
                   "substatuses":[{"code":"ComponentStatus/x/failed","level":"Error","message":"detail"}]}]}
                """;
            using var document = JsonDocument.Parse(json);
            var facts = InstanceViewParser.Parse(Vm, document.RootElement);
            Assert.Equal("deallocated", facts.PowerState);
            Assert.True(facts.IsNotRunning);
            Assert.Null(facts.Agent);
            var snapshot = facts.SnapshotExtension!;
            Assert.Equal("failed", snapshot.ProvisioningState);
            Assert.True(snapshot.HasFailed);
            Assert.Equal("detail", snapshot.Substatuses[0].Message);
        }
    }
}
