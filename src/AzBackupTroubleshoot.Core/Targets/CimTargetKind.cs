namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>How a Windows target is reached.</summary>
    public enum CimTargetKind
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
}
