namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The newest agent the WireServer offers, from the goal state's ExtensionsConfig the agent saved.</summary>
    public sealed class OfferedAgent
    {
        internal OfferedAgent(string family, ComponentVersion? version)
        {
            Family = family;
            Version = version;
        }

        /// <summary>The GAFamily name (waagent.conf AutoUpdate.GAFamily, default Prod).</summary>
        public string Family { get; }

        /// <summary>The family's &lt;Version&gt;, or null when the WireServer did not name one (older fabric, or no such family).</summary>
        public ComponentVersion? Version { get; }
    }
}
