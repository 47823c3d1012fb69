using AzBackupTroubleshoot.Core.Facts;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of the backup extension and of the agent's and extension's logs.</summary>
    internal static class ExtensionChecks
    {
        /// <summary>The seed article's floor for VMSnapshotLinux (January 2018).</summary>
        public static readonly ComponentVersion MinimumExtension = ComponentVersion.Parse("1.0.91.0");

        private const string Reinstall = "Uninstall the VMSnapshotLinux extension (Azure portal > VM > Extensions, or Uninstall-AzVmSnapshotExtension); the next backup installs the current version. If it does not appear, update the agent.";

        public static IEnumerable<HealthCheckResult> Installed(LinuxFacts facts, ResultBuilder verdict)
        {
            var extension = facts.Extension;
            if (extension.Config.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(extension.Config.Path, extension.Config.Problem!, $"Fix {extension.Config.Path} ([SnapshotThread] with key = value lines) or delete it; the extension recreates it.");
            }

            var newest = extension.Newest;
            var evidence = extension.Installs.Select(i => $"{i.Folder} (version {i.Version})").ToList();
            if (newest is null && extension.FolderProblem != null)
            {
                // An unreadable Lib.Dir is not an empty one: whether the extension is installed is unknown.
                yield return verdict.Error(extension.FolderProblem.Path, extension.FolderProblem.Problem, extension.FolderProblem.Advice);
            }
            else if (newest is null)
            {
                yield return verdict.Warning(
                    $"The backup extension ({SnapshotExtensionReader.HandlerName}) is not installed. The first backup installs it; if backups fail before that, the agent is not processing extensions.",
                    new[] { $"no {SnapshotExtensionReader.HandlerName}-<version>/ folder in {facts.WaagentConf.Value?.LibDir ?? "/var/lib/waagent"}" },
                    "Check Linux.ExtensionsEnabled, Linux.AgentProcess and connectivity, then run an on-demand backup.");
            }
            else if (newest.Version.CompareTo(MinimumExtension) < 0)
            {
                yield return verdict.Failed($"The backup extension is {newest.Version}, older than {MinimumExtension}.", evidence, Reinstall, RepairAction.UninstallSnapshotExtension);
            }
            else
            {
                yield return verdict.Passed($"The backup extension {newest.Version} is installed (at least {MinimumExtension}).", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> Status(LinuxFacts facts, ResultBuilder verdict)
        {
            var extension = facts.Extension;
            if (extension.Newest is null)
            {
                yield return verdict.NotApplicable("The backup extension is not installed, so it has no status (see Linux.SnapshotExtension).");
                yield break;
            }

            var status = extension.Status;
            if (status is null || status.Status == FactStatus.Absent)
            {
                yield return verdict.Warning("The backup extension has written no status yet: it has not run since it was installed.",
                    new[] { $"no <seq>.status file in {extension.Newest.Folder}status/" },
                    "Run an on-demand backup; if it fails, read /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log.");
                yield break;
            }

            if (status.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(status.Path, status.Problem!, $"The agent cannot read {status.Path} either; uninstall the VMSnapshotLinux extension so the next backup reinstalls it.");
                yield break;
            }

            var report = status.Value!;
            var code = report.Code is null ? null : ExtensionErrorCodes.Find(report.Code.Value);
            var evidence = new List<string>
            {
                $"{status.Path}: status '{report.Status}', code {report.CodeText ?? "(none)"}{(code is null ? string.Empty : " " + code.Name)}, operation {report.Operation ?? "(none)"}, time {report.Timestamp ?? "(none)"}",
            };
            if (report.Message != null)
            {
                evidence.Add($"{status.Path}: message: {report.Message}");
            }

            evidence.AddRange(report.SubStatuses.Select(s => $"{status.Path}: substatus {s}"));
            evidence.AddRange(ConfigEvidence(extension, code));
            switch (report.EffectiveStatus)
            {
                case "success":
                    yield return verdict.Passed($"The backup extension's last status (sequence {report.Sequence.ToString(CultureInfo.InvariantCulture)}) is success.", evidence);
                    break;
                case "transitioning":
                    yield return verdict.Passed($"The backup extension is running (sequence {report.Sequence.ToString(CultureInfo.InvariantCulture)} is transitioning).", evidence);
                    break;
                case "warning":
                    yield return verdict.Warning($"The backup extension's last status is warning{Describe(code, report)}.", evidence, code?.Remediation.Length > 0 ? code.Remediation : Reinstall);
                    break;
                default:
                    var cause = code?.Cause ?? Cause.ExtensionNotLoaded;
                    var repair = cause == Cause.ExtensionNotLoaded ? RepairAction.UninstallSnapshotExtension : cause == Cause.AgentNotResponsive ? RepairAction.RestartAgent : RepairAction.None;
                    yield return verdict.Failed($"The backup extension's last status is error{Describe(code, report)}.", evidence,
                        code?.Remediation.Length > 0 ? code.Remediation : Reinstall, repair, cause);
                    break;
            }
        }

        public static IEnumerable<HealthCheckResult> AgentLog(LinuxFacts facts, ResultBuilder verdict) =>
            LogResult(facts.AgentLog, verdict, "agent log",
                "Read the lines above; restart the agent if it stopped. Set Logs.Verbose=y in /etc/waagent.conf and restart the agent for more detail (Repair-AzBackupAgent -EnableVerboseLogging).",
                facts.WaagentConf.Value?.LogsVerbose == true ? RepairAction.None : RepairAction.EnableVerboseLogging);

        public static IEnumerable<HealthCheckResult> ExtensionLog(LinuxFacts facts, ResultBuilder verdict) =>
            LogResult(facts.Extension.Log, verdict, "backup extension log",
                "Read the lines above; the extension's status file (Linux.SnapshotExtensionStatus) has the error code. Collect the logs with Save-AzBackupAgentLog for support.",
                RepairAction.None);

        private static IEnumerable<HealthCheckResult> LogResult(FileFact<LogSummary> log, ResultBuilder verdict, string name, string remediation, RepairAction repair)
        {
            if (log.Status == FactStatus.Absent)
            {
                yield return verdict.NotApplicable($"There is no {name} ({log.Path} is not present).");
                yield break;
            }

            if (log.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(log.Path, log.Problem!);
                yield break;
            }

            var summary = log.Value!;
            if (summary.RecentErrorCount == 0)
            {
                yield return verdict.Passed($"No error lines in the last {LogScanner.RecentWindow.TotalDays.ToString(CultureInfo.InvariantCulture)} days of the {name}.",
                    new[] { $"{log.Path}: {summary.LineCount.ToString(CultureInfo.InvariantCulture)} lines read{(summary.Truncated ? " (end of file)" : string.Empty)}, newest {summary.Newest?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "(no time stamp)"}" });
                yield break;
            }

            var evidence = summary.RecentErrors.Select(l => l.Evidence(log.Path)).ToList();
            evidence.Insert(0, $"{log.Path}: {summary.RecentErrorCount.ToString(CultureInfo.InvariantCulture)} error lines in the last {LogScanner.RecentWindow.TotalDays.ToString(CultureInfo.InvariantCulture)} days (newest shown)");
            yield return verdict.Warning($"{summary.RecentErrorCount.ToString(CultureInfo.InvariantCulture)} recent error lines in the {name}.", evidence, remediation, repair);
        }

        private static string Describe(ExtensionErrorCode? code, ExtensionStatusReport report) =>
            code != null ? $" (code {code.Code.ToString(CultureInfo.InvariantCulture)}, {code.Name}: {code.Meaning})"
            : report.CodeText != null ? $" (code {report.CodeText}, not a code the extension documents)" : string.Empty;

        private static IEnumerable<string> ConfigEvidence(SnapshotExtensionFacts extension, ExtensionErrorCode? code)
        {
            var config = extension.Config.Value;
            if (config is null || code is null)
            {
                yield break;
            }

            var keys = code.Cause == Cause.SnapshotNotTaken ? new[] { "fsfreeze", "MountsToSkip", "SafeFreezeWaitInSeconds", "isanysnapshotfailed" } : new string[0];
            foreach (var key in keys)
            {
                var value = config.Find("SnapshotThread", key);
                if (value != null)
                {
                    yield return value.Evidence(extension.Config.Path);
                }
            }
        }
    }
}
