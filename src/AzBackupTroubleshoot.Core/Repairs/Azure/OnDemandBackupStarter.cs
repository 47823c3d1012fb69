using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>
    /// Starts an on-demand ("Backup Now") backup of a VM through its protected item (ProtectedItems_Backup, as in the
    /// official TriggerBackup_Post example). Azure allows nine on-demand attempts per VM per day
    /// (backup-azure-manage-vms.md), so today's user-triggered jobs are counted first and the limit is kept.
    /// </summary>
    public sealed class OnDemandBackupStarter
    {
        /// <summary>On-demand backup attempts Azure allows per VM per day.</summary>
        public const int DailyLimit = 9;

        private readonly IArmClient _arm;
        private readonly Func<DateTimeOffset> _clock;

        /// <summary>Creates a starter.</summary>
        public OnDemandBackupStarter(IArmClient arm, Func<DateTimeOffset>? clock = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Starts the backup (not waited for: it runs for minutes to hours).</summary>
        /// <param name="vm">The VM.</param>
        /// <param name="vaultIds">The vaults to look in; null for every vault of the VM's subscription.</param>
        /// <param name="cancellationToken">Cancels the requests.</param>
        public async Task<OnDemandBackupResult> StartAsync(AzureVm vm, IReadOnlyList<string>? vaultIds, CancellationToken cancellationToken)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            var reader = new BackupEvidenceReader(_arm);
            var vaults = vaultIds ?? await reader.ListVaultsAsync(vm.SubscriptionId, cancellationToken).ConfigureAwait(false);
            var found = await reader.FindProtectedItemAsync(vm, vaults, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return new OnDemandBackupResult(false, $"No backup started: {vm.Name} is not protected in the {vaults.Count.ToString(CultureInfo.InvariantCulture)} vault(s) searched.", null, 0);
            }

            var (vault, item) = found.Value;
            var now = _clock();
            var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var today = await reader.CountUserTriggeredBackupsAsync(vault, item, midnight, now, cancellationToken).ConfigureAwait(false);
            if (today >= DailyLimit)
            {
                return new OnDemandBackupResult(false, $"No backup started: {vm.Name} already had {today.ToString(CultureInfo.InvariantCulture)} on-demand backups today; Azure allows {DailyLimit.ToString(CultureInfo.InvariantCulture)} a day. The next scheduled backup reinstalls the extension.", item.Id, today);
            }

            var expiry = now.AddDays(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var body = "{\"properties\":{\"objectType\":\"IaasVMBackupRequest\",\"recoveryPointExpiryTimeInUTC\":\"" + expiry + "\"}}";
            var outcome = await _arm.PostAsync(item.Id + "/backup", body, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
            var started = outcome.Status == ArmOperationStatus.Accepted || outcome.Status == ArmOperationStatus.Succeeded;
            return new OnDemandBackupResult(started,
                started ? $"On-demand backup of {vm.Name} started (attempt {(today + 1).ToString(CultureInfo.InvariantCulture)} of {DailyLimit.ToString(CultureInfo.InvariantCulture)} today); it reinstalls the extension."
                        : $"The on-demand backup of {vm.Name} ended {outcome.Status}: {outcome.ErrorCode} {outcome.ErrorMessage}".Trim(),
                item.Id, today);
        }
    }
}
