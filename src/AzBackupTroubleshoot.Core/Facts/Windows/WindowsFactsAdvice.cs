namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>What to do when a section of the Windows facts could not be read.</summary>
    public static class WindowsFactsAdvice
    {
        /// <summary>For a capture: take it again; for a machine: the account's rights.</summary>
        public static string For(WindowsFacts facts) =>
            facts?.Source == WindowsFactsSource.Capture
                ? "Take the capture again with this section included."
                : "Run as an administrator of the target (the CIM session's account needs WMI and registry read access), then run again.";
    }
}
