namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>A VM's backup item in a Recovery Services vault (AzureIaaSVMProtectedItem).</summary>
    public sealed class ProtectedItemInfo
    {
        /// <summary>Creates the item.</summary>
        public ProtectedItemInfo(string id, string? containerName, string? friendlyName, string? protectionState, string? healthStatus, string? lastBackupStatus, DateTimeOffset? lastBackupTime)
        {
            Id = id ?? string.Empty;
            ContainerName = containerName;
            FriendlyName = friendlyName;
            ProtectionState = protectionState;
            HealthStatus = healthStatus;
            LastBackupStatus = lastBackupStatus;
            LastBackupTime = lastBackupTime;
        }

        /// <summary>The protected item's resource id.</summary>
        public string Id { get; }

        /// <summary>properties.containerName (iaasvmcontainerv2;rg;vm).</summary>
        public string? ContainerName { get; }

        /// <summary>properties.friendlyName (the VM name).</summary>
        public string? FriendlyName { get; }

        /// <summary>properties.protectionState (Protected, ProtectionError, ...).</summary>
        public string? ProtectionState { get; }

        /// <summary>properties.healthStatus (Passed, ActionRequired, ActionSuggested).</summary>
        public string? HealthStatus { get; }

        /// <summary>properties.lastBackupStatus (Completed, Failed, ...).</summary>
        public string? LastBackupStatus { get; }

        /// <summary>properties.lastBackupTime.</summary>
        public DateTimeOffset? LastBackupTime { get; }
    }

    /// <summary>One entry of a job's errorDetails (AzureIaaSVMErrorInfo: errorCode is an integer; the text is errorString).</summary>
    public sealed class BackupJobError
    {
        /// <summary>Creates an error.</summary>
        public BackupJobError(int? errorCode, string? title, string? message, IReadOnlyList<string>? recommendations)
        {
            ErrorCode = errorCode;
            Title = title;
            Message = message ?? string.Empty;
            Recommendations = recommendations ?? Array.Empty<string>();
        }

        /// <summary>errorCode (numeric in the REST API).</summary>
        public int? ErrorCode { get; }

        /// <summary>errorTitle.</summary>
        public string? Title { get; }

        /// <summary>errorString: the localized message.</summary>
        public string Message { get; }

        /// <summary>recommendations.</summary>
        public IReadOnlyList<string> Recommendations { get; }
    }

    /// <summary>A failed backup job of a VM.</summary>
    public sealed class BackupJobFailure
    {
        /// <summary>Creates a failure.</summary>
        public BackupJobFailure(string jobId, string? operation, string? status, DateTimeOffset? startTime, IReadOnlyList<BackupJobError> errors, string? dynamicErrorMessage)
        {
            JobId = jobId ?? string.Empty;
            Operation = operation;
            Status = status;
            StartTime = startTime;
            Errors = errors ?? Array.Empty<BackupJobError>();
            DynamicErrorMessage = dynamicErrorMessage;
        }

        /// <summary>The job's resource id.</summary>
        public string JobId { get; }

        /// <summary>The operation (Backup).</summary>
        public string? Operation { get; }

        /// <summary>The status (Failed, CompletedWithWarnings).</summary>
        public string? Status { get; }

        /// <summary>When the job started.</summary>
        public DateTimeOffset? StartTime { get; }

        /// <summary>errorDetails.</summary>
        public IReadOnlyList<BackupJobError> Errors { get; }

        /// <summary>extendedInfo.dynamicErrorMessage, if given.</summary>
        public string? DynamicErrorMessage { get; }
    }

    /// <summary>What the vaults say about a VM's backups: its protected item (if any) and its recent failed jobs.</summary>
    public sealed class BackupEvidence
    {
        /// <summary>Creates evidence.</summary>
        public BackupEvidence(IReadOnlyList<string> vaultsSearched, string? vaultId, ProtectedItemInfo? item, IReadOnlyList<BackupJobFailure> failedJobs, DateTimeOffset since)
        {
            VaultsSearched = vaultsSearched ?? Array.Empty<string>();
            VaultId = vaultId;
            Item = item;
            FailedJobs = failedJobs ?? Array.Empty<BackupJobFailure>();
            Since = since;
        }

        /// <summary>The vaults that were read.</summary>
        public IReadOnlyList<string> VaultsSearched { get; }

        /// <summary>The vault protecting the VM, or null.</summary>
        public string? VaultId { get; }

        /// <summary>The protected item, or null when no searched vault protects the VM.</summary>
        public ProtectedItemInfo? Item { get; }

        /// <summary>The failed backup jobs since <see cref="Since"/>, newest first.</summary>
        public IReadOnlyList<BackupJobFailure> FailedJobs { get; }

        /// <summary>The start of the job window.</summary>
        public DateTimeOffset Since { get; }
    }
}
