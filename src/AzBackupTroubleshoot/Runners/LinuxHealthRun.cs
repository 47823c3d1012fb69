using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Runners
{
    /// <summary>
    /// Test-AzBackupAgentHealth on one Linux target: resolves it, reads its facts through <see cref="LinuxHealthRunner"/> and
    /// writes each check's results as soon as they are known (so Select-Object -First stops the run early).
    /// </summary>
    internal sealed class LinuxHealthRun
    {
        private const string Activity = "Test-AzBackupAgentHealth";
        private readonly ICmdletHost _host;
        private readonly IReadOnlyList<HealthCheck<LinuxFacts>> _checks;
        private readonly Func<ConnectivityOptions> _connectivity;
        private readonly bool _runAgentPython;

        /// <summary>A run; <paramref name="runAgentPython"/> (-RunAgentPython) lets the live read run the agent's python.</summary>
        public LinuxHealthRun(ICmdletHost host, IReadOnlyList<HealthCheck<LinuxFacts>> checks, Func<ConnectivityOptions> connectivity, bool runAgentPython = false)
        {
            _host = host;
            _checks = checks;
            _connectivity = connectivity;
            _runAgentPython = runAgentPython;
        }

        /// <summary>Checks the root at <paramref name="path"/>, or the running machine when it is null.</summary>
        public void Run(string? path)
        {
            if (_checks.Count == 0)
            {
                return;
            }

            var target = Resolve(path);
            if (target is null)
            {
                return;
            }

            var runner = new LinuxHealthRunner();
            LinuxFacts facts;
            try
            {
                _host.WriteVerbose($"Reading the Linux facts from {(target.IsLive ? "the running machine" : target.Location)}.");
                _host.WriteProgress(new ProgressRecord(1, Activity, $"Reading facts from {target.Name}"));
                using var root = target.Open();
                facts = _host.Wait(runner.ReadAsync(root, target, _connectivity(), new AgentPythonOptions { Enabled = _runAgentPython }, _host.CancellationToken));
            }
            catch (InvalidDataException ex)
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.InvalidRoot, ErrorCategory.InvalidData, path, ex.Message, ex,
                    "Give a folder laid out as a Linux root, or a zip written by Save-AzBackupAgentLog."));
                return;
            }

            _host.WriteVerbose(facts.ToString());
            if (facts.AgentPython.Outcome != AgentPythonOutcome.NotRun)
            {
                _host.WriteVerbose($"The agent's python: {facts.AgentPython.Reason} {string.Join("; ", facts.AgentPython.Evidence)}");
            }
            if (facts.Connectivity.NotRunReason is null)
            {
                _host.WriteVerbose($"Connectivity: {facts.Connectivity.Outcomes.Count} probes took {facts.Connectivity.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms.");
            }

            for (var i = 0; i < _checks.Count; i++)
            {
                _host.WriteVerbose($"Checking {_checks[i].Id} on {target.Name}.");
                _host.WriteProgress(new ProgressRecord(1, Activity, $"{_checks[i].Id} on {target.Name}") { PercentComplete = 100 * i / _checks.Count });
                _host.WriteObject(_host.Wait(runner.CheckAsync(facts, target, new[] { _checks[i] }, _host.CancellationToken)), true);
            }

            _host.WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private LinuxTarget? Resolve(string? path)
        {
            if (path is null)
            {
                if (!LinuxTarget.LiveSupported)
                {
                    _host.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null,
                        "Checking the running machine needs a Linux guest here; give -Path with a Linux root or bundle to check it offline."));
                }

                return LinuxTarget.Live();
            }

            try
            {
                return LinuxTarget.Offline(_host.GetUnresolvedProviderPathFromPSPath(path));
            }
            catch (FileNotFoundException ex)
            {
                _host.WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path, ex.Message, ex));
                return null;
            }
        }
    }
}
