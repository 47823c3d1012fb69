using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// The one elevation test: whether this process may change the machine (routes, services, files under /etc): effective
    /// user id 0 on Linux and macOS, an elevated Administrator on Windows.
    /// </summary>
    public static class Elevation
    {
        /// <summary>True when this process runs elevated (root on Unix, an elevated Administrator on Windows).</summary>
        public static bool IsElevated()
        {
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    return NativeMethods.IsUserAnAdmin();
                }

                return NativeMethods.geteuid() == 0;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }

        private static class NativeMethods
        {
#pragma warning disable SA1300, IDE1006 // libc's names
            [DllImport("libc")]
            public static extern uint geteuid();
#pragma warning restore SA1300, IDE1006

            [DllImport("shell32.dll")]
            [return: MarshalAs(UnmanagedType.Bool)]
            public static extern bool IsUserAnAdmin();
        }
    }
}
