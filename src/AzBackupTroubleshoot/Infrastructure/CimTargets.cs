using System;
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
        /// <summary>True on Windows, where a local machine or a computer name can be reached through CIM.</summary>
        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>The message of the PlatformNotSupported error.</summary>
        public static string NotWindowsMessage(string cmdlet) =>
            $"{cmdlet} reaches Windows through CIM, which needs Windows to run on. On {RuntimeInformation.OSDescription.Trim()}, pass -CimSession with a session to a Windows VM, or read a capture with -Path.";

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

        /// <summary>A target for a CimSession the user passed (kept as the object; its ComputerName names it).</summary>
        public static CimTarget ForSession(PSObject session) =>
            CimTarget.ForSession(session.Properties["ComputerName"]?.Value as string ?? "localhost", session.BaseObject);

        /// <summary>Disposes a gateway that needs it.</summary>
        public static void Close(ICimGateway? gateway) => (gateway as IDisposable)?.Dispose();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ICimGateway OpenLive(CimTarget target)
        {
            switch (target.Kind)
            {
                case CimTargetKind.Session:
                    return MmiCimGateway.FromSession(target.Session!);
                case CimTargetKind.ComputerName:
                    return MmiCimGateway.Connect(target.Name);
                default:
                    return MmiCimGateway.Local();
            }
        }
    }
}
