namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Whether the agent's own python can import the agent's modules (<c>import azurelinuxagent.agent</c>), as Microsoft's VM
    /// assist tests it (Azure/azure-support-scripts <c>vmassist/linux/vmassist.sh</c> <c>testPyMod</c>, commit 6c9066ea).
    /// Read only on the running machine and only on request: it runs the guest's python.
    /// </summary>
    public sealed class AgentPythonFacts
    {
        private AgentPythonFacts(AgentPythonOutcome outcome, string reason, string? interpreter, IReadOnlyList<string> evidence, int? exitCode, IReadOnlyList<string> errorTail, string? missingModule, string? path = null)
        {
            Path = path ?? interpreter;
            Outcome = outcome;
            Reason = reason;
            Interpreter = interpreter;
            Evidence = evidence;
            ExitCode = exitCode;
            ErrorTail = errorTail;
            MissingModule = missingModule;
        }

        /// <summary>What came of it.</summary>
        public AgentPythonOutcome Outcome { get; }

        /// <summary>Why it was not run, refused or could not run; a summary otherwise.</summary>
        public string Reason { get; }

        /// <summary>The interpreter as the guest names it (for example <c>/usr/bin/python3</c>), or null when none was found.</summary>
        public string? Interpreter { get; }

        /// <summary>
        /// The file the outcome is about: the interpreter, or the file that names it (the waagent script, the unit file) when
        /// that is what is wrong; null when nothing was found.
        /// </summary>
        public string? Path { get; }

        /// <summary>How the interpreter was found and what was run.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>The interpreter's exit code, when it ran to the end.</summary>
        public int? ExitCode { get; }

        /// <summary>The last lines the interpreter wrote to standard error (the exception), when it ran.</summary>
        public IReadOnlyList<string> ErrorTail { get; }

        /// <summary>The module or name the import could not find (<c>No module named 'x'</c>, <c>cannot import name 'x'</c>), or null.</summary>
        public string? MissingModule { get; }

        /// <summary>True when the facts come from a bundle's record of the run, not from this run.</summary>
        public bool IsRecorded { get; private set; }

        /// <summary>The run as a bundle recorded it (<see cref="CapturedFacts"/>), with a first evidence line saying so.</summary>
        internal static AgentPythonFacts Recorded(AgentPythonOutcome outcome, string reason, string? interpreter, string? path, IReadOnlyList<string> evidence, int? exitCode, IReadOnlyList<string> errorTail, string? missingModule) =>
            new AgentPythonFacts(outcome, reason, interpreter, evidence, exitCode, errorTail, missingModule, path) { IsRecorded = true };

        /// <summary>A bundle's record that could not be read: the check's Error names the file.</summary>
        internal static AgentPythonFacts Unreadable(string path, string problem) =>
            new AgentPythonFacts(AgentPythonOutcome.Unreadable, problem, null, Array.Empty<string>(), null, Array.Empty<string>(), null, path);

        internal static AgentPythonFacts NotRun(string reason) =>
            new AgentPythonFacts(AgentPythonOutcome.NotRun, reason, null, Array.Empty<string>(), null, Array.Empty<string>(), null);

        internal static AgentPythonFacts NotFound(string reason, IReadOnlyList<string> evidence) =>
            new AgentPythonFacts(AgentPythonOutcome.NotFound, reason, null, evidence, null, Array.Empty<string>(), null);

        internal static AgentPythonFacts Refused(string? interpreter, string path, string reason, IReadOnlyList<string> evidence) =>
            new AgentPythonFacts(AgentPythonOutcome.Refused, reason, interpreter, evidence, null, Array.Empty<string>(), null, path);

        internal static AgentPythonFacts CouldNotRun(string interpreter, string reason, IReadOnlyList<string> evidence) =>
            new AgentPythonFacts(AgentPythonOutcome.CouldNotRun, reason, interpreter, evidence, null, Array.Empty<string>(), null);

        internal static AgentPythonFacts Ran(string interpreter, IReadOnlyList<string> evidence, int exitCode, IReadOnlyList<string> errorTail, string? missingModule) =>
            new AgentPythonFacts(exitCode == 0 ? AgentPythonOutcome.Imported : AgentPythonOutcome.ImportFailed,
                exitCode == 0 ? $"{interpreter} imported the agent's modules." : $"{interpreter} could not import the agent's modules (exit code {exitCode.ToString(CultureInfo.InvariantCulture)}).",
                interpreter, evidence, exitCode, errorTail, missingModule);
    }
}
