using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Windows.Bundle;
using AzBackupTroubleshoot.Core.Windows.Checks;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// The Windows parts of Save-AzBackupAgentLog: the running Windows machine (no parameter, on Windows), or a VM through
    /// -CimSession or -ComputerName. The bundle holds a capture of what the checks read, the results and, when the files
    /// are on this machine, the agent's logs; a remote CIM session cannot read file contents.
    /// </summary>
    public sealed partial class SaveAzBackupAgentLogCommand
    {
        private const string CimSessionSet = "CimSession";
        private const string ComputerNameSet = "ComputerName";

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

        /// <summary>With -ComputerName: the account to connect as (New-CimSession -Credential), for workgroup VMs and other domains.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>With -ComputerName: the WSMan authentication mechanism (New-CimSession -Authentication); Basic, Digest and CredSsp need -Credential.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public WsmanAuthentication Authentication { get; set; }

        /// <summary>With -ComputerName: connect over HTTPS (WinRM port 5986 unless -Port), as New-CimSessionOption -UseSsl.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>With -ComputerName: the WinRM port (default 5985, or 5986 with -UseSsl).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>The WSMan options for computers reached by name.</summary>
        private WsmanConnectionOptions Connection => ConnectionOptions(Credential, Authentication, UseSsl.IsPresent, Port);

        /// <summary>Bundles a Windows machine; false when this run collects from a Linux machine or root.</summary>
        private bool SaveWindows(string destination)
        {
            var target = WindowsTarget();
            if (target is null)
            {
                return false;
            }

            if (!ShouldProcess(destination, $"Save the capture and the agent logs of {target.Name} (secrets redacted)"))
            {
                return true;
            }

            ICimGateway? gateway = null;
            try
            {
                WriteProgress(new ProgressRecord(1, "Save-AzBackupAgentLog", $"Reading {target.Name} through CIM"));
                WriteVerbose($"Reading the Windows facts of {target.Name} through CIM ({target.Kind}), keeping what is read as a capture.");
                gateway = CimTargets.Open(target);
                var options = new WindowsCheckOptions();
                WindowsAgentLogFiles? logs = null;
                if (gateway.IsLocal)
                {
                    logs = WindowsAgentLogFiles.LocalMachine();
                    options.LocalNetworkChecks = WindowsConnectivityChecks.Create(new ConnectivityOptions { Enabled = true });
                    WriteVerbose($"Reading the agent's logs below {logs.DriveFolder}.");
                }
                else
                {
                    WriteWarning($"A CIM session cannot read file contents: the bundle of {gateway.ComputerName} holds the capture and the health results, " +
                                 @"not the agent's logs (C:\WindowsAzure\Logs, the backup extension's status and settings). Run Save-AzBackupAgentLog inside the VM to include them.");
                }

                var report = Wait(new WindowsLogBundleWriter(new LibcFileMetadata()).SaveAsync(gateway, options, logs, destination, CancellationToken));
                WriteReportVerbose(report);
                WriteProgress(new ProgressRecord(1, "Save-AzBackupAgentLog", "Done") { RecordType = ProgressRecordType.Completed });
                WriteObject(report);
            }
            catch (CimGatewayException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target.Name, ex.Message, ex,
                    "Check that the VM is reachable over WinRM (Test-WSMan <computer>) and that your account is an administrator there."));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowWriteFailed(destination, ex);
            }
            finally
            {
                CimTargets.Close(gateway);
            }

            return true;
        }

        /// <summary>True for a Windows capture (.json) or a Windows bundle, which -Path (a Linux root) cannot collect from.</summary>
        private static bool IsWindowsCapture(string path) =>
            path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || WindowsBundleReader.IsWindowsBundle(path);

        /// <summary>The Windows machine of this run, or null when it collects from Linux.</summary>
        private CimTarget? WindowsTarget()
        {
            switch (ParameterSetName)
            {
                case CimSessionSet:
                    return CimTarget.ForSession(CimSession!);
                case ComputerNameSet:
                    if (!CimTargets.IsWindows)
                    {
                        ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, ComputerName,
                            CimTargets.NotWindowsMessage("Save-AzBackupAgentLog -ComputerName"),
                            recommendedAction: "Run Save-AzBackupAgentLog inside the VM (for example with Invoke-AzVMRunCommand) and copy the zip out, or run it on Windows."));
                    }

                    return CimTarget.ForComputer(ComputerName!, Connection);
                default:
                    return Path is null && CimTargets.IsWindows ? CimTarget.Local() : null;
            }
        }
    }
}
