using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>
    /// The agent's own runtime: its python imports the agent's modules (Microsoft's VM assist's PYALA test,
    /// Azure/azure-support-scripts <c>vmassist/linux/vmassist.sh</c>, commit 6c9066ea). Live and on request only.
    /// </summary>
    internal static class AgentPythonChecks
    {
        /// <summary>A refused or unrunnable interpreter is an Error whose message (the reason) names the file at fault.</summary>
        public static IEnumerable<HealthCheckResult> Import(LinuxFacts facts, ResultBuilder verdict)
        {
            var python = facts.AgentPython;
            var evidence = python.Evidence.Concat(python.ErrorTail.Select(l => "stderr: " + l)).ToArray();
            switch (python.Outcome)
            {
                case AgentPythonOutcome.NotRun:
                    yield return verdict.NotApplicable(python.Reason);
                    break;
                case AgentPythonOutcome.Unreadable:
                    yield return verdict.Error(python.Path ?? CapturedFacts.EntryName, python.Reason);
                    break;
                case AgentPythonOutcome.NotFound:
                    yield return verdict.NotApplicable(facts.AgentInstalled ? python.Reason : "The agent is not installed (see Linux.AgentService).", evidence);
                    break;
                case AgentPythonOutcome.Refused:
                    yield return verdict.Result(CheckStatus.Error, python.Reason, evidence.Append($"at fault: {python.Path}"), python.Interpreter != null && python.Path == python.Interpreter
                        ? "Check the interpreter's owner and mode (ls -lL); the agent's python should be root's and writable by root only, as the distribution installs it."
                        : "Reinstall the agent from the distribution's package, whose waagent script and unit name the distribution's python by absolute path.");
                    break;
                case AgentPythonOutcome.CouldNotRun:
                    yield return verdict.Result(CheckStatus.Error, python.Reason, evidence.Append($"at fault: {python.Path}"),
                        $"Run it by hand to see why: sudo {python.Interpreter} -c '{AgentPythonReader.ImportCode}'.");
                    break;
                case AgentPythonOutcome.Imported:
                    yield return verdict.Passed($"The agent's python {python.Interpreter} imports the agent's modules ({AgentPythonReader.ImportCode}).", evidence);
                    break;
                default:
                    var what = python.MissingModule != null
                        ? $"the module '{python.MissingModule}' cannot be imported"
                        : $"the import fails ({python.ErrorTail.LastOrDefault() ?? "no error text"})";
                    yield return verdict.Failed(
                        $"The agent's python {python.Interpreter} cannot import the agent's modules: {what}. The agent's daemon cannot start with this python, so it does not run the backup extension and backups fail (VM assist flags this as 'Failing to load azurelinuxagent module').",
                        evidence,
                        "Reinstall the agent from the distribution's repository (the articles: update the Linux VM agent through the distribution's repository only): sudo apt-get install --reinstall walinuxagent (Ubuntu/Debian), sudo dnf reinstall WALinuxAgent (RHEL and derivatives; yum on older releases), sudo zypper install -f python3-azure-agent (SUSE). If python3 was repointed to another version (update-alternatives, a python built from source), point it back to the distribution's python; then sudo systemctl restart walinuxagent (or waagent).");
                    break;
            }
        }
    }
}
