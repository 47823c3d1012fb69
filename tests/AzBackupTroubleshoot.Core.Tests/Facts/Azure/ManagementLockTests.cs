using System.Text.Json;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Tests.Runners;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    public class ManagementLockTests
    {
        /// <summary>An official example saved verbatim in the simulator's Fixtures folder (copied beside the tests).</summary>
        internal static JsonElement SimulatorExample(string file)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ArmSimulatorFixtures", file)));
            return document.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").Clone();
        }

        [Theory]
        [InlineData("ManagementLocks_ListAtResourceGroupLevel.json")]
        [InlineData("ManagementLocks_ListAtSubscriptionLevel.json")]
        public void ReadsTheOfficialExamples(string file)
        {
            var item = SimulatorExample(file).GetProperty("value").EnumerateArray().Single();
            var parsed = ManagementLock.Parse(item);

            Assert.Equal("/subscriptions/subscriptionId/resourceGroups/resourcegroupname/providers/Microsoft.Authorization/locks/testlock", parsed.Id);
            Assert.Equal("testlock", parsed.Name);
            Assert.Equal("ReadOnly", parsed.Level);
            Assert.Null(parsed.Notes);
            Assert.Equal(ManagementLockScope.ResourceGroup, parsed.Scope);
            Assert.Equal("subscriptionId", parsed.SubscriptionId);
            Assert.Equal("resourcegroupname", parsed.ResourceGroupName);
            Assert.Equal("/subscriptions/subscriptionId/resourceGroups/resourcegroupname", parsed.ScopeId);
            Assert.True(parsed.BlocksDelete);
            Assert.Equal("ReadOnly lock 'testlock' on resource group resourcegroupname", parsed.Describe());
        }

        [Fact]
        public void TellsSubscriptionResourceGroupAndResourceLocksApart()
        {
            var subscription = new ManagementLock("/subscriptions/s1/providers/Microsoft.Authorization/locks/all", "CanNotDelete", "keep everything");
            Assert.Equal(ManagementLockScope.Subscription, subscription.Scope);
            Assert.Null(subscription.ResourceGroupName);
            Assert.Equal("keep everything", subscription.Notes);
            Assert.Contains("the subscription", subscription.Describe(), StringComparison.Ordinal);

            var resource = new ManagementLock(
                "/subscriptions/s1/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Compute/restorePointCollections/AzureBackup_vm1_123/providers/Microsoft.Authorization/locks/rpc",
                "CanNotDelete", null);
            Assert.Equal(ManagementLockScope.Resource, resource.Scope);
            Assert.Equal("AzureBackupRG_westus_1", resource.ResourceGroupName);
            Assert.Equal("rpc", resource.Name);
            Assert.Equal("CanNotDelete lock 'rpc' on resource AzureBackup_vm1_123 in AzureBackupRG_westus_1", resource.Describe());
        }

        [Fact]
        public void OnlyCanNotDeleteAndReadOnlyBlockDeletion()
        {
            Assert.True(new ManagementLock("/subscriptions/s/providers/Microsoft.Authorization/locks/a", "cannotdelete", null).BlocksDelete);
            var unspecified = new ManagementLock("/subscriptions/s/providers/Microsoft.Authorization/locks/b", null, " ");
            Assert.Equal("NotSpecified", unspecified.Level);
            Assert.Null(unspecified.Notes);
            Assert.False(unspecified.BlocksDelete);
        }

        [Theory]
        [InlineData("{\"properties\":{\"level\":\"ReadOnly\"}}")]
        [InlineData("{\"id\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\"}")]
        [InlineData("{\"id\":\"/providers/Microsoft.Authorization/locks/x\"}")]
        [InlineData("{\"id\":\"/subscriptions/s/locks/providers/Microsoft.Authorization/locks/x\"}")]
        public void AnItemWithoutALockIdIsAFormatErrorNamingIt(string json)
        {
            using var document = JsonDocument.Parse(json);
            var error = Assert.Throws<FormatException>(() => ManagementLock.Parse(document.RootElement));
            Assert.StartsWith("A management lock could not be read:", error.Message, StringComparison.Ordinal);
        }
    }
}
