using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>What one of the backup extension's numeric codes means.</summary>
    public sealed class ExtensionErrorCode
    {
        internal ExtensionErrorCode(int code, string name, bool isSuccess, Cause cause, string meaning, string remediation)
        {
            Code = code;
            Name = name;
            IsSuccess = isSuccess;
            Cause = cause;
            Meaning = meaning;
            Remediation = remediation;
        }

        /// <summary>The number the extension writes to <c>status.code</c>.</summary>
        public int Code { get; }

        /// <summary>The extension's own name for it (ExtensionErrorCodeEnum).</summary>
        public string Name { get; }

        /// <summary>True for the success codes (0, 1, 3).</summary>
        public bool IsSuccess { get; }

        /// <summary>The cause it points to.</summary>
        public Cause Cause { get; }

        /// <summary>What it means, in a sentence.</summary>
        public string Meaning { get; }

        /// <summary>What to do about it.</summary>
        public string Remediation { get; }
    }

    /// <summary>
    /// The VMSnapshotLinux extension's numeric status codes (Azure/azure-linux-extensions VMBackup/main/ExtensionErrorCodeHelper.py
    /// and common.py), each with its meaning and the cause it points to.
    /// </summary>
    public static class ExtensionErrorCodes
    {
        private const string Retry = "Retry the backup; if it keeps failing, ";
        private const string Network = "Allow outbound access from the VM to 168.63.129.16 on ports 80, 443 and 32526 and to Azure Storage in the VM's region (443; 8443 for managed disks), directly or through the proxy set in HttpProxy.Host/HttpProxy.Port.";
        private const string Freeze = "Check the file systems: run fsck on the failing ones, unmount ones that need not be frozen, or list them in MountsToSkip under [SnapshotThread] in /etc/azure/vmbackup.conf; see 'UserErrorFsFreezeFailed' in the backup troubleshooting article.";
        private const string Scripts = "Fix the pre/post script configuration (VMSnapshotScriptPluginConfig.json, the scripts, their permissions and owner root, timeouts) or turn application-consistent scripts off.";
        private const string Workload = "Fix the database workload configuration used for application-consistent backup (workload.conf, credentials, database state) or turn it off.";

        private static readonly Dictionary<int, ExtensionErrorCode> Codes = new Dictionary<int, ExtensionErrorCode>();

        static ExtensionErrorCodes()
        {
            Add(0, "success_appconsistent", true, Cause.ExtensionNotLoaded, "The snapshot succeeded and is application-consistent.", string.Empty);
            Add(1, "success", true, Cause.ExtensionNotLoaded, "The snapshot succeeded.", string.Empty);
            Add(3, "SuccessAlreadyProcessedInput", true, Cause.ExtensionNotLoaded, "The request had already been processed.", string.Empty);
            Add(2, "error", false, Cause.ExtensionNotLoaded, "The extension failed with a generic error.", Retry + "uninstall the VMSnapshotLinux extension (the next backup reinstalls it) and read extension.log.");
            Add(4, "ExtensionTempTerminalState", false, Cause.ExtensionNotLoaded, "The extension stopped in a temporary terminal state.", Retry + "uninstall the VMSnapshotLinux extension so the next backup reinstalls it.");
            Add(11, "error_parameter", false, Cause.ExtensionNotLoaded, "The extension received settings it could not use.", Retry + "uninstall the VMSnapshotLinux extension so the next backup reinstalls it.");
            Add(12, "error_12", false, Cause.ExtensionNotLoaded, "The extension failed (error 12).", Retry + "uninstall the VMSnapshotLinux extension so the next backup reinstalls it.");
            Add(13, "error_wrong_time", false, Cause.AgentNotResponsive, "The snapshot command arrived outside its time window (the VM clock or the agent was late).", "Check the VM's clock (chrony/ntp) and that the agent processes run, then retry.");
            Add(14, "error_same_taskid", false, Cause.ExtensionNotLoaded, "The extension received a task it had already run.", "Retry the backup.");
            Add(15, "error_http_failure", false, Cause.NoNetworkAccess, "The extension could not reach Azure Storage over HTTP(S).", Network);
            Add(16, "FailedHandlerGuestAgentCertificateNotFound", false, Cause.AgentNotResponsive, "The certificate the agent should have fetched to decrypt the extension's settings is missing.", "Restart the agent so it fetches the goal state and certificates again, then retry.");
            Add(76, "FailedRetryableSnapshotFailedNoNetwork", false, Cause.NoNetworkAccess, "The snapshot failed because the VM has no network access to Azure Storage.", Network);
            Add(761, "FailedRetryableSnapshotFailedRestrictedNetwork", false, Cause.NoNetworkAccess, "The snapshot failed because network access is restricted (firewall, NSG or proxy).", Network);
            Add(85, "FailedSnapshotLimitReached", false, Cause.SnapshotNotTaken, "A disk has reached its blob snapshot limit.", "Delete old blob snapshots of the VM's disks; with Azure Site Recovery set isanysnapshotfailed = False in /etc/azure/vmbackup.conf.");
            Add(173, "FailedRetryableSnapshotRateExceeded", false, Cause.SnapshotNotTaken, "Storage throttled the snapshot requests.", "Retry later; stagger backups of VMs that share a storage account.");
            Add(121, "FailedRetryableFsFreezeFailed", false, Cause.SnapshotNotTaken, "Freezing the file systems for a consistent snapshot failed.", Freeze);
            Add(122, "FailedRetryableFsFreezeTimeout", false, Cause.SnapshotNotTaken, "Freezing the file systems timed out.", Freeze);
            Add(123, "FailedRetryableUnableToOpenMount", false, Cause.SnapshotNotTaken, "A mount point could not be opened for freezing.", Freeze);
            AddRange(300, new[]
            {
                "FailedPrepostPreScriptFailed", "FailedPrepostPostScriptFailed", "FailedPrepostPreScriptNotFound", "FailedPrepostPostScriptNotFound",
                "FailedPrepostPluginhostConfigParsing", "FailedPrepostPluginConfigParsing", "FailedPrepostPreScriptPermissionError",
                "FailedPrepostPostScriptPermissionError", "FailedPrepostPreScriptTimeout", "FailedPrepostPostScriptTimeout",
                "FailedPrepostPluginhostPreTimeout", "FailedPrepostPluginhostPostTimeout", "FailedPrepostCheckSumMismatch",
                "FailedPrepostPluginhostConfigNotFound", "FailedPrepostPluginhostConfigPermissionError", "FailedPrepostPluginhostConfigOwnershipError",
                "FailedPrepostPluginConfigNotFound", "FailedPrepostPluginConfigPermissionError", "FailedPrepostPluginConfigOwnershipError",
            }, "An application-consistent pre/post script step failed", Scripts);
            Add(402, "FailedGuestAgentInvokedCommandTooLate", false, Cause.AgentNotResponsive, "The agent started the snapshot command after the platform's time-out had passed.", "Make sure both agent processes run and the agent is up to date; restart the agent, then retry.");
            AddRange(500, new[]
            {
                "FailedWorkloadPreError", "FailedWorkloadConfParsingError", "FailedWorkloadInvalidRole", "FailedWorkloadInvalidWorkloadName",
                "FailedWorkloadPostError", "FailedWorkloadAuthorizationMissing", "FailedWorkloadConnectionError", "FailedWorkloadIPCDirectoryMissing",
                "FailedWorkloadDatabaseNotOpen", "FailedWorkloadQuiescingError", "FailedWorkloadQuiescingTimeout", "FailedWorkloadDatabaseInNoArchiveLog",
            }, "A database workload step of an application-consistent backup failed", Workload);
        }

        /// <summary>Every known code, in code order.</summary>
        public static IEnumerable<ExtensionErrorCode> All
        {
            get
            {
                var keys = new List<int>(Codes.Keys);
                keys.Sort();
                foreach (var key in keys)
                {
                    yield return Codes[key];
                }
            }
        }

        /// <summary>The meaning of a code, or null when the extension does not define it.</summary>
        public static ExtensionErrorCode? Find(int code) => Codes.TryGetValue(code, out var known) ? known : null;

        private static void Add(int code, string name, bool success, Cause cause, string meaning, string remediation) =>
            Codes[code] = new ExtensionErrorCode(code, name, success, cause, meaning, remediation);

        private static void AddRange(int first, string[] names, string meaning, string remediation)
        {
            for (var i = 0; i < names.Length; i++)
            {
                Add(first + i, names[i], false, Cause.SnapshotNotTaken, $"{meaning} ({names[i]}).", remediation);
            }
        }
    }
}
