using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Cim;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Opens gateways to <see cref="CimTarget"/>s. Microsoft.Management.Infrastructure is touched only in
    /// <see cref="OpenLive"/>, which is never inlined and runs only for a live target, so on Linux nothing loads it.
    /// </summary>
    internal static class CimTargets
    {
        /// <summary>
        /// Test seam: when set, computer-name targets are opened through it (with their connection options) instead of
        /// over WSMan, and computer names count as reachable off Windows. Only tests set it (through reflection); it is
        /// never set in a user's session.
        /// </summary>
        internal static Func<string, WsmanConnectionOptions, ICimGateway>? ComputerNameOpener { get; set; }

        /// <summary>True on Windows, where a local machine or a computer name can be reached through CIM.</summary>
        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || ComputerNameOpener != null;

        /// <summary>What works instead off Windows (no CimCmdlets, no WinRM client, so no CIM session of any kind).</summary>
        public const string OffWindowsAdvice =
            "Read a capture of the VM with -Path (Save-AzBackupAgentLog on the VM writes one), run the command inside the VM " +
            "(for example with Invoke-AzVMRunCommand), or run it on Windows.";

        /// <summary>The message of the PlatformNotSupported error.</summary>
        public static string NotWindowsMessage(string cmdlet) =>
            $"{cmdlet} reaches Windows through CIM over WSMan, which needs Windows to run on: on {RuntimeInformation.OSDescription.Trim()} there is no CIM client. {OffWindowsAdvice}";

        /// <summary>Stops the cmdlet with PlatformNotSupported when this is not Windows (a computer name or the local machine needs it).</summary>
        public static void RequireWindows(ICmdletHost host, string what, object? target, string? recommendedAction = null)
        {
            if (!IsWindows)
            {
                host.ThrowTerminatingError(ErrorRecords.Create(Errors.ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, target, NotWindowsMessage(what), recommendedAction: recommendedAction));
            }
        }

        /// <summary>Opens a gateway; the caller disposes it.</summary>
        /// <exception cref="CaptureFormatException">The capture cannot be read.</exception>
        /// <exception cref="CimGatewayException">The machine cannot be reached.</exception>
        public static ICimGateway Open(CimTarget target) =>
            target.Kind == CimTargetKind.Capture
                ? new ReplayCimGateway(WindowsBundleReader.Load(target.Name))
                : OpenLive(target);

        /// <summary>
        /// A target for a -CimSession value: a session the user passed (kept as the object; its ComputerName names it), or
        /// a computer name given in its place (a new WSMan session with the default options, as CDXML cmdlets open).
        /// </summary>
        public static CimTarget ForSession(PSObject session) =>
            session.BaseObject is CimComputerName name
                ? CimTarget.ForComputer(name.Name)
                : CimTarget.ForSession(session.Properties["ComputerName"]?.Value as string ?? "localhost", session.BaseObject);

        /// <summary>Disposes a gateway that needs it.</summary>
        public static void Close(ICimGateway? gateway) => (gateway as IDisposable)?.Dispose();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ICimGateway OpenLive(CimTarget target)
        {
            if (!IsWindows)
            {
                // A computer name reached this far (given to -CimSession, or a piped result's machine): no CIM client here.
                throw new CimGatewayException(CimGatewayException.OperationFailed, target.Name, $"{target.Name}: " + NotWindowsMessage("Reaching a Windows VM by name"));
            }

            switch (target.Kind)
            {
                case CimTargetKind.Session:
                    return MmiCimGateway.FromSession(target.Session!);
                case CimTargetKind.ComputerName:
                    return ComputerNameOpener?.Invoke(target.Name, target.Connection) ?? MmiCimGateway.Connect(target.Name, target.Connection);
                default:
                    return MmiCimGateway.Local();
            }
        }
    }
}
