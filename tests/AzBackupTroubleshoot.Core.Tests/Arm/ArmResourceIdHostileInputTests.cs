using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>Hostile input: resource ids that would change which resource a request addresses.</summary>
    [Trait("Category", "Hostile input")]
    public class ArmResourceIdHostileInputTests
    {
        private const string Sub = "00000000-0000-0000-0000-0000000000d4";
        private const string Rg = "/subscriptions/" + Sub + "/resourceGroups/rg";
        private const string Vms = Rg + "/providers/Microsoft.Compute/virtualMachines/";

        public static TheoryData<string> HostileIds => new TheoryData<string>
        {
            Vms + "vm?api-version=2025-04-01&x=",
            Vms + "vm#fragment",
            Vms + "..",
            Vms + ".",
            Vms + "vm/../../../other",
            "/subscriptions/" + Sub + "/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm",
            "/subscriptions/" + Sub + "/resourceGroups/rg./providers/Microsoft.Compute/virtualMachines/vm",
            Vms + "vm%2F..%2Fx",
            Vms + "vm%2fx",
            Vms + "vm%5Cx",
            Vms + "vm\\x",
            Vms + "vm\r\nX-Injected: 1",
            Vms + "vm\u0000",
            Vms + "vm\u202Egpj",
            "/subscriptions/" + Sub + "/resourceGroups//providers/Microsoft.Compute/virtualMachines/vm",
            "/subscriptions/" + Sub + "//resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
            "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
            Vms + "vm-",
            Vms + "_vm",
            Vms + "vm name",
            Vms + new string('v', 65),
            "/subscriptions/" + Sub + "/resourceGroups/" + new string('r', 91) + "/providers/Microsoft.Compute/virtualMachines/vm",
            "/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft..Compute/virtualMachines/vm",
            "https://management.azure.com" + Vms + "vm",
        };

        [Theory]
        [MemberData(nameof(HostileIds))]
        public void HostileIdsAreRefusedWithTheBadSegmentNamedAndNoRawControlCharacters(string id)
        {
            var ex = Assert.Throws<ArgumentException>(() => ArmResourceId.Parse(id));
            Assert.DoesNotContain(ex.Message, c => c == '\r' || c == '\n' || c == '\0' || c == '\u202E');
            Assert.False(ArmResourceId.TryParse(id, out var parsed, out var error));
            Assert.Null(parsed);
            Assert.NotNull(error);
            Assert.Throws<ArgumentException>(() => new AzureVm(id));
        }

        [Theory]
        [MemberData(nameof(HostileIds))]
        public void HostilePathsNeverBecomeARequestPath(string id)
        {
            Assert.Throws<ArgumentException>(() => ArmResourceId.ToRequestPath(id));
            Assert.Throws<ArgumentException>(() => ArmResourceId.ToRequestPath(id + "/extensions/VMSnapshot"));
        }

        [Fact]
        public void TheQueryInTheIssueIsRefusedNotTurnedIntoADeleteOfTheVm()
        {
            // The issue's example: the extension DELETE became …/virtualMachines/vm?api-version=…&x=/extensions/VMSnapshot.
            var ex = Assert.Throws<ArgumentException>(() => ArmResourceId.ToRequestPath(Vms + "vm?x=/extensions/VMSnapshot"));
            Assert.Contains("query or fragment", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("rg", "vm")]
        [InlineData("Rg_(test).prod", "vm-01.example_")]
        [InlineData("rg-ü-数据", "VM1")]
        public void ValidNamesParseAndRebuildFromTheirSegments(string group, string name)
        {
            var id = ArmResourceId.ForVirtualMachine(Sub, group, name);
            var parsed = ArmResourceId.Parse(id.Value);
            Assert.True(parsed.IsVirtualMachine);
            Assert.Equal(group, parsed.ResourceGroupName);
            Assert.Equal(name, parsed.Name);
            var path = ArmResourceId.ToRequestPath(parsed.Value);
            Assert.DoesNotContain(path, c => c > 0x7E || c == '?' || c == '#');
            Assert.Equal(parsed.Value, Uri.UnescapeDataString(path));
        }

        [Fact]
        public void NonAsciiGroupLettersArePercentEncodedInTheRequestPath()
        {
            var path = ArmResourceId.ToRequestPath("/subscriptions/" + Sub + "/resourceGroups/rg-ü/providers/Microsoft.Compute/virtualMachines/vm");
            Assert.Contains("/resourceGroups/rg-%C3%BC/", path, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("not-a-guid", "rg", "vm", "subscription")]
        [InlineData(Sub, "rg?x", "vm", "resource group")]
        [InlineData(Sub, "..", "vm", "resource group")]
        [InlineData(Sub, "rg", "..", "VM name")]
        [InlineData(Sub, "rg", "vm?api-version=1", "VM name")]
        [InlineData(Sub, "rg", "vm%2F", "VM name")]
        public void NamePartsAreCheckedOneByOne(string subscription, string group, string name, string part)
        {
            var ex = Assert.Throws<ArgumentException>(() => AzureVm.FromName(subscription, group, name));
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("..")]
        [InlineData("VMSnapshot?x=1")]
        [InlineData("VMSnapshot/../..")]
        [InlineData("VM%2FSnapshot")]
        [InlineData("VMSnapshot\n")]
        public void ChildNamesAreCheckedLikeAnyId(string extension)
        {
            var vm = AzureVm.FromName(Sub, "rg", "vm");
            Assert.Throws<ArgumentException>(() => vm.ResourceId.Child("extensions", extension));
        }

        [Fact]
        public void CollectionsAndActionsAfterAValidIdAreAllowed()
        {
            Assert.EndsWith("/virtualMachines/vm/instanceView", ArmResourceId.ToRequestPath(Vms + "vm/instanceView"), StringComparison.Ordinal);
            Assert.Equal("/subscriptions/" + Sub + "/resourcegroups", ArmResourceId.ToRequestPath("/subscriptions/" + Sub + "/resourcegroups"));
            var item = Rg + "/providers/Microsoft.RecoveryServices/vaults/v1/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg;vm/protectedItems/VM;iaasvmcontainerv2;rg;vm/backup";
            Assert.Equal(item, ArmResourceId.ToRequestPath(item));
            Assert.Equal("/subscriptions/" + Sub + "/providers/Microsoft.Compute/virtualMachines", ArmResourceId.SubscriptionPath(Sub, "providers", "Microsoft.Compute", "virtualMachines"));
            Assert.Throws<ArgumentException>(() => ArmResourceId.SubscriptionPath(Sub + "?x=1", "providers"));
        }
    }
}
