using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ArmResourceIdTests
    {
        private const string Sub = "00000000-0000-0000-0000-0000000000b2";

        [Fact]
        public void ParsesAVirtualMachineId()
        {
            var id = ArmResourceId.Parse("/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1/");
            Assert.True(id.IsVirtualMachine);
            Assert.Equal(Sub, id.SubscriptionId);
            Assert.Equal("rg1", id.ResourceGroupName);
            Assert.Equal("vm1", id.Name);
            Assert.Equal("/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1", id.Value);
        }

        [Fact]
        public void ChildResourcesAndOtherTypesAreNotVirtualMachines()
        {
            Assert.False(ArmResourceId.Parse("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/VMSnapshot").IsVirtualMachine);
            Assert.False(ArmResourceId.Parse("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1").IsVirtualMachine);
        }

        [Theory]
        [InlineData("")]
        [InlineData("vm1")]
        [InlineData("/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1")]
        public void RejectsTextThatIsNotAnId(string text)
        {
            var ex = Assert.Throws<ArgumentException>(() => ArmResourceId.Parse(text));
            Assert.Contains("resource", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void FindsTheSubscriptionOfAPathOrUrl()
        {
            Assert.Equal("abc", ArmResourceId.SubscriptionOf("https://management.azure.com/Subscriptions/ABC/providers/x?api-version=1"));
            Assert.Null(ArmResourceId.SubscriptionOf("/providers/Microsoft.Compute"));
        }

        [Fact]
        public void AzureVmFromIdMustMatchTheNameGivenWithIt()
        {
            const string Id = "/subscriptions/" + Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/VM1";
            Assert.Equal("VM1", AzureVm.FromId(Id, "rg1", "vm1").Name);
            var ex = Assert.Throws<ArgumentException>(() => AzureVm.FromId(Id, "rg1", "vm2"));
            Assert.Contains("another VM", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AzureVmRejectsNonVmIds()
        {
            var ex = Assert.Throws<ArgumentException>(() => new AzureVm("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"));
            Assert.Contains("not a virtual machine", ex.Message, StringComparison.Ordinal);
        }
    }
}
