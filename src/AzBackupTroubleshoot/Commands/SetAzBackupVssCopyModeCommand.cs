using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Windows;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Turns VSS copy backups on or off for Azure Backup on Windows VMs: writes USEVSSCOPYBACKUP = TRUE (REG_SZ) under
    /// HKLM\SOFTWARE\Microsoft\BCDRAGENT, creating the key, or removes the value.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AzBackupVssCopyMode", SupportsShouldProcess = true, DefaultParameterSetName = LocalSet)]
    [OutputType(typeof(RepairResult))]
    public sealed class SetAzBackupVssCopyModeCommand : CancellableCmdlet
    {
        private const string LocalSet = "Local";
        private const string SessionSet = "CimSession";
        private const string ComputerSet = "ComputerName";
        private const string PathSet = "Path";
        private const string ResultSet = "InputObject";
        private const string Name = "Set-AzBackupVssCopyMode";

        /// <summary>True writes USEVSSCOPYBACKUP = TRUE; false removes it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public bool Enabled { get; set; }

        /// <summary>Sessions to Windows VMs (New-CimSession).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionSet)]
        [CimSessionTransformation]
        [PSTypeName("Microsoft.Management.Infrastructure.CimSession")]
        [ValidateNotNullOrEmpty]
        public PSObject[]? CimSession { get; set; }

        /// <summary>Windows VMs by name, reached over WSMan with the current credentials.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ComputerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("CN")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter(ParameterSetName = ComputerSet)]
        [Parameter(ParameterSetName = ResultSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter(ParameterSetName = ComputerSet)]
        [Parameter(ParameterSetName = ResultSet)]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter(ParameterSetName = ComputerSet)]
        [Parameter(ParameterSetName = ResultSet)]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter(ParameterSetName = ComputerSet)]
        [Parameter(ParameterSetName = ResultSet)]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>The WSMan options for computers reached by name.</summary>
        private WsmanConnectionOptions Connection => ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);

        /// <summary>Capture files: shows what would change; a capture itself cannot be changed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Results of Test-AzBackupAgentHealth; only the Windows.VssCopyMode results that recommend this cmdlet are acted on.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ResultSet, ValueFromPipeline = true)]
        public HealthCheckResult? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            // Checked here, not in BeginProcessing: piped input decides the parameter set only when it is bound.
            if (ParameterSetName == LocalSet || ParameterSetName == ComputerSet)
            {
                CimTargets.RequireWindows(this, Name, null, "Run Set-AzBackupVssCopyMode inside the VM (for example with Invoke-AzVMRunCommand), or on Windows with -ComputerName or -CimSession.");
            }

            foreach (var target in Targets())
            {
                Apply(target);
            }
        }

        private IEnumerable<CimTarget> Targets()
        {
            switch (ParameterSetName)
            {
                case SessionSet:
                    return CimSession!.Select(CimTargets.ForSession);
                case ComputerSet:
                    var connection = Connection;
                    return ComputerName!.Select(n => CimTarget.ForComputer(n, connection));
                case PathSet:
                    return Path!.Select(p => CimTarget.ForCapture(SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
                case ResultSet:
                    return FromResult(InputObject!);
                default:
                    return new[] { CimTarget.Local() };
            }
        }

        private IEnumerable<CimTarget> FromResult(HealthCheckResult result)
        {
            // Only a result whose check asked for this change, on the Windows machine it names (typed), never by its name.
            var reason = RepairRouting.SkipReason(result, Repairer.VssCopyMode, TargetKind.WindowsLocal, TargetKind.WindowsRemote, TargetKind.WindowsCapture);
            if (reason != null)
            {
                WriteVerbose($"Skipping {result.Target} {result.CheckId} ({result.Status}): {reason}");
                return Array.Empty<CimTarget>();
            }

            var target = result.TypedTarget.Windows!;
            if (target.Kind == CimTargetKind.Local || target.Kind == CimTargetKind.ComputerName)
            {
                CimTargets.RequireWindows(this, Name, result.Target, "Run Set-AzBackupVssCopyMode inside the VM (for example with Invoke-AzVMRunCommand), or on Windows.");
            }

            // A machine reached by name: with -Credential, -Authentication, -UseSsl or -Port given here, those; else the
            // options the result was read with.
            return new[] { target.Kind == CimTargetKind.ComputerName && HasConnectionParameters ? CimTarget.ForComputer(target.Name, Connection) : target };
        }

        private void Apply(CimTarget target)
        {
            ICimGateway? gateway = null;
            try
            {
                WriteVerbose(target.Kind == CimTargetKind.Capture ? $"Reading the capture {target.Name}." : $"Connecting to {target.Name} ({target.Kind}).");
                // Tested before ShouldProcess: no confirmation is asked for a change that cannot be made.
                if (target.Kind == CimTargetKind.Local && !ElevationCheck.Check(this, target.Name, $"Changing {VssCopyMode.ValuePath}"))
                {
                    return;
                }

                gateway = CimTargets.Open(target);
                WriteVerbose($"Reading {VssCopyMode.ValuePath} on {gateway.ComputerName}.");
                var result = new VssCopyMode(gateway).Set(Enabled, ShouldProcess, CancellationToken);
                if (result.Status != RepairStatus.Skipped)
                {
                    // Declined (-WhatIf, No at the prompt): ShouldProcess has said so; nothing is written out.
                    WriteVerbose($"{gateway.ComputerName}: {result.Detail}");
                    WriteObject(result);
                }
            }
            catch (CaptureFormatException ex)
            {
                WriteError(ErrorRecords.Create(ex.ErrorId, ErrorCategory.InvalidData, target.Name, ex.Message, ex));
            }
            catch (CimGatewayException ex) when (ex.ErrorId == CimGatewayException.CaptureReadOnly)
            {
                WriteError(ErrorRecords.Create(ErrorIds.CaptureReadOnly, ErrorCategory.InvalidOperation, target.Name, ex.Message, ex,
                    "Use -WhatIf to see what would change, or connect to the VM with -CimSession or -ComputerName."));
            }
            catch (CimGatewayException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target.Name, ex.Message, ex,
                    "Run as an administrator of the VM, and check that WinRM is reachable (Test-WSMan <computer>)."));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                CimTargets.Close(gateway);
            }
        }
    }
}
