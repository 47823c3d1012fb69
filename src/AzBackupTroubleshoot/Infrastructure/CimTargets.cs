using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Cim;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Windows.Bundle;
using AzBackupTroubleshoot.Core.Windows.Capture;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>How a Windows target is reached.</summary>
    internal enum CimTargetKind
    {
        /// <summary>The machine the module runs on (Windows only).</summary>
        Local,

        /// <summary>A CimSession the user passed.</summary>
        Session,

        /// <summary>A computer by name, over a new WSMan session (Windows only).</summary>
        ComputerName,

        /// <summary>A capture file, or a Windows bundle holding one.</summary>
        Capture,
    }

    /// <summary>One Windows machine or capture a cmdlet works on. Holds no MMI type: a session is kept as object.</summary>
    internal sealed class CimTarget
    {
        private CimTarget(CimTargetKind kind, string name, object? session, WsmanConnectionOptions? connection = null)
        {
            Kind = kind;
            Name = name;
            Session = session;
            Connection = connection ?? WsmanConnectionOptions.Default;
        }

        /// <summary>How a <see cref="CimTargetKind.ComputerName"/> target is connected to (-Credential, -Authentication, -UseSsl, -Port).</summary>
        public WsmanConnectionOptions Connection { get; }

        /// <summary>How it is reached.</summary>
        public CimTargetKind Kind { get; }

        /// <summary>The computer name or the capture's full path: the target of errors.</summary>
        public string Name { get; }

        /// <summary>The CimSession (as passed), for <see cref="CimTargetKind.Session"/>.</summary>
        public object? Session { get; }

        public static CimTarget Local() => new CimTarget(CimTargetKind.Local, Environment.MachineName, null);

        /// <summary>A -CimSession value: a session, or a computer name given in its place (a new WSMan session with the default options, as CDXML cmdlets open).</summary>
        public static CimTarget ForSession(PSObject session) =>
            session.BaseObject is CimComputerName name
                ? ForComputer(name.Name)
                : new CimTarget(CimTargetKind.Session, session.Properties["ComputerName"]?.Value as string ?? "localhost", session.BaseObject);

        public static CimTarget ForComputer(string computerName) => new CimTarget(CimTargetKind.ComputerName, computerName, null);

        public static CimTarget ForComputer(string computerName, WsmanConnectionOptions connection) => new CimTarget(CimTargetKind.ComputerName, computerName, null, connection);

        public static CimTarget ForCapture(string fullPath) => new CimTarget(CimTargetKind.Capture, fullPath, null);
    }

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

        /// <summary>Opens a gateway; the caller disposes it.</summary>
        /// <exception cref="CaptureFormatException">The capture cannot be read.</exception>
        /// <exception cref="CimGatewayException">The machine cannot be reached.</exception>
        public static ICimGateway Open(CimTarget target) =>
            target.Kind == CimTargetKind.Capture
                ? new CaptureCimGateway(WindowsBundleReader.Load(target.Name))
                : OpenLive(target);

        /// <summary>The local targets of piped results: a result's Target names the machine.</summary>
        public static bool IsLocalName(string name) =>
            string.Equals(name, Environment.MachineName, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) || name == "." || name == "127.0.0.1";

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
