using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Azure
{
    /// <summary>The edges of the Azure checks for the newer codes (the simulator scenarios cover the failing cases end to end).</summary>
    public class BackupConditionChecksTests
    {
        private const string Vault = "/subscriptions/00000000-0000-4000-8000-0000000000aa/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";
        private static readonly AzureVm Vm = AzureVm.FromName("00000000-0000-4000-8000-0000000000aa", "rg", "vm1", AzureOsType.Windows);

        private static AzureVmStorage Encrypted(int sizeGb = 128) =>
            new AzureVmStorage(new[] { new AzureVmDisk("os", true, sizeGb, true, new[] { Vault }) }, null);

        private static async Task<HealthCheckResult> Run(string id, BackupConditionEvidence conditions, BackupEvidence? backup = null)
        {
            var facts = new AzureVmFacts(Vm, "running", "succeeded", null, null, Array.Empty<AzureExtensionView>(), backup).WithConditions(conditions);
            var results = await new CheckEngine().RunAsync(facts, AzureCheckList.Create(AzureCheckListTests.Classifier), new CheckContext(Vm.Id), CancellationToken.None);
            return Assert.Single(results, r => r.CheckId == id);
        }

        private static BackupConditionEvidence With(AzureVmStorage? storage = null, IReadOnlyList<KeyVaultAccessInfo>? vaults = null, IReadOnlyList<RestorePointCollectionInfo>? collections = null) =>
            new BackupConditionEvidence(storage, null, Array.Empty<RunningBackupJob>(), null, collections, null, vaults);

        [Fact]
        public async Task A_vault_using_Azure_RBAC_is_a_warning_not_a_failure()
        {
            var result = await Run(CheckCatalog.AzureKeyVaultAccess, With(Encrypted(), new[] { new KeyVaultAccessInfo(Vault, true, Array.Empty<KeyVaultAccessPolicy>()) }));
            Assert.Equal(CheckStatus.Warning, result.Status);
        }

        [Fact]
        public async Task An_unreadable_vault_is_an_error_and_all_permissions_count_as_granted()
        {
            Assert.Equal(CheckStatus.Error, (await Run(CheckCatalog.AzureKeyVaultAccess, With(Encrypted(), new[] { new KeyVaultAccessInfo(Vault, false, Array.Empty<KeyVaultAccessPolicy>(), "403 Forbidden") }))).Status);
            var all = new KeyVaultAccessPolicy("o", new[] { "All" }, new[] { "Get", "List", "Backup" });
            Assert.Equal(CheckStatus.Passed, (await Run(CheckCatalog.AzureKeyVaultAccess, With(Encrypted(), new[] { new KeyVaultAccessInfo(Vault, false, new[] { all }) }))).Status);
        }

        [Theory]
        [InlineData(4096, true, CheckStatus.Passed)]
        [InlineData(4097, true, CheckStatus.Failed)]
        [InlineData(32768, false, CheckStatus.Passed)]
        [InlineData(32769, false, CheckStatus.Failed)]
        public async Task Disk_size_limits_are_32_TB_and_4_TB_encrypted(int sizeGb, bool encrypted, CheckStatus expected)
        {
            var storage = new AzureVmStorage(new[] { new AzureVmDisk("d", false, sizeGb, encrypted, Array.Empty<string>()) }, null);
            Assert.Equal(expected, (await Run(CheckCatalog.AzureDiskSize, With(storage))).Status);
        }

        [Theory]
        [InlineData(17, CheckStatus.Passed)]
        [InlineData(18, CheckStatus.Failed)]
        public async Task Eighteen_instant_restore_points_across_collections_fail(int second, CheckStatus expected)
        {
            var collections = new[] { new RestorePointCollectionInfo("/c1", "AzureBackupRG_westus_1", 0), new RestorePointCollectionInfo("/c2", "AzureBackupRG_westus_2", second) };
            var result = await Run(CheckCatalog.AzureRestorePointLimit, With(collections: collections));
            Assert.Equal(expected, result.Status);
            Assert.Equal(RepairAction.None, result.RepairAction);
        }

        [Fact]
        public async Task A_paused_item_fails_protection_state_and_an_active_one_passes()
        {
            BackupEvidence Item(string state) => new BackupEvidence(new[] { "/v" }, "/v", new ProtectedItemInfo("/v/item", "c", "vm1", state, "Passed", "Completed", DateTimeOffset.UtcNow), Array.Empty<BackupJobFailure>(), DateTimeOffset.UtcNow.AddDays(-7));
            Assert.Equal(CheckStatus.Failed, (await Run(CheckCatalog.AzureProtectionState, With(), Item("ProtectionPaused"))).Status);
            Assert.Equal(CheckStatus.Passed, (await Run(CheckCatalog.AzureProtectionState, With(), Item("Protected"))).Status);
        }

        [Fact]
        public async Task A_job_error_naming_RequestDisallowedByPolicy_fails_the_policy_check()
        {
            var error = new BackupJobError(400270, null, "The resource action was disallowed by policy (RequestDisallowedByPolicy): assignment 'require-tags'.", null);
            var job = new BackupJobFailure("/v/backupJobs/j1", "Backup", "Failed", DateTimeOffset.UtcNow, new[] { error }, null);
            var backup = new BackupEvidence(new[] { "/v" }, "/v", new ProtectedItemInfo("/v/item", "c", "vm1", "Protected", "ActionRequired", "Failed", null), new[] { job }, DateTimeOffset.UtcNow.AddDays(-7));
            var result = await Run(CheckCatalog.AzurePolicyDenial, With(), backup);
            Assert.Equal(CheckStatus.Failed, result.Status);
            Assert.Contains("require-tags", result.Message, StringComparison.Ordinal);
        }
    }
}
