using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Facts.Host
{
    /// <summary>The Azure detection of the host, with its evidence and what follows from it on this platform.</summary>
    public sealed class PlatformReading
    {
        /// <summary>Creates a reading.</summary>
        /// <param name="platform">What the asset tag says.</param>
        /// <param name="evidence">The tag as read and Azure's tag.</param>
        /// <param name="consequence">For <see cref="HostPlatform.NotAzure"/>: what the module does about it here (which checks still run).</param>
        /// <param name="problem">The tag could not be read.</param>
        public PlatformReading(HostPlatform platform, IEnumerable<string> evidence, string? consequence = null, FactProblem? problem = null)
        {
            Platform = platform;
            Evidence = (evidence ?? Array.Empty<string>()).ToArray();
            Consequence = consequence;
            Problem = problem;
        }

        /// <summary>What the asset tag says.</summary>
        public HostPlatform Platform { get; }

        /// <summary>The tag as read and Azure's tag.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>What the module does when the host is not an Azure VM, in a clause.</summary>
        public string? Consequence { get; }

        /// <summary>The tag could not be read.</summary>
        public FactProblem? Problem { get; }
    }
}
