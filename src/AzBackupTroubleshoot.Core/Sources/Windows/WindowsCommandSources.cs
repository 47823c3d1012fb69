using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>Picks where the <see cref="WindowsCommand"/>s of a gateway's machine come from.</summary>
    public static class WindowsCommandSources
    {
        /// <summary>Why a remote session shows no command output.</summary>
        public const string RemoteReason =
            "vssadmin runs only on the machine itself: a CIM session cannot run a program and return its output, and no CIM class shows VSS writer states. Run Test-AzBackupAgentHealth in the VM, or take a capture there with Save-AzBackupAgentLog.";

        /// <summary>
        /// The gateway itself when it answers commands (a capture, a capture in progress); this machine when the gateway is
        /// local and this is Windows; otherwise a source that says why the commands cannot run.
        /// </summary>
        public static IWindowsCommandSource For(ICimGateway gateway)
        {
            if (gateway is IWindowsCommandSource source)
            {
                return source;
            }

            if (gateway.IsLocal)
            {
                return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? new LocalWindowsCommandSource()
                    : new Unavailable("vssadmin exists only on Windows; this machine is not Windows.");
            }

            return new Unavailable(RemoteReason);
        }

        private sealed class Unavailable : IWindowsCommandSource
        {
            private readonly string _reason;

            public Unavailable(string reason)
            {
                _reason = reason;
            }

            public WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken) => WindowsCommandOutput.NotRun(_reason);
        }
    }
}
