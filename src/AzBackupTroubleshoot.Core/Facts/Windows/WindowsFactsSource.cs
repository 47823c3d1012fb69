namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>Where a fact set came from.</summary>
    public enum WindowsFactsSource
    {
        /// <summary>The machine this code runs on.</summary>
        Local,

        /// <summary>Another machine, over a CimSession.</summary>
        Remote,

        /// <summary>A saved capture.</summary>
        Capture,
    }
}
