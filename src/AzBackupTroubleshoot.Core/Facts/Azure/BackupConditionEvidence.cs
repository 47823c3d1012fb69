namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>A backup or restore job of the VM that has not finished (Jobs_List with status InProgress).</summary>
    public sealed class RunningBackupJob
    {
        /// <summary>Creates a job.</summary>
        public RunningBackupJob(string jobId, string vaultId, string? operation, string? status, DateTimeOffset? startTime)
        {
            JobId = jobId ?? string.Empty;
            VaultId = vaultId ?? string.Empty;
            Operation = operation;
            Status = status;
            StartTime = startTime;
        }

        /// <summary>The job's resource id.</summary>
        public string JobId { get; }

        /// <summary>The vault that runs it.</summary>
        public string VaultId { get; }

        /// <summary>Backup, Restore, ...</summary>
        public string? Operation { get; }

        /// <summary>InProgress (or Cancelling).</summary>
        public string? Status { get; }

        /// <summary>When it started.</summary>
        public DateTimeOffset? StartTime { get; }
    }

    /// <summary>A restore point collection Azure Backup keeps for the VM (Microsoft.Compute/restorePointCollections in AzureBackupRG_*).</summary>
    public sealed class RestorePointCollectionInfo
    {
        /// <summary>Creates the collection.</summary>
        public RestorePointCollectionInfo(string id, string resourceGroupName, int? restorePointCount, bool countRead = true)
        {
            Id = id ?? string.Empty;
            ResourceGroupName = resourceGroupName ?? string.Empty;
            RestorePointCount = restorePointCount;
            CountRead = countRead;
        }

        /// <summary>
        /// Whether its restore points were asked for. False where the reader left them uncounted on purpose (no failed job
        /// of the window can have failed because the collection is full: BackupConditionReader.NeedsRestorePointCount).
        /// </summary>
        public bool CountRead { get; }

        /// <summary>The collection's resource id.</summary>
        public string Id { get; }

        /// <summary>Its resource group (AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;).</summary>
        public string ResourceGroupName { get; }

        /// <summary>How many restore points it holds ($expand=restorePoints), or null when they were not or could not be counted.</summary>
        public int? RestorePointCount { get; }
    }

    /// <summary>One access policy of a key vault (properties.accessPolicies[]).</summary>
    public sealed class KeyVaultAccessPolicy
    {
        /// <summary>Creates a policy.</summary>
        public KeyVaultAccessPolicy(string objectId, IReadOnlyList<string> keys, IReadOnlyList<string> secrets)
        {
            ObjectId = objectId ?? string.Empty;
            Keys = keys ?? Array.Empty<string>();
            Secrets = secrets ?? Array.Empty<string>();
        }

        /// <summary>The principal's object id (ARM does not say whose it is).</summary>
        public string ObjectId { get; }

        /// <summary>permissions.keys.</summary>
        public IReadOnlyList<string> Keys { get; }

        /// <summary>permissions.secrets.</summary>
        public IReadOnlyList<string> Secrets { get; }
    }

    /// <summary>What Resource Manager shows of a key vault's access (Vaults_Get of Microsoft.KeyVault).</summary>
    public sealed class KeyVaultAccessInfo
    {
        /// <summary>Creates the vault view.</summary>
        public KeyVaultAccessInfo(string id, bool rbacAuthorization, IReadOnlyList<KeyVaultAccessPolicy> policies, string? readError = null)
        {
            Id = id ?? string.Empty;
            RbacAuthorization = rbacAuthorization;
            Policies = policies ?? Array.Empty<KeyVaultAccessPolicy>();
            ReadError = readError;
        }

        /// <summary>The key vault's resource id.</summary>
        public string Id { get; }

        /// <summary>properties.enableRbacAuthorization: access is by Azure role assignments, not access policies.</summary>
        public bool RbacAuthorization { get; }

        /// <summary>properties.accessPolicies.</summary>
        public IReadOnlyList<KeyVaultAccessPolicy> Policies { get; }

        /// <summary>Why the vault could not be read (403, 404), if it could not.</summary>
        public string? ReadError { get; }
    }

    /// <summary>
    /// The Azure-side conditions of a VM's backup that the agent articles' newer codes name: running jobs, restore point
    /// collections, key vault access and disk sizes. Each part is null when it was not read, with the reason in its error.
    /// </summary>
    public sealed class BackupConditionEvidence
    {
        /// <summary>Creates the evidence.</summary>
        public BackupConditionEvidence(
            AzureVmStorage? storage,
            string? storageError,
            IReadOnlyList<RunningBackupJob>? runningJobs,
            string? runningJobsError,
            IReadOnlyList<RestorePointCollectionInfo>? restorePointCollections,
            string? restorePointCollectionsError,
            IReadOnlyList<KeyVaultAccessInfo>? keyVaults)
        {
            Storage = storage;
            StorageError = storageError;
            RunningJobs = runningJobs;
            RunningJobsError = runningJobsError;
            RestorePointCollections = restorePointCollections;
            RestorePointCollectionsError = restorePointCollectionsError;
            KeyVaults = keyVaults;
        }

        /// <summary>The VM model's disks; null when the model could not be read.</summary>
        public AzureVmStorage? Storage { get; }

        /// <summary>Why the VM model could not be read.</summary>
        public string? StorageError { get; }

        /// <summary>The VM's unfinished jobs in the vaults searched; null when not read (not protected, or an error).</summary>
        public IReadOnlyList<RunningBackupJob>? RunningJobs { get; }

        /// <summary>Why the running jobs could not be read.</summary>
        public string? RunningJobsError { get; }

        /// <summary>The VM's restore point collections in AzureBackupRG_* groups; null when not read.</summary>
        public IReadOnlyList<RestorePointCollectionInfo>? RestorePointCollections { get; }

        /// <summary>Why the collections could not be read.</summary>
        public string? RestorePointCollectionsError { get; }

        /// <summary>The key vaults of an encrypted VM's disks; null when the VM is not encrypted or its model was not read.</summary>
        public IReadOnlyList<KeyVaultAccessInfo>? KeyVaults { get; }
    }
}
