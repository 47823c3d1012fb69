using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Errors;
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

        /// <summary>
        /// For a change on this machine, before any confirmation is asked: true when the session is elevated or the run is
        /// -WhatIf (nothing changes); otherwise writes ElevationRequired (PermissionDenied) for <paramref name="target"/>.
        /// </summary>
        public static bool Check(PSCmdlet cmdlet, string target, string what)
        {
            if (IsElevated() || (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter s && s.IsPresent))
            {
                return true;
            }

            var admin = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Run PowerShell as Administrator." : "Run PowerShell as root (sudo pwsh).";
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ElevationRequired, ErrorCategory.PermissionDenied, target,
                $"{what} on {target} needs an elevated session.", recommendedAction: admin + " Use -WhatIf to see what would change."));
            return false;
        }

        [DllImport("shell32.dll")]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool IsUserAnAdmin();
    }
}
