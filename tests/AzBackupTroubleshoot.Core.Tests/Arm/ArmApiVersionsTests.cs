using System.Text.Json;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ArmApiVersionsTests
    {
        [Theory]
        [InlineData("/subscriptions/s/providers/Microsoft.Compute/virtualMachines", ArmApiVersions.Compute)]
        [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm/instanceView", ArmApiVersions.Compute)]
        [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm/extensions/VMSnapshot", ArmApiVersions.Compute)]
        [InlineData("/subscriptions/s/providers/Microsoft.RecoveryServices/vaults", ArmApiVersions.RecoveryServicesVaults)]
        [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.RecoveryServices/vaults/v1", ArmApiVersions.RecoveryServicesVaults)]
        [InlineData("/Subscriptions/s/resourceGroups/r/providers/Microsoft.RecoveryServices/vaults/v1/backupJobs/j1", ArmApiVersions.RecoveryServicesBackup)]
        [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.RecoveryServices/vaults/v1/backupProtectedItems", ArmApiVersions.RecoveryServicesBackup)]
        [InlineData("/subscriptions/s/resourcegroups", ArmApiVersions.ResourceGroups)]
        [InlineData("/subscriptions/s/resourceGroups", ArmApiVersions.ResourceGroups)]
        [InlineData("/subscriptions/s/providers/Microsoft.Authorization/locks", ArmApiVersions.Locks)]
        [InlineData("/subscriptions/s/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Authorization/locks", ArmApiVersions.Locks)]
        [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/restorePointCollections/c/providers/Microsoft.Authorization/locks", ArmApiVersions.Locks)]
        public void PinsAVersionPerResourceType(string path, string expected) => Assert.Equal(expected, ArmApiVersions.For(path));

        [Theory]
        [InlineData("/subscriptions/s/providers/Microsoft.Storage/storageAccounts")]
        [InlineData("/subscriptions/s/resourcegroups/rg")]
        public void UnknownTypesAreRefused(string path) =>
            Assert.Throws<ArgumentException>(() => ArmApiVersions.For(path));

        [Theory]
        [InlineData("VirtualMachine_Get_InstanceView.json", ArmApiVersions.Compute)]
        [InlineData("VirtualMachine_ListAll_MaximumSet_Gen.json", ArmApiVersions.Compute)]
        [InlineData("VirtualMachineExtension_Delete_MinimumSet_Gen.json", ArmApiVersions.Compute)]
        [InlineData("ListJobs.json", ArmApiVersions.RecoveryServicesBackup)]
        [InlineData("BackupProtectedItems_List.json", ArmApiVersions.RecoveryServicesBackup)]
        public void PinnedVersionsMatchTheOfficialExamples(string file, string expected)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureSet.Locate(null), file)));
            Assert.Equal(expected, document.RootElement.GetProperty("parameters").GetProperty("api-version").GetString());
        }

        [Theory]
        [InlineData("ManagementLocks_ListAtSubscriptionLevel.json", ArmApiVersions.Locks)]
        [InlineData("ManagementLocks_ListAtResourceGroupLevel.json", ArmApiVersions.Locks)]
        [InlineData("CreateResourceGroup.json", ArmApiVersions.ResourceGroups)]
        public void PinnedVersionsMatchTheExamplesSavedWithTheSimulator(string file, string expected)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ArmSimulatorFixtures", file)));
            Assert.Equal(expected, document.RootElement.GetProperty("parameters").GetProperty("api-version").GetString());
        }
    }
}
