using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux;
using AzBackupTroubleshoot.Core.Bundles;
using AzBackupTroubleshoot.Core.Linux.Bundle;
using AzBackupTroubleshoot.Core.Linux.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Saves the agent's and the backup extension's logs, configuration and status files, with the health results, to a zip
    /// with secrets redacted: laid out as a root for a Linux VM; for a Windows VM (in SaveAzBackupAgentLogCommand.Windows.cs)
    /// a capture plus the agent's logs.
    /// </summary>
    [Cmdlet(VerbsData.Save, "AzBackupAgentLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = LocalSet)]
    [OutputType(typeof(BundleReport))]
    public sealed partial class SaveAzBackupAgentLogCommand : CancellableCmdlet
    {
        private const string LocalSet = "Local";

        /// <summary>An offline Linux root to collect from (a mounted OS disk or another bundle); without it, the running machine.</summary>
        [Parameter(ParameterSetName = LocalSet, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The zip file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>Replaces an existing file at the destination.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var destination = GetUnresolvedProviderPathFromPSPath(Destination);
            var folder = System.IO.Path.GetDirectoryName(destination);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.DestinationNotFound, ErrorCategory.ObjectNotFound, Destination, $"The folder '{folder}' does not exist."));
            }

            if ((File.Exists(destination) || Directory.Exists(destination)) && !Force.IsPresent)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.DestinationExists, ErrorCategory.ResourceExists, Destination,
                    $"'{destination}' already exists.", recommendedAction: "Give another -Destination, or -Force to replace the file."));
            }

            try
            {
                // A device node, FIFO, socket or folder at the destination is never replaced, not even with -Force.
                RegularFile.EnsureReplaceable(destination);
            }
            catch (NotRegularFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.DestinationNotRegularFile, ErrorCategory.InvalidArgument, Destination, ex.Message, ex,
                    recommendedAction: "Give a -Destination that is a new or regular file."));
            }

            if (SaveWindows(destination))
            {
                return;
            }

            LinuxTarget target;
            try
            {
                if (Path is null && !LinuxTarget.LiveSupported)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                        "Collecting from the running machine needs a Linux or Windows guest here; give -Path with a Linux root, or -CimSession with a session to a Windows VM."));
                }

                target = Path is null ? LinuxTarget.Live() : LinuxTarget.Offline(GetUnresolvedProviderPathFromPSPath(Path));
            }
            catch (FileNotFoundException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path, ex.Message, ex));
                return;
            }

            if (target.IsBundle && IsWindowsCapture(target.Location))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidArgument, Path,
                    $"'{target.Location}' is a Windows capture or bundle, not a Linux root: there are no logs in it to collect.",
                    recommendedAction: "Analyse it with Test-AzBackupAgentHealth -Path; bundle a Windows VM with Save-AzBackupAgentLog inside it or with -CimSession."));
            }

            if (!ShouldProcess(destination, $"Save the agent logs of {target.Name} (secrets redacted)"))
            {
                return;
            }

            try
            {
                using var root = target.Open();
                WriteProgress(new ProgressRecord(1, "Save-AzBackupAgentLog", $"Reading facts from {target.Name}"));
                var options = new LinuxFactsOptions { IsLive = target.IsLive, Connectivity = new ConnectivityOptions { Enabled = target.IsLive } };
                var facts = Wait(new LinuxFactsReader().ReadAsync(root, options, CancellationToken));
                var results = Wait(new CheckEngine().RunAsync(facts, LinuxHealthChecks.All, new CheckContext(target.Name, target.IsLive), CancellationToken));
                WriteProgress(new ProgressRecord(1, "Save-AzBackupAgentLog", $"Writing {destination}"));
                var report = Wait(new AgentLogBundleWriter(new LibcFileMetadata()).WriteAsync(root, facts, results, destination, CancellationToken));
                WriteReportVerbose(report);
                if (target.IsLive && !LibcFileMetadata.IsRoot() && report.LeftOut.Any(l => l.EndsWith("permission denied", StringComparison.Ordinal)))
                {
                    WriteWarning("Some files could not be read without root and are not in the bundle; run as root for a complete bundle.");
                }

                WriteProgress(new ProgressRecord(1, "Save-AzBackupAgentLog", "Done") { RecordType = ProgressRecordType.Completed });
                WriteObject(report);
            }
            catch (InvalidDataException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidData, Path, ex.Message, ex));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowWriteFailed(destination, ex);
            }
        }

        private void ThrowWriteFailed(string destination, Exception ex) =>
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.BundleWriteFailed, ErrorCategory.WriteError, destination, $"The bundle could not be written: {ex.Message}. Nothing was left behind.", ex));

        private void WriteReportVerbose(BundleReport report)
        {
            foreach (var kind in report.Redactions.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                WriteVerbose($"Redacted {kind.Value} x {kind.Key}.");
            }

            foreach (var leftOut in report.LeftOut)
            {
                WriteVerbose($"Left out {leftOut}.");
            }
        }
    }
}
