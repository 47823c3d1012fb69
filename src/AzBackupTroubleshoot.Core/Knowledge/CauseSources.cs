namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>The names of the articles a cause or heading comes from (see Knowledge/SOURCES.md for their revisions).</summary>
    public static class CauseSources
    {
        /// <summary>The 2017 article (ms.date 08/17/2017; its Spanish machine translation is the seed).</summary>
        public const string Seed = "2017 article";

        /// <summary>The current "Troubleshoot Azure Backup failures caused by agent or extension issues" article.</summary>
        public const string Current = "current article";

        /// <summary>The current companion article "Troubleshooting backup failures on Azure virtual machines".</summary>
        public const string Companion = "companion article";

        internal static bool IsKnown(string value) => value == Seed || value == Current || value == Companion;
    }
}
