using System.Management.Automation;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>The ElevationRequired error for a change on this machine; the test itself is Core's <see cref="Elevation"/>.</summary>
    internal static class ElevationCheck
    {
        /// <summary>
        /// For a change on this machine, before any confirmation is asked: true when the session is elevated or the run is
        /// -WhatIf (nothing changes); otherwise writes ElevationRequired (PermissionDenied) for <paramref name="target"/>.
        /// </summary>
        public static bool Check(PSCmdlet cmdlet, string target, string what)
        {
            if (Elevation.IsElevated() || (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter s && s.IsPresent))
            {
                return true;
            }

            var admin = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Run PowerShell as Administrator." : "Run PowerShell as root (sudo pwsh).";
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ElevationRequired, ErrorCategory.PermissionDenied, target,
                $"{what} on {target} needs an elevated session.", recommendedAction: admin + " Use -WhatIf to see what would change."));
            return false;
        }
    }
}
