using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Whether and how the agent's python is run to import the agent's modules (live only; off by default).</summary>
    public sealed class AgentPythonOptions
    {
        /// <summary>The default time the interpreter may take: 30 s (the import takes well under a second on a healthy VM).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        /// <summary>True when the user asked for it (Test-AzBackupAgentHealth -RunAgentPython). Off by default: it runs the guest's python.</summary>
        public bool Enabled { get; set; }

        /// <summary>How long the interpreter may run before it is stopped and the check reports an Error.</summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>
        /// The user ids that may own the interpreter and every folder on its path (root, 0, by default; tests that cannot
        /// create root-owned files add their own id).
        /// </summary>
        public IReadOnlyCollection<int> TrustedOwners { get; set; } = new[] { 0 };

        /// <summary>Reads owners and modes (default: <see cref="LibcFileMetadata"/>).</summary>
        public IUnixFileMetadata? Metadata { get; set; }
    }
}
