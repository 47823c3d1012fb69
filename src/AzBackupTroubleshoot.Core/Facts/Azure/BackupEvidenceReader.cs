using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>Settings of a <see cref="BackupEvidenceReader"/>.</summary>
    public sealed class BackupEvidenceOptions
    {
        /// <summary>How far back failed jobs are read.</summary>
        public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

        /// <summary>The newest failed jobs kept per VM.</summary>
        public int MaxFailedJobsPerVm { get; set; } = 3;

        /// <summary>
        /// Of those, how many (newest first) get their details (errorDetails) read when the job list lacks them: one GET
        /// each, spent from the same read bucket as the instance views. The check reports the newest job's errors.
        /// </summary>
        public int MaxJobDetailsPerVm { get; set; } = 1;

        /// <summary>How many job-detail requests run at once.</summary>
        public int MaxParallelism { get; set; } = 8;

        /// <summary>The current time (tests).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    }

    /// <summary>The backup evidence of every VM protected in a set of vaults.</summary>
    public sealed class BackupEvidenceIndex
    {
        private readonly Dictionary<string, BackupEvidence> _byVm;

        internal BackupEvidenceIndex(IReadOnlyList<string> vaults, DateTimeOffset since, Dictionary<string, BackupEvidence> byVm)
        {
            VaultsSearched = vaults;
            Since = since;
            _byVm = byVm;
        }

        /// <summary>The vaults read.</summary>
        public IReadOnlyList<string> VaultsSearched { get; }

        /// <summary>The start of the job window.</summary>
        public DateTimeOffset Since { get; }

        /// <summary>How many VMs the vaults protect.</summary>
        public int ProtectedCount => _byVm.Count;

        /// <summary>The evidence for a VM; its <see cref="BackupEvidence.Item"/> is null when no vault protects it.</summary>
        public BackupEvidence For(AzureVm vm) =>
            _byVm.TryGetValue(Key(vm.Id), out var evidence) ? evidence : new BackupEvidence(VaultsSearched, null, null, Array.Empty<BackupJobFailure>(), Since);

        internal static string Key(string id) => id.Trim().TrimEnd('/').ToLowerInvariant();
    }

    /// <summary>
    /// Reads Recovery Services vaults: their VM backup items (BackupProtectedItems_List) and failed backup jobs
    /// (Jobs_List with a status filter), with job details (errorDetails) fetched for the newest failures per VM.
    /// A handful of list requests per vault, whatever the number of VMs.
    /// </summary>
    public sealed class BackupEvidenceReader
    {
        private readonly IArmClient _arm;
        private readonly BackupEvidenceOptions _options;

        /// <summary>Creates a reader.</summary>
        public BackupEvidenceReader(IArmClient arm, BackupEvidenceOptions? options = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _options = options ?? new BackupEvidenceOptions();
        }

        /// <summary>The ids of the Recovery Services vaults in a subscription.</summary>
        public async Task<IReadOnlyList<string>> ListVaultsAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var vaults = new List<string>();
            await _arm.ListAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.RecoveryServices/vaults", null, page =>
            {
                vaults.AddRange(page.Select(v => JsonText.String(v, "id")).Where(id => !string.IsNullOrEmpty(id))!);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return vaults;
        }

        /// <summary>Reads the protected items and failed jobs of the vaults.</summary>
        public async Task<BackupEvidenceIndex> ReadAsync(IReadOnlyList<string> vaultIds, CancellationToken cancellationToken)
        {
            var vaults = (vaultIds ?? Array.Empty<string>()).Select(v => v.Trim().TrimEnd('/')).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var now = _options.Clock();
            var since = now - _options.Lookback;
            var byVm = new Dictionary<string, BackupEvidence>(StringComparer.Ordinal);
            using (var throttle = new SemaphoreSlim(Math.Max(1, _options.MaxParallelism)))
            {
                foreach (var vault in vaults)
                {
                    foreach (var pair in await ReadVaultAsync(vaults, vault, since, now, throttle, cancellationToken).ConfigureAwait(false))
                    {
                        if (!byVm.ContainsKey(pair.Key))
                        {
                            byVm.Add(pair.Key, pair.Value);
                        }
                    }
                }
            }

            return new BackupEvidenceIndex(vaults, since, byVm);
        }

        /// <summary>The vault and protected item of a VM, searching the given vaults in turn; null when none protects it.</summary>
        public async Task<(string Vault, ProtectedItemInfo Item)?> FindProtectedItemAsync(AzureVm vm, IReadOnlyList<string> vaultIds, CancellationToken cancellationToken)
        {
            var key = BackupEvidenceIndex.Key(vm.Id);
            foreach (var vault in vaultIds ?? Array.Empty<string>())
            {
                foreach (var (vmKey, item) in await ReadItemsAsync(vault.Trim().TrimEnd('/'), cancellationToken).ConfigureAwait(false))
                {
                    if (vmKey == key)
                    {
                        return (vault.Trim().TrimEnd('/'), item);
                    }
                }
            }

            return null;
        }

        /// <summary>How many backup jobs of the item were started by a user (isUserTriggered) between the two times.</summary>
        public async Task<int> CountUserTriggeredBackupsAsync(string vault, ProtectedItemInfo item, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            var filter = $"startTime eq '{FilterTime(from)}' and endTime eq '{FilterTime(to)}' and operation eq 'Backup' and backupManagementType eq 'AzureIaasVM'";
            var count = 0;
            await _arm.ListAsync(vault + "/backupJobs", "$filter=" + Uri.EscapeDataString(filter), page =>
            {
                foreach (var job in page)
                {
                    var properties = JsonText.Property(job, "properties");
                    if (!properties.HasValue)
                    {
                        continue;
                    }

                    var container = JsonText.String(properties.Value, "containerName");
                    var name = JsonText.String(properties.Value, "entityFriendlyName");
                    var ours = container != null
                        ? string.Equals(container, item.ContainerName, StringComparison.OrdinalIgnoreCase)
                        : string.Equals(name, item.FriendlyName, StringComparison.OrdinalIgnoreCase);
                    var user = JsonText.Property(properties.Value, "isUserTriggered");
                    if (ours && user.HasValue && user.Value.ValueKind == JsonValueKind.True)
                    {
                        count++;
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return count;
        }

        private async Task<List<(string VmKey, ProtectedItemInfo Item)>> ReadItemsAsync(string vault, CancellationToken cancellationToken)
        {
            var items = new List<(string VmKey, ProtectedItemInfo Item)>();
            var itemFilter = "$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'");
            await _arm.ListAsync(vault + "/backupProtectedItems", itemFilter, page =>
            {
                foreach (var element in page)
                {
                    var properties = JsonText.Property(element, "properties");
                    if (!properties.HasValue)
                    {
                        continue;
                    }

                    var vmId = JsonText.String(properties.Value, "virtualMachineId") ?? JsonText.String(properties.Value, "sourceResourceId");
                    if (string.IsNullOrEmpty(vmId))
                    {
                        continue;
                    }

                    items.Add((BackupEvidenceIndex.Key(vmId!), new ProtectedItemInfo(
                        JsonText.String(element, "id") ?? string.Empty,
                        JsonText.String(properties.Value, "containerName"),
                        JsonText.String(properties.Value, "friendlyName"),
                        JsonText.String(properties.Value, "protectionState"),
                        JsonText.String(properties.Value, "healthStatus"),
                        JsonText.String(properties.Value, "lastBackupStatus"),
                        Date(JsonText.String(properties.Value, "lastBackupTime")))));
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return items;
        }

        private async Task<Dictionary<string, BackupEvidence>> ReadVaultAsync(IReadOnlyList<string> vaults, string vault, DateTimeOffset since, DateTimeOffset now, SemaphoreSlim throttle, CancellationToken cancellationToken)
        {
            var items = await ReadItemsAsync(vault, cancellationToken).ConfigureAwait(false);

            // Same filter grammar as the official ListJobsWithAllSupportedFilters example.
            var jobFilter = $"startTime eq '{FilterTime(since)}' and endTime eq '{FilterTime(now)}' and operation eq 'Backup' and backupManagementType eq 'AzureIaasVM' and status eq 'Failed'";
            var jobs = new List<JsonElement>();
            await _arm.ListAsync(vault + "/backupJobs", "$filter=" + Uri.EscapeDataString(jobFilter), page =>
            {
                jobs.AddRange(page);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);

            var byContainer = items.Where(i => i.Item.ContainerName != null).GroupBy(i => i.Item.ContainerName!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var byName = items.Where(i => i.Item.FriendlyName != null).GroupBy(i => i.Item.FriendlyName!, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var failures = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
            foreach (var job in jobs)
            {
                var properties = JsonText.Property(job, "properties");
                if (!properties.HasValue)
                {
                    continue;
                }

                var container = JsonText.String(properties.Value, "containerName");
                var name = JsonText.String(properties.Value, "entityFriendlyName");
                (string VmKey, ProtectedItemInfo Item) owner;
                if (!(container != null && byContainer.TryGetValue(container, out owner)) && !(name != null && byName.TryGetValue(name, out owner)))
                {
                    continue;
                }

                if (!failures.TryGetValue(owner.VmKey, out var list))
                {
                    failures[owner.VmKey] = list = new List<JsonElement>();
                }

                list.Add(job);
            }

            var result = new Dictionary<string, BackupEvidence>(StringComparer.Ordinal);
            var pending = new List<Task<(string VmKey, BackupJobFailure Failure, int Order)>>();
            foreach (var (vmKey, _) in items)
            {
                if (!failures.TryGetValue(vmKey, out var list))
                {
                    continue;
                }

                var newest = list.OrderByDescending(j => Date(JsonText.PathString(j, "properties", "startTime")) ?? DateTimeOffset.MinValue).Take(Math.Max(1, _options.MaxFailedJobsPerVm)).ToList();
                for (var i = 0; i < newest.Count; i++)
                {
                    pending.Add(i < _options.MaxJobDetailsPerVm
                        ? ReadFailureAsync(vmKey, newest[i], i, throttle, cancellationToken)
                        : Task.FromResult((vmKey, ParseJob(JsonText.String(newest[i], "id") ?? string.Empty, JsonText.Property(newest[i], "properties") ?? default, null), i)));
                }
            }

            var read = await Task.WhenAll(pending).ConfigureAwait(false);
            var failuresByVm = read.GroupBy(r => r.VmKey).ToDictionary(g => g.Key, g => (IReadOnlyList<BackupJobFailure>)g.OrderBy(r => r.Order).Select(r => r.Failure).ToList());
            foreach (var (vmKey, item) in items)
            {
                if (!result.ContainsKey(vmKey))
                {
                    result.Add(vmKey, new BackupEvidence(vaults, vault, item, failuresByVm.TryGetValue(vmKey, out var f) ? f : Array.Empty<BackupJobFailure>(), since));
                }
            }

            return result;
        }

        private async Task<(string VmKey, BackupJobFailure Failure, int Order)> ReadFailureAsync(string vmKey, JsonElement job, int order, SemaphoreSlim throttle, CancellationToken cancellationToken)
        {
            var id = JsonText.String(job, "id") ?? string.Empty;
            var properties = JsonText.Property(job, "properties");
            if (properties.HasValue && JsonText.Property(properties.Value, "errorDetails").HasValue)
            {
                return (vmKey, ParseJob(id, properties.Value, null), order);
            }

            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var details = await _arm.GetAsync(id, null, cancellationToken).ConfigureAwait(false);
                var detailProperties = JsonText.Property(details, "properties") ?? properties ?? default;
                return (vmKey, ParseJob(id, detailProperties, null), order);
            }
            catch (ArmRequestException ex)
            {
                return (vmKey, ParseJob(id, properties ?? default, "The job details could not be read: " + ex.Message), order);
            }
            finally
            {
                throttle.Release();
            }
        }

        internal static BackupJobFailure ParseJob(string id, JsonElement properties, string? readError)
        {
            var errors = new List<BackupJobError>();
            var details = JsonText.Property(properties, "errorDetails");
            if (details.HasValue && details.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in details.Value.EnumerateArray())
                {
                    var recommendations = JsonText.Property(error, "recommendations");
                    errors.Add(new BackupJobError(
                        JsonText.Int(error, "errorCode"),
                        JsonText.String(error, "errorTitle"),
                        JsonText.String(error, "errorString"),
                        recommendations.HasValue && recommendations.Value.ValueKind == JsonValueKind.Array
                            ? recommendations.Value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList()
                            : null));
                }
            }

            return new BackupJobFailure(
                id,
                JsonText.String(properties, "operation"),
                JsonText.String(properties, "status"),
                Date(JsonText.String(properties, "startTime")),
                errors,
                readError ?? JsonText.PathString(properties, "extendedInfo", "dynamicErrorMessage"));
        }

        internal static DateTimeOffset? Date(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : (DateTimeOffset?)null;

        /// <summary>The time format of the jobs filter, as in the official example ('2016-01-01 00:00:00 AM').</summary>
        internal static string FilterTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd hh:mm:ss tt", CultureInfo.InvariantCulture);
    }
}
