namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>What a result's target is, so that a repair can route on it without parsing the target's name.</summary>
    public enum TargetKind
    {
        /// <summary>Only a name is known (a result built by hand); no repair acts on it.</summary>
        Unspecified,

        /// <summary>The running Linux machine.</summary>
        LinuxLive,

        /// <summary>An offline Linux root folder (an OS disk mounted on a rescue VM).</summary>
        LinuxRoot,

        /// <summary>A bundle written by Save-AzBackupAgentLog (read-only).</summary>
        LinuxBundle,

        /// <summary>The running Windows machine, through CIM.</summary>
        WindowsLocal,

        /// <summary>Another Windows machine, through a CimSession or by computer name.</summary>
        WindowsRemote,

        /// <summary>A Windows capture file or bundle (read-only).</summary>
        WindowsCapture,

        /// <summary>An Azure VM, through Azure Resource Manager.</summary>
        AzureVm,
    }
}
