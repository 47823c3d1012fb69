namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>What came of running the agent's python to import the agent's modules.</summary>
    public enum AgentPythonOutcome
    {
        /// <summary>Not run: the source is offline, or the user did not opt in (-RunAgentPython).</summary>
        NotRun,

        /// <summary>No waagent script (and no python in the unit's ExecStart) was found.</summary>
        NotFound,

        /// <summary>An interpreter was found but is not safe to run (not root's, writable by others, not a regular file...).</summary>
        Refused,

        /// <summary>The interpreter could not be started, wrote too much, or did not finish in time.</summary>
        CouldNotRun,

        /// <summary>The interpreter imported the agent's modules (exit code 0).</summary>
        Imported,

        /// <summary>The interpreter ran and the import failed (a non-zero exit code).</summary>
        ImportFailed,

        /// <summary>A bundle's record of the run (AzBackupTroubleshoot.facts.json) could not be read.</summary>
        Unreadable,
    }
}
