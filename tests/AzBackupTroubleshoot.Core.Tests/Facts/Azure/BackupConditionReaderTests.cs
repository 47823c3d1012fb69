using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Azure;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Azure
{
    /// <summary>
    /// When BackupConditionReader counts a VM's restore points (one GET per collection), and what it reads from what a
    /// Resource Graph triage handed it instead of listing (the simulator tests cover the requests end to end).
    /// </summary>
    public class BackupConditionReaderTests
    {
        private const string Sub = "00000000-0000-4000-8000-0000000000aa";
        private static readonly AzureVm Vm = AzureVm.FromName(Sub, "rg", "vm1", AzureOsType.Windows);
        private static readonly string Vault = $"/subscriptions/{Sub}/resourceGroups/rg-vault/providers/Microsoft.RecoveryServices/vaults/v1";
        private static readonly string Collection = $"/subscriptions/{Sub}/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Compute/restorePointCollections/AzureBackup_vm1_1";

        private static BackupJobFailure Job(params BackupJobError[] errors) =>
            new BackupJobFailure(Vault + "/backupJobs/j" + errors.Length, "Backup", "Failed", DateTimeOffset.UtcNow.AddHours(-1), errors, null);

        private static AzureVmFacts Facts(params BackupJobFailure[] jobs) =>
            new AzureVmFacts(Vm, "running", "succeeded", null, null, Array.Empty<AzureExtensionView>(),
                new BackupEvidence(new[] { Vault }, Vault, new ProtectedItemInfo(Vault + "/item", "c", "vm1", "Protected", "ActionRequired", "Failed", null), jobs, DateTimeOffset.UtcNow.AddDays(-7)));

        private static BackupJobError Error(string code) => new BackupJobError(null, code, code + ": the job failed.", null);

        public static IEnumerable<object[]> Cases() => new[]
        {
            new object[] { "no failed job", Array.Empty<BackupJobFailure>(), false },
            new object[] { "a known other cause", new[] { Job(Error("UserErrorGuestAgentStatusUnavailable")) }, false },
            new object[] { "the restore point limit", new[] { Job(Error("UserErrorRpCollectionLimitReached")) }, true },
            new object[] { "an error the knowledge base does not know", new[] { Job(new BackupJobError(999999, null, "Something else went wrong.", null)) }, true },
            new object[] { "jobs without details only", new[] { Job(), Job() }, true },
            new object[] { "a known cause beside jobs without details", new[] { Job(Error("UserErrorGuestAgentStatusUnavailable")), Job() }, false },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Restore_points_are_counted_only_where_a_full_collection_can_be_the_cause(string what, BackupJobFailure[] jobs, bool counted)
        {
            var reader = new BackupConditionReader(new NoArm(), null, new KnowledgeBaseErrorClassifier());
            Assert.True(counted == reader.NeedsRestorePointCount(Facts(jobs)), what);

            // Without a classifier, any failed backup is counted (and unknown evidence always is).
            Assert.Equal(jobs.Length > 0, new BackupConditionReader(new NoArm()).NeedsRestorePointCount(Facts(jobs)));
            Assert.True(reader.NeedsRestorePointCount(new AzureVmFacts(Vm, "running", "succeeded", null, null, Array.Empty<AzureExtensionView>())));
        }

        [Fact]
        public async Task Handed_collections_and_jobs_are_read_without_Resource_Manager_and_an_uncounted_limit_passes_with_the_reason()
        {
            var arm = new NoArm();
            var reader = new BackupConditionReader(arm, null, new KnowledgeBaseErrorClassifier());
            var storage = new AzureVmStorage(new[] { new AzureVmDisk("os", true, 128, false, Array.Empty<string>()) }, null);
            var vm = new AzureVm(Vm.Id, AzureOsType.Windows, "westus", storage);
            // Only restore point collections in AzureBackupRG_* groups are kept (each is a GET target when counted).
            reader.UseCollections(vm.Id, new[]
            {
                Collection,
                $"/subscriptions/{Sub}/resourceGroups/rg-other/providers/Microsoft.Compute/restorePointCollections/mine",
                $"/subscriptions/{Sub}/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Compute/disks/notacollection",
                $"/subscriptions/{Sub}/resourceGroups/AzureBackupRG_westus_1/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p1",
                "not an id",
            });
            using var job = JsonDocument.Parse($"{{\"id\":\"{Vault}/backupJobs/run1\",\"properties\":{{\"containerName\":\"iaasvmcontainerv2;rg;vm1\",\"operation\":\"Backup\",\"status\":\"InProgress\",\"startTime\":\"2026-12-01T00:00:00Z\"}}}}");
            reader.UseRunningJobs(new[] { Sub }, new[] { (Vault.ToLowerInvariant(), job.RootElement.Clone()) });

            var facts = new AzureVmFacts(vm, "running", "succeeded", null, null, Array.Empty<AzureExtensionView>(), Facts(Job(Error("UserErrorGuestAgentStatusUnavailable"))).Backup);
            var conditions = await reader.ReadAsync(facts, CancellationToken.None);

            Assert.Equal(0, arm.Calls);
            Assert.Null(conditions.RestorePointCollectionsError);
            var collection = Assert.Single(conditions.RestorePointCollections!);
            Assert.Equal(Collection, collection.Id);
            Assert.False(collection.CountRead);
            Assert.Equal("Backup", Assert.Single(conditions.RunningJobs!).Operation);

            var results = await new CheckEngine().RunAsync(facts.WithConditions(conditions), AzureCheckList.Create(new KnowledgeBaseErrorClassifier()), new CheckContext(vm.Id), CancellationToken.None);
            var limit = Assert.Single(results, r => r.CheckId == CheckCatalog.AzureRestorePointLimit);
            Assert.Equal(CheckStatus.Passed, limit.Status);
            Assert.Contains("not UserErrorRpCollectionLimitReached", limit.Message, StringComparison.Ordinal);

            // A vault of a subscription Resource Graph did not cover is still listed through Resource Manager.
            var other = new BackupConditionReader(arm, null, new KnowledgeBaseErrorClassifier());
            other.UseRunningJobs(new[] { "11111111-0000-4000-8000-0000000000bb" }, Array.Empty<(string, JsonElement)>());
            other.UseCollections(vm.Id, new[] { Collection });
            Assert.Equal("not listed", (await other.ReadAsync(facts, CancellationToken.None)).RunningJobsError);
            Assert.Equal(1, arm.Calls);
        }

        /// <summary>An ARM client that answers nothing: any call is counted and fails.</summary>
        private sealed class NoArm : IArmClient
        {
            public int Calls;

            public Task<JsonElement> GetAsync(string path, string? query, CancellationToken cancellationToken) => Fail<JsonElement>();

            public Task<int> ListAsync(string path, string? query, Func<IReadOnlyList<JsonElement>, Task> onPage, CancellationToken cancellationToken) => Fail<int>();

            public Task<ArmOperationResult> DeleteAsync(string path, bool waitForCompletion, CancellationToken cancellationToken) => Fail<ArmOperationResult>();

            public Task<ArmOperationResult> PostAsync(string path, string jsonBody, bool waitForCompletion, CancellationToken cancellationToken) => Fail<ArmOperationResult>();

            private Task<T> Fail<T>()
            {
                Interlocked.Increment(ref Calls);
                throw new ArmRequestException("Forbidden", "not listed", System.Net.HttpStatusCode.Forbidden);
            }
        }
    }
}
