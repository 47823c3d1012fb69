using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of the file systems: space, the agent folder's mount options, mounts fsfreeze cannot freeze.</summary>
    internal static class FilesystemChecks
    {
        /// <summary>VM assist's threshold (vmassist.py <c>fullPercent=90</c>, compared with <c>&gt;=</c> against findmnt's USE%).</summary>
        public const int FullPercent = 90;

        public static IEnumerable<HealthCheckResult> Space(LinuxFacts facts, ResultBuilder verdict)
        {
            var fs = facts.Filesystems;
            if (fs.UsageProblem != null)
            {
                yield return verdict.Error(fs.UsageProblem.Path, fs.UsageProblem.Problem);
                yield break;
            }

            if (MountsUnusable(facts, verdict, "the space of the mounted file systems", out var unusable))
            {
                yield return unusable!;
                yield break;
            }

            if (fs.Usage is null)
            {
                yield return verdict.NotApplicable(fs.UsageMissing ?? "There are no space figures for the mounted file systems.");
                yield break;
            }

            var disks = fs.Mounts.Value!.Entries.Where(e => FilesystemFacts.DiskTypes.Contains(e.FileSystemType)).Select(e => e.MountPoint).Distinct().ToArray();
            var measured = disks.Select(d => fs.UsageOf(d)).Where(u => u != null && u.Problem is null).Select(u => u!).ToArray();
            var evidence = measured.Select(u => u.Describe()).ToList();
            evidence.AddRange(disks.Where(d => fs.UsageOf(d) is null).Select(d => $"{d}: no space figures recorded"));
            if (disks.Length == 0 || measured.Length == 0)
            {
                yield return verdict.NotApplicable($"No {string.Join("/", FilesystemFacts.DiskTypes)} file system has space figures in {fs.Mounts.Path}.", evidence);
                yield break;
            }

            var full = measured.Where(u => u.UsedPercent >= FullPercent).ToArray();
            if (full.Length > 0)
            {
                yield return verdict.Failed(
                    $"{string.Join(", ", full.Select(u => $"{u.MountPoint} is {u.UsedPercent} % full"))} ({FullPercent} % or more, VM assist's threshold): the agent and the backup extension cannot write their status, logs and snapshot work files.",
                    evidence,
                    $"Free space on {string.Join(", ", full.Select(u => u.MountPoint))} (remove old logs and packages, e.g. sudo journalctl --vacuum-size=200M; sudo apt-get clean or sudo yum clean all) or grow the disk, then run a new backup.");
            }
            else
            {
                yield return verdict.Passed($"Every mounted {string.Join("/", FilesystemFacts.DiskTypes)} file system is under {FullPercent} % full.", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> AgentFolderExec(LinuxFacts facts, ResultBuilder verdict)
        {
            var fs = facts.Filesystems;
            var useFstab = fs.Mounts.Status == FactStatus.Absent;
            var table = useFstab ? fs.Fstab : fs.Mounts;
            if (table.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(table.Path, table.Problem!);
                yield break;
            }

            if (!table.IsPresent)
            {
                yield return verdict.NotApplicable($"Neither a mount table ({fs.Mounts.Path}) nor {fs.Fstab.Path} is in this root, so the mount options of {fs.LibDir} are unknown.");
                yield break;
            }

            var holder = table.Value!.Holding(fs.LibDir);
            if (holder is null)
            {
                yield return verdict.NotApplicable($"No entry of {table.Path} holds {fs.LibDir}.");
                yield break;
            }

            var evidence = new List<string> { holder.Describe(table.Path) };
            if (useFstab)
            {
                evidence.Add($"{fs.Mounts.Path}: not present (an offline root: the options are the ones /etc/fstab asks for)");
            }

            if (holder.HasOption("noexec"))
            {
                yield return verdict.Failed(
                    $"{fs.LibDir} is on {holder.MountPoint}, mounted noexec: the agent cannot run the extensions it installs there (VMSnapshotLinux's handler fails with exit code 126). The agent does not support a noexec {fs.LibDir} (Azure/WALinuxAgent issue #1388, closed as by design).",
                    evidence,
                    $"Remove noexec from the options of {holder.MountPoint} in /etc/fstab and remount it (sudo mount -o remount,exec {holder.MountPoint}), or move {fs.LibDir} to a file system mounted with exec.");
            }
            else
            {
                yield return verdict.Passed($"{fs.LibDir} is on {holder.MountPoint}, which is not mounted noexec.", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> Freezable(LinuxFacts facts, ResultBuilder verdict)
        {
            var fs = facts.Filesystems;
            if (MountsUnusable(facts, verdict, "the mounts fsfreeze would freeze", out var unusable))
            {
                yield return unusable!;
                yield break;
            }

            var mounts = fs.Mounts.Value!.Entries;
            var findings = new List<string>();
            var evidence = new List<string>();
            foreach (var duplicate in mounts.Where(e => FilesystemFacts.DiskTypes.Contains(e.FileSystemType)).GroupBy(e => e.MountPoint).Where(g => g.Count() > 1))
            {
                findings.Add($"{duplicate.Key} is mounted {duplicate.Count()} times");
                evidence.AddRange(duplicate.Select(e => e.Describe(fs.Mounts.Path)));
            }

            foreach (var stale in (fs.Usage ?? new FilesystemUsage[0]).Where(u => u.Problem != null))
            {
                findings.Add($"{stale.MountPoint} does not answer");
                evidence.Add(stale.Describe());
            }

            if (fs.Fstab.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(fs.Fstab.Path, fs.Fstab.Problem!);
            }
            else if (fs.Fstab.IsPresent)
            {
                var mounted = new HashSet<string>(mounts.Select(m => m.MountPoint));
                foreach (var entry in fs.Fstab.Value!.Entries.Where(e => e.MountPoint.StartsWith("/") && !e.HasOption("noauto") && (FilesystemFacts.IsMeasured(e.FileSystemType) || e.FileSystemType == "auto") && !mounted.Contains(e.MountPoint)))
                {
                    findings.Add($"{entry.MountPoint} is in /etc/fstab but not mounted");
                    evidence.Add(entry.Describe(fs.Fstab.Path) + ": not in " + fs.Mounts.Path);
                }
            }

            if (findings.Count > 0)
            {
                yield return verdict.Failed(
                    $"fsfreeze cannot freeze every mount point: {string.Join("; ", findings)}. Backups then fail with UserErrorFsFreezeFailed or UserErrorUnableToOpenMount.",
                    evidence,
                    "Remove the duplicate mount entries (umount the older one), unmount or repair mounts that do not answer, and mount or remove (or mark noauto) /etc/fstab entries that are not mounted; a mount that must stay can be skipped with MountsToSkip = <mount point> under [SnapshotThread] in /etc/azure/vmbackup.conf.");
            }
            else if (fs.Fstab.Status != FactStatus.Malformed)
            {
                // With /etc/fstab unreadable the Error above is the answer: the unmounted-entry test could not run.
                var measured = fs.Usage is null ? $" ({fs.UsageMissing ?? "no space figures"}: hung mounts cannot be seen)" : string.Empty;
                yield return verdict.Passed($"No duplicate disk mount points, no mount that does not answer and no /etc/fstab entry left unmounted{measured}.",
                    new[] { $"{fs.Mounts.Path}: {mounts.Count} entries", fs.Fstab.IsPresent ? $"{fs.Fstab.Path}: {fs.Fstab.Value!.Entries.Count} entries" : fs.Fstab.Describe() });
            }
        }

        private static bool MountsUnusable(LinuxFacts facts, ResultBuilder verdict, string what, out HealthCheckResult? result)
        {
            var mounts = facts.Filesystems.Mounts;
            result = mounts.Status == FactStatus.Malformed ? verdict.Error(mounts.Path, mounts.Problem!)
                : mounts.Status == FactStatus.Absent ? verdict.NotApplicable(facts.IsLive
                    ? $"The mount table ({mounts.Path}) is not readable on this machine, so {what} cannot be checked."
                    : facts.Captured.MissingReason("mount table (" + mounts.Path + ")") + $" So {what} cannot be checked.")
                : null;
            return result != null;
        }
    }
}
