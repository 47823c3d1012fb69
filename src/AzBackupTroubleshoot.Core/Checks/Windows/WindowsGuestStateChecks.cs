using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>The checks on the guest's state: VSS writers, free space, agent crashes, a pending restart and locked BitLocker volumes.</summary>
    internal static class WindowsGuestStateChecks
    {
        private static readonly string[] PersistentKeyValues = { "SnapshotWithoutThreads", "SnapshotMethod", "CalculateSnapshotTimeFromHost" };

        public static IEnumerable<HealthCheck<WindowsFacts>> Create()
        {
            yield return WindowsCheckList.Define(CheckCatalog.WindowsVssWriters, VssWriters, (WindowsFactSection.VssWriters, "the VSS writers (vssadmin list writers)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsDiskSpace, DiskSpace, (WindowsFactSection.Volumes, "the fixed volumes (Win32_LogicalDisk)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsAgentCrashes, AgentCrashes,
                (WindowsFactSection.EventLog, "the Application event log (Win32_NTLogEvent)"), (WindowsFactSection.SystemEventLog, "the System event log (Win32_NTLogEvent)"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsPendingReboot, PendingReboot, (WindowsFactSection.PendingReboot, "the pending-restart registry keys"));
            yield return WindowsCheckList.Define(CheckCatalog.WindowsBitLocker, BitLocker, (WindowsFactSection.BitLocker, "BitLocker's volumes (Win32_EncryptableVolume)"));
        }

        private static IEnumerable<HealthCheckResult> BitLocker(ResultBuilder check, WindowsFacts facts)
        {
            var volumes = facts.EncryptableVolumes!;
            if (volumes.Count == 0)
            {
                yield return check.Passed("No BitLocker volume: BitLocker is not installed (its WMI namespace is absent) or no volume can be encrypted.");
                yield break;
            }

            var evidence = volumes.Select(v => v.Describe()).ToArray();
            var locked = volumes.Where(v => v.MayBeLocked).ToArray();
            if (locked.Length > 0)
            {
                yield return check.Warning(
                    $"BitLocker cannot tell the protection status of {string.Join(", ", locked.Select(v => v.DriveLetter ?? v.DeviceId))}, which is how Windows reports a locked volume: VSS cannot snapshot a locked drive ('This drive is locked by BitLocker Drive Encryption', companion article).",
                    evidence,
                    "Unlock the drive (Unlock-BitLocker, or manage-bde -unlock) and turn on auto-unlock for data drives (Enable-BitLockerAutoUnlock); the article's fix is to turn BitLocker off on the VM's drives and check whether the VSS error is gone.");
                yield break;
            }

            yield return check.Passed($"No BitLocker volume is locked ({volumes.Count} volume(s)).", evidence);
        }

        private static IEnumerable<HealthCheckResult> VssWriters(ResultBuilder check, WindowsFacts facts)
        {
            var writers = facts.VssWriters!;
            var failed = writers.Where(w => w.IsFailed || w.HasError).ToArray();
            var unstable = writers.Where(w => !w.IsStable && !failed.Contains(w)).ToArray();
            var evidence = failed.Concat(unstable).Select(w => "vssadmin list writers: " + w.Describe()).ToList();
            evidence.Add($"{writers.Count} writer(s) listed, {writers.Count - failed.Length - unstable.Length} [1] Stable with no error.");
            var persistent = PersistentKeyValues
                .Select(name => facts.BcdrAgentPersistentValues?.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
                .Where(v => v != null)
                .Select(v => $@"HKLM\{WindowsNames.BcdrAgentPersistentKeysKey} {v}")
                .ToArray();
            evidence.AddRange(persistent.Length > 0 ? persistent : new[] { $@"HKLM\{WindowsNames.BcdrAgentPersistentKeysKey} has none of {string.Join(", ", PersistentKeyValues)}." });
            if (failed.Length == 0 && unstable.Length == 0)
            {
                yield return check.Passed($"All {writers.Count} VSS writers are [1] Stable with no error.", evidence);
                yield break;
            }

            var withoutThreads = facts.BcdrAgentPersistentValues?.FirstOrDefault(v => string.Equals(v.Name, "SnapshotWithoutThreads", StringComparison.OrdinalIgnoreCase));
            var threadsOn = withoutThreads?.Type == RegistryValueType.String && string.Equals(withoutThreads.AsString?.Trim(), "True", StringComparison.OrdinalIgnoreCase);
            var names = string.Join(", ", failed.Concat(unstable).Select(w => $"{w.Name} ([{w.StateCode}] {w.StateText}, {(w.LastError.Length == 0 ? "-" : w.LastError)})"));
            var remediation = "Restart the service behind each writer that is not '[1] Stable' (for example SqlServerWriter: MSSQLSERVER; Microsoft Exchange Writer: MSExchangeIS; WMI Writer: Winmgmt), in a maintenance window, and check vssadmin list writers again. " +
                (threadsOn
                    ? "SnapshotWithoutThreads is already True under HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys; if writers keep failing, look for 'The shadow copy provider timed out while holding writes' in the event logs and spread the disk load."
                    : "If it keeps happening, run REG ADD \"HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys\" /v SnapshotWithoutThreads /t REG_SZ /d True /f (companion article, ExtensionFailedVssWriterInBadState).");
            if (failed.Length > 0)
            {
                yield return check.Failed($"{failed.Length} of {writers.Count} VSS writers are failed or report an error: {names}. Application-consistent snapshots fail (ExtensionFailedVssWriterInBadState).", evidence, remediation);
                yield break;
            }

            yield return check.Warning($"{unstable.Length} of {writers.Count} VSS writers are not [1] Stable: {names}. A backup may be running now; if the state stays, snapshots fail (ExtensionFailedVssWriterInBadState).", evidence, remediation);
        }

        private static IEnumerable<HealthCheckResult> DiskSpace(ResultBuilder check, WindowsFacts facts)
        {
            var volumes = facts.Volumes!;
            var evidence = volumes.Select(v => v.Describe() + (v.IsAzureTemporaryDisk ? " (Azure temporary disk, not backed up; not checked)" : string.Empty)).ToList();
            evidence.Add($"Thresholds (Microsoft's VM assist): Warning under {VolumeInfo.Size(WindowsNames.DiskSpaceWarningBytes)}, Failed under {VolumeInfo.Size(WindowsNames.DiskSpaceFailedBytes)} free.");
            var backedUp = volumes.Where(v => !v.IsAzureTemporaryDisk && v.FreeBytes.HasValue).ToArray();
            if (!volumes.Any(v => v.IsSystem))
            {
                yield return check.Error("Win32_LogicalDisk", $"the system drive {facts.SystemDrive} is not among the fixed volumes ({(volumes.Count == 0 ? "none" : string.Join(", ", volumes.Select(v => v.DeviceId)))}).");
                yield break;
            }

            var critical = backedUp.Where(v => v.FreeBytes!.Value < WindowsNames.DiskSpaceFailedBytes).ToArray();
            var low = backedUp.Where(v => v.FreeBytes!.Value < WindowsNames.DiskSpaceWarningBytes && !critical.Contains(v)).ToArray();
            const string remediation = "Free space on the volume (Disk Cleanup, old logs and dumps) or expand the disk (learn.microsoft.com/azure/virtual-machines/windows/expand-disks); VSS needs free space on every volume it snapshots for its shadow copy storage.";
            string List(IEnumerable<VolumeInfo> list) => string.Join(", ", list.Select(v => $"{v.DeviceId} {VolumeInfo.Size(v.FreeBytes!.Value)}"));
            if (critical.Length > 0)
            {
                yield return check.Failed($"Under {VolumeInfo.Size(WindowsNames.DiskSpaceFailedBytes)} free on {List(critical)}: the OS, the agent and VSS cannot write there and the snapshot fails.", evidence, remediation);
                yield break;
            }

            if (low.Length > 0)
            {
                yield return check.Warning($"Under {VolumeInfo.Size(WindowsNames.DiskSpaceWarningBytes)} free on {List(low)}: VSS snapshots and the agent's logs may run out of space.", evidence, remediation);
                yield break;
            }

            yield return check.Passed($"Every backed-up fixed volume has at least {VolumeInfo.Size(WindowsNames.DiskSpaceWarningBytes)} free ({List(backedUp)}).", evidence);
        }

        private static IEnumerable<HealthCheckResult> AgentCrashes(ResultBuilder check, WindowsFacts facts)
        {
            var events = facts.AgentCrashEvents!;
            var since = (facts.ReferenceTimeUtc - WindowsNames.CrashWindow).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            if (events.Count == 0)
            {
                yield return check.Passed($"No crash of WindowsAzureGuestAgent or RdAgent (Service Control Manager 7031/7034) and no Application Error 1000 of {string.Join(" or ", WindowsNames.AgentProcessNames)} since {since}.");
                yield break;
            }

            var evidence = events.Take(10).Select(e => $"{e.TimeGenerated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {e.Logfile} {e.SourceName} {e.EventCode} ({e.Subject}): {e.FirstLine}").ToList();
            if (events.Count > 10)
            {
                evidence.Add($"... and {events.Count - 10} more.");
            }

            var counts = string.Join(", ", events.GroupBy(e => e.Subject, StringComparer.OrdinalIgnoreCase).Select(g => $"{g.Key} {g.Count()} time(s)"));
            var recent = events.Any(e => e.TimeGenerated >= facts.ReferenceTimeUtc - WindowsNames.RecentCrashWindow);
            const string remediation = "Read the events' details and C:\\WindowsAzure\\Logs\\WaAppAgent.log for why the agent stops (antivirus, a broken .NET Framework, a corrupt install); if it keeps crashing, reinstall the latest agent (Repair-AzBackupAgent -Reinstall -InstallerPath <msi>).";
            var message = $"The guest agent crashed since {since}: {counts}; a crashing agent cannot run the backup extension or report its status.";
            yield return recent
                ? check.Failed(message + " The last crash is within a day.", evidence, remediation)
                : check.Warning(message + " None within the last day.", evidence, remediation);
        }

        private static IEnumerable<HealthCheckResult> PendingReboot(ResultBuilder check, WindowsFacts facts)
        {
            var reasons = facts.PendingRebootReasons!;
            if (reasons.Count == 0)
            {
                yield return check.Passed("No restart is pending (no RebootPending or RebootRequired key, no PendingFileRenameOperations).");
                yield break;
            }

            yield return check.Warning(
                "A restart is pending: updates or file replacements wait for it. The article's first step asks for a VM with no pending updates or restart before troubleshooting backup.",
                reasons,
                "Restart the VM in a maintenance window (after installing any pending updates), then run the backup again.");
        }
    }
}
