using System.Collections.Concurrent;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>
    /// Reads the Azure-side conditions the agent articles' newer codes name (see <see cref="BackupConditionEvidence"/>):
    /// the VM model's disks (when the VM was not read from a list or GET already), the VM's unfinished jobs (Jobs_List,
    /// status InProgress, once per vault), its restore point collections in AzureBackupRG_* groups
    /// (RestorePointCollections_ListAll once per subscription; then one GET with $expand=restorePoints per collection of
    /// the VM, only where a full collection can be why its backups fail: see <see cref="NeedsRestorePointCount"/>) and the
    /// key vaults of encrypted disks (Vaults_Get once per vault). Answers shared by many VMs are read once per reader; a
    /// part that cannot be read is reported as such, never guessed. A Resource Graph triage can hand the reader what it
    /// already read (<see cref="UseCollections"/>, <see cref="UseRunningJobs"/>): the same answers from another source, so
    /// a VM gets the same results either way.
    /// </summary>
    public sealed class BackupConditionReader
    {
        private readonly IArmClient _arm;
        private readonly Func<DateTimeOffset> _clock;
        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<JsonElement>>>> _vaultJobs =
            new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<JsonElement>>>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<(string Id, string Source)>>>> _collections =
            new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<(string Id, string Source)>>>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, Lazy<Task<KeyVaultAccessInfo>>> _keyVaults =
            new ConcurrentDictionary<string, Lazy<Task<KeyVaultAccessInfo>>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, IReadOnlyList<(string Id, string Source)>> _vmCollections =
            new ConcurrentDictionary<string, IReadOnlyList<(string Id, string Source)>>(StringComparer.OrdinalIgnoreCase);

        private readonly ConcurrentDictionary<string, bool> _runningJobScopes = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        private readonly IBackupErrorClassifier? _classifier;
        private volatile bool _runningJobsEverywhere;

        /// <summary>Creates a reader with an empty cache.</summary>
        /// <param name="arm">The Resource Manager client.</param>
        /// <param name="clock">The clock (tests fix it).</param>
        /// <param name="classifier">
        /// Classifies the VM's failed jobs' errors, so that restore points are counted only where a full collection can
        /// be the cause (<see cref="NeedsRestorePointCount"/>); without one, they are counted after any failed backup.
        /// </param>
        public BackupConditionReader(IArmClient arm, Func<DateTimeOffset>? clock = null, IBackupErrorClassifier? classifier = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _classifier = classifier;
        }

        /// <summary>
        /// Whether the VM's restore points must be counted: its backup evidence is unknown, no failed job of the window has
        /// error details, or a failed job's details hold an error the knowledge base does not know or whose cause is the
        /// restore point limit or a lock on the restore point resource group (UserErrorRpCollectionLimitReached: "Only 18 instant RPs can
        /// be associated with a VM", current article). A job that failed for a known other reason (for example
        /// UserErrorGuestAgentStatusUnavailable) did not fail because the collection is full: Azure Backup names that code
        /// when it is. Counting costs one request per collection, which a tenant scan cannot spend on every failing VM.
        /// </summary>
        public bool NeedsRestorePointCount(AzureVmFacts facts)
        {
            if (facts is null)
            {
                throw new ArgumentNullException(nameof(facts));
            }

            if (facts.Backup is null || facts.BackupReadError != null)
            {
                return true;
            }

            if (_classifier is null)
            {
                return facts.Backup.FailedJobs.Count > 0;
            }

            // Only the newest failures' details are read (BackupEvidenceOptions.MaxJobDetailsPerVm, the triage's newest job):
            // the jobs read without them say nothing either way, unless no job has them.
            var detailed = facts.Backup.FailedJobs.Where(job => job.Errors.Count > 0).ToList();
            return (facts.Backup.FailedJobs.Count > 0 && detailed.Count == 0) || detailed.Any(job => job.Errors.Any(error =>
                _classifier.Classify(error) is not { } known || known.Cause == Checks.Cause.RestorePointLimit || known.Cause == Checks.Cause.ResourceGroupLocked));
        }

        /// <summary>
        /// The VM's restore point collections (id, source VM id), as Resource Graph listed them: the reader lists no
        /// subscription for this VM. Only collections in AzureBackupRG_* groups are kept, as the list would keep them.
        /// </summary>
        public void UseCollections(string vmId, IEnumerable<string> collectionIds)
        {
            if (vmId is null || collectionIds is null)
            {
                throw new ArgumentNullException(vmId is null ? nameof(vmId) : nameof(collectionIds));
            }

            // Each id is a GET target later ($expand=restorePoints): only restore point collections, in AzureBackupRG_* groups.
            _vmCollections[vmId.TrimEnd('/')] = collectionIds.Where(id => IsCollection(id) && InBackupGroup(id)).OrderBy(id => id, StringComparer.OrdinalIgnoreCase).Select(id => (id, vmId)).ToList();
        }

        /// <summary>
        /// The unfinished Azure VM backup jobs of every vault in <paramref name="subscriptionIds"/> (null: in every
        /// subscription, for a management group or tenant scope), as Resource Graph listed them (Jobs_List items' shape:
        /// id and properties): no vault of those subscriptions is listed by Resource Manager. A vault with no row has no
        /// unfinished job.
        /// </summary>
        public void UseRunningJobs(IEnumerable<string>? subscriptionIds, IEnumerable<(string VaultId, JsonElement Job)> jobs)
        {
            if (jobs is null)
            {
                throw new ArgumentNullException(nameof(jobs));
            }

            foreach (var group in jobs.GroupBy(j => j.VaultId.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            {
                IReadOnlyList<JsonElement> list = group.Select(j => j.Job).ToList();
                _vaultJobs[group.Key] = new Lazy<Task<IReadOnlyList<JsonElement>>>(() => Task.FromResult(list));
            }

            if (subscriptionIds is null)
            {
                _runningJobsEverywhere = true;
                return;
            }

            foreach (var subscription in subscriptionIds)
            {
                _runningJobScopes[subscription] = true;
            }
        }

        /// <summary>The default of <see cref="RunningJobLookback"/>.</summary>
        public static readonly TimeSpan DefaultRunningJobLookback = TimeSpan.FromDays(7);

        /// <summary>How far back unfinished jobs are looked for (a backup job can run for a day or more).</summary>
        public TimeSpan RunningJobLookback { get; set; } = DefaultRunningJobLookback;

        /// <summary>The most restore point collections of one VM whose restore points are counted.</summary>
        public int MaxCollectionsPerVm { get; set; } = 8;

        /// <summary>Reads the conditions of a VM whose backup evidence (vault, item) is already in <paramref name="facts"/>.</summary>
        public async Task<BackupConditionEvidence> ReadAsync(AzureVmFacts facts, CancellationToken cancellationToken)
        {
            if (facts is null)
            {
                throw new ArgumentNullException(nameof(facts));
            }

            var storageTask = StorageAsync(facts.Vm, cancellationToken);
            var jobsTask = RunningJobsAsync(facts, cancellationToken);
            // A full collection fails backups (UserErrorRpCollectionLimitReached): count only where that can be the cause.
            var count = NeedsRestorePointCount(facts);
            var collectionsTask = CollectionsAsync(facts.Vm, count, cancellationToken);
            var (storage, storageError) = await storageTask.ConfigureAwait(false);
            IReadOnlyList<KeyVaultAccessInfo>? vaults = null;
            if (storage != null && storage.IsEncrypted)
            {
                vaults = await Task.WhenAll(storage.KeyVaultIds.Select(id => Cached(_keyVaults, id, () => KeyVaultAsync(id, cancellationToken)))).ConfigureAwait(false);
            }

            var (jobs, jobsError) = await jobsTask.ConfigureAwait(false);
            var (collections, collectionsError) = await collectionsTask.ConfigureAwait(false);
            return new BackupConditionEvidence(storage, storageError, jobs, jobsError, collections, collectionsError, vaults);
        }

        private async Task<(AzureVmStorage?, string?)> StorageAsync(AzureVm vm, CancellationToken cancellationToken)
        {
            if (vm.Storage != null)
            {
                return (vm.Storage, null);
            }

            try
            {
                var model = await _arm.GetAsync(vm.Id, null, cancellationToken).ConfigureAwait(false);
                var storage = AzureVmStorage.Parse(model);
                return storage is null ? (null, "the VM model has no storageProfile") : (storage, null);
            }
            catch (ArmRequestException ex)
            {
                return (null, ex.Message);
            }
        }

        private async Task<(IReadOnlyList<RunningBackupJob>?, string?)> RunningJobsAsync(AzureVmFacts facts, CancellationToken cancellationToken)
        {
            var backup = facts.Backup;
            if (backup is null || backup.VaultsSearched.Count == 0)
            {
                return (null, facts.BackupReadError);
            }

            var container = $"iaasvmcontainerv2;{facts.Vm.ResourceGroupName};{facts.Vm.Name}";
            var running = new List<RunningBackupJob>();
            try
            {
                // The protecting vault first, then the others searched: an old vault may still run a job (the article's step 3).
                var vaults = new[] { backup.VaultId }.Concat(backup.VaultsSearched).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase);
                foreach (var vault in vaults)
                {
                    foreach (var job in await Cached(_vaultJobs, vault!.TrimEnd('/'), () => VaultJobsAsync(vault!, cancellationToken)).ConfigureAwait(false))
                    {
                        var properties = JsonText.Property(job, "properties");
                        if (!properties.HasValue)
                        {
                            continue;
                        }

                        var jobContainer = JsonText.String(properties.Value, "containerName");
                        var ours = jobContainer != null
                            ? string.Equals(jobContainer, container, StringComparison.OrdinalIgnoreCase) || string.Equals(jobContainer, backup.Item?.ContainerName, StringComparison.OrdinalIgnoreCase)
                            : string.Equals(vault, backup.VaultId, StringComparison.OrdinalIgnoreCase) && string.Equals(JsonText.String(properties.Value, "entityFriendlyName"), facts.Vm.Name, StringComparison.OrdinalIgnoreCase);
                        if (ours)
                        {
                            running.Add(new RunningBackupJob(JsonText.String(job, "id") ?? string.Empty, vault!, JsonText.String(properties.Value, "operation"),
                                JsonText.String(properties.Value, "status"), Date(JsonText.String(properties.Value, "startTime"))));
                        }
                    }
                }
            }
            catch (ArmRequestException ex)
            {
                return (null, ex.Message);
            }

            return (running, null);
        }

        private async Task<IReadOnlyList<JsonElement>> VaultJobsAsync(string vault, CancellationToken cancellationToken)
        {
            if (_runningJobsEverywhere || (ArmResourceId.SubscriptionOf(vault) is string subscription && _runningJobScopes.ContainsKey(subscription)))
            {
                // Resource Graph listed this subscription's unfinished jobs, and this vault had none.
                return Array.Empty<JsonElement>();
            }

            var now = _clock();
            var filter = $"startTime eq '{BackupEvidenceReader.FilterTime(now - RunningJobLookback)}' and endTime eq '{BackupEvidenceReader.FilterTime(now)}' and backupManagementType eq 'AzureIaasVM' and status eq 'InProgress'";
            var jobs = new List<JsonElement>();
            await _arm.ListAsync(vault + "/backupJobs", "$filter=" + Uri.EscapeDataString(filter), page =>
            {
                jobs.AddRange(page.Select(j => j.Clone()));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return jobs;
        }

        private async Task<(IReadOnlyList<RestorePointCollectionInfo>?, string?)> CollectionsAsync(AzureVm vm, bool count, CancellationToken cancellationToken)
        {
            try
            {
                var all = _vmCollections.TryGetValue(vm.Id.TrimEnd('/'), out var known)
                    ? known
                    : await Cached(_collections, vm.SubscriptionId, () => ListCollectionsAsync(vm.SubscriptionId, cancellationToken)).ConfigureAwait(false);
                var mine = all.Where(c => string.Equals(c.Source.TrimEnd('/'), vm.Id.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                    .OrderBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Take(Math.Max(1, MaxCollectionsPerVm)).ToList();
                if (!count)
                {
                    return (mine.Select(c => new RestorePointCollectionInfo(c.Id, ArmResourceId.Parse(c.Id).ResourceGroupName ?? string.Empty, null, countRead: false)).ToList(), null);
                }

                var counted = await Task.WhenAll(mine.Select(c => CountAsync(c.Id, cancellationToken))).ConfigureAwait(false);
                return (counted, null);
            }
            catch (ArmRequestException ex)
            {
                return (null, ex.Message);
            }
        }

        private async Task<IReadOnlyList<(string Id, string Source)>> ListCollectionsAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var found = new List<(string Id, string Source)>();
            await _arm.ListAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.Compute/restorePointCollections", null, page =>
            {
                foreach (var item in page)
                {
                    var id = JsonText.String(item, "id");
                    var source = JsonText.PathString(item, "properties", "source", "id");
                    if (id is null || source is null || !InBackupGroup(id))
                    {
                        continue;
                    }

                    found.Add((id, source));
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return found;
        }

        private async Task<RestorePointCollectionInfo> CountAsync(string id, CancellationToken cancellationToken)
        {
            var group = ArmResourceId.Parse(id).ResourceGroupName ?? string.Empty;
            var collection = await _arm.GetAsync(id, "$expand=restorePoints", cancellationToken).ConfigureAwait(false);
            var points = JsonText.Path(collection, "properties", "restorePoints");
            return new RestorePointCollectionInfo(id, group, points.HasValue && points.Value.ValueKind == JsonValueKind.Array ? points.Value.GetArrayLength() : (int?)null);
        }

        private async Task<KeyVaultAccessInfo> KeyVaultAsync(string id, CancellationToken cancellationToken)
        {
            ArmResourceId parsed;
            try
            {
                parsed = ArmResourceId.Parse(id);
            }
            catch (ArgumentException ex)
            {
                return new KeyVaultAccessInfo(id, false, Array.Empty<KeyVaultAccessPolicy>(), ex.Message);
            }

            if (!string.Equals(parsed.Provider, "Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase) || !string.Equals(parsed.Type, "vaults", StringComparison.OrdinalIgnoreCase) || parsed.Name is null)
            {
                return new KeyVaultAccessInfo(id, false, Array.Empty<KeyVaultAccessPolicy>(), "not a Microsoft.KeyVault/vaults id");
            }

            try
            {
                var vault = await _arm.GetAsync(parsed.Value, null, cancellationToken).ConfigureAwait(false);
                var properties = JsonText.Property(vault, "properties");
                var rbac = properties.HasValue && JsonText.Property(properties.Value, "enableRbacAuthorization") is { } r && r.ValueKind == JsonValueKind.True;
                var policies = new List<KeyVaultAccessPolicy>();
                var list = properties.HasValue ? JsonText.Property(properties.Value, "accessPolicies") : null;
                if (list.HasValue && list.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var policy in list.Value.EnumerateArray())
                    {
                        policies.Add(new KeyVaultAccessPolicy(JsonText.String(policy, "objectId") ?? string.Empty,
                            Permissions(policy, "keys"), Permissions(policy, "secrets")));
                    }
                }

                return new KeyVaultAccessInfo(parsed.Value, rbac, policies);
            }
            catch (ArmRequestException ex)
            {
                return new KeyVaultAccessInfo(parsed.Value, false, Array.Empty<KeyVaultAccessPolicy>(), ex.Message);
            }
        }

        private static IReadOnlyList<string> Permissions(JsonElement policy, string kind)
        {
            var array = JsonText.Path(policy, "permissions", kind);
            return array.HasValue && array.Value.ValueKind == JsonValueKind.Array
                ? array.Value.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
        }


        private static bool IsCollection(string id) =>
            ArmResourceId.TryParse(id, out var parsed, out _)
            && string.Equals(parsed!.Provider, "Microsoft.Compute", StringComparison.OrdinalIgnoreCase)
            && string.Equals(parsed.Type, "restorePointCollections", StringComparison.OrdinalIgnoreCase)
            && parsed.Value.Count(c => c == '/') == 8;

        private static bool InBackupGroup(string id) =>
            ArmResourceId.TryParse(id, out var parsed, out _)
            && parsed!.ResourceGroupName?.StartsWith(RestorePointLockReader.ResourceGroupPrefix, StringComparison.OrdinalIgnoreCase) == true;

        private static Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> read) =>
            cache.GetOrAdd(key, _ => new Lazy<Task<T>>(read)).Value;

        private static DateTimeOffset? Date(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : (DateTimeOffset?)null;
    }
}
