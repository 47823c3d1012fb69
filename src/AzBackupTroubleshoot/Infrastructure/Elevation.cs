using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>Whether this process may change the route table: effective uid 0 on Linux, an elevated Administrator on Windows.</summary>
    internal static class Elevation
    {
        public static bool IsElevated()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return IsUserAnAdmin();
            }

            // /proc/self/status "Uid:" lists real, effective, saved and filesystem uids; the effective one decides.
            const string status = "/proc/self/status";
            if (File.Exists(status))
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                var fields = line?.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (fields != null && fields.Length > 2)
                {
                    return fields[2] == "0";
                }
            }

            return string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        }

        [DllImport("shell32.dll")]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool IsUserAnAdmin();
    }
}
