using System.Management.Automation;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;
using AzBackupTroubleshoot.Runners;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Saves the agent's and the backup extension's logs, configuration and status files, with the health results, to a zip
    /// with secrets redacted: laid out as a root for a Linux VM; for a Windows VM (the running Windows machine, -CimSession
    /// or -ComputerName) a capture plus, when the files are on this machine, the agent's logs. <see cref="LogBundleRun"/>
    /// does the work.
    /// </summary>
    [Cmdlet(VerbsData.Save, "AzBackupAgentLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = LocalSet)]
    [OutputType(typeof(BundleReport))]
    public sealed class SaveAzBackupAgentLogCommand : ComputerNameSetCmdlet
    {
        private const string LocalSet = "Local";
        private const string CimSessionSet = "CimSession";

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

        /// <summary>
        /// Runs the agent's python on the running Linux machine (import azurelinuxagent.agent only, 30 s at most) and records
        /// the result in the bundle, for Linux.AgentPythonImport offline. Off by default: it executes the guest's python.
        /// </summary>
        [Parameter(ParameterSetName = LocalSet)]
        public SwitchParameter RunAgentPython { get; set; }

        /// <summary>A session to a Windows VM (New-CimSession): its capture and results are bundled, not its log files.</summary>
        [Parameter(ParameterSetName = CimSessionSet, Mandatory = true)]
        [CimSessionTransformation]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNull]
        public PSObject? CimSession { get; set; }

        /// <summary>A Windows VM by name, reached through CIM over a new WSMan session with the current credentials (Windows only).</summary>
        [Parameter(ParameterSetName = ComputerNameSet, Mandatory = true)]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string? ComputerName { get; set; }

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

            var run = new LogBundleRun(this, destination);
            var windows = WindowsTarget();
            if (windows != null)
            {
                if (ShouldProcess(destination, $"Save the capture and the agent logs of {windows.Name} (secrets redacted)"))
                {
                    run.Save(windows);
                }

                return;
            }

            var linux = LinuxTarget();
            if (ShouldProcess(destination, $"Save the agent logs of {linux.Name} (secrets redacted)"))
            {
                run.Save(linux, Path, RunAgentPython.IsPresent);
            }
        }

        /// <summary>The Windows machine of this run, or null when it collects from Linux.</summary>
        private CimTarget? WindowsTarget()
        {
            switch (ParameterSetName)
            {
                case CimSessionSet:
                    return CimTargets.ForSession(CimSession!);
                case ComputerNameSet:
                    CimTargets.RequireWindows(this, "Save-AzBackupAgentLog -ComputerName", ComputerName,
                        "Run Save-AzBackupAgentLog inside the VM (for example with Invoke-AzVMRunCommand) and copy the zip out, or run it on Windows.");
                    return CimTarget.ForComputer(ComputerName!, Connection);
                default:
                    return Path is null && CimTargets.IsWindows ? CimTarget.Local() : null;
            }
        }

        private LinuxTarget LinuxTarget()
        {
            if (Path is null && !Core.Targets.LinuxTarget.LiveSupported)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                    "Collecting from the running machine needs a Linux or Windows guest here; give -Path with a Linux root, or run the cmdlet inside the VM (for example with Invoke-AzVMRunCommand)."));
            }

            LinuxTarget target;
            try
            {
                target = Path is null ? Core.Targets.LinuxTarget.Live() : Core.Targets.LinuxTarget.Offline(GetUnresolvedProviderPathFromPSPath(Path));
            }
            catch (FileNotFoundException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path, ex.Message, ex));
                throw;
            }

            if (target.IsBundle && WindowsBundleReader.IsCapture(target.Location))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidArgument, Path,
                    $"'{target.Location}' is a Windows capture or bundle, not a Linux root: there are no logs in it to collect.",
                    recommendedAction: "Analyse it with Test-AzBackupAgentHealth -Path; bundle a Windows VM with Save-AzBackupAgentLog inside it (for example with Invoke-AzVMRunCommand), or from Windows with -ComputerName or -CimSession."));
            }

            return target;
        }
    }
}
