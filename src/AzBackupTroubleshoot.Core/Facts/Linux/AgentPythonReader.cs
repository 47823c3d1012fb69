using System.ComponentModel;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Runs the agent's python to import the agent's modules, as Microsoft's VM assist does (Azure/azure-support-scripts,
    /// commit 6c9066ea88387ac46ebc800ff36cd8b310a76b32, <c>vmassist/linux/vmassist.sh</c> <c>testPyMod</c> with
    /// <c>azurelinuxagent.agent</c>, lines 95-122 and 414-422; <c>vmassist.py</c> reports it as PYALA). Only on the running
    /// machine and only when <see cref="AgentPythonOptions.Enabled"/>: the interpreter (<see cref="AgentInterpreterLocator"/>)
    /// must pass <see cref="TrustedExecutable"/>, and runs by full path with an argument list (no shell), the code
    /// <see cref="ImportCode"/> only (importing the module defines the agent; nothing starts the daemon), <c>-B</c> (no
    /// bytecode files written), a minimal environment, <c>/</c> as working folder, no input, at most
    /// <see cref="MaxOutputChars"/> characters of output, and <see cref="AgentPythonOptions.Timeout"/>.
    /// </summary>
    public sealed class AgentPythonReader
    {
        /// <summary>The code run: the import the agent's own waagent script does first.</summary>
        public const string ImportCode = "import azurelinuxagent.agent";

        /// <summary>The most characters read from either stream (a traceback is a few KB); more is refused, not cut.</summary>
        public const int MaxOutputChars = 64 * 1024;

        /// <summary>How many of standard error's last lines are kept.</summary>
        public const int TailLines = 5;

        /// <summary>The longest line kept from standard error.</summary>
        public const int MaxLineChars = 400;

        /// <summary>The whole environment the interpreter gets (the daemon's PATH under systemd, a plain locale).</summary>
        public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["LANG"] = "C.UTF-8",
        };

        /// <summary>The arguments: no bytecode written, then the import.</summary>
        public static readonly IReadOnlyList<string> Arguments = new[] { "-B", "-c", ImportCode };

        private static readonly Regex Missing = new Regex(@"(?:No module named|cannot import name) '?(?<name>[A-Za-z0-9_.]+)'?", RegexOptions.CultureInvariant);

        /// <summary>Reads the fact; <paramref name="isLive"/> false (an offline root or bundle) never runs anything.</summary>
        public async Task<AgentPythonFacts> ReadAsync(ILinuxRoot root, bool isLive, AgentUnitFacts units, AgentPythonOptions? options, CancellationToken cancellationToken) =>
            await ReadAsync(root, isLive, units, options, null, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Reads the fact; offline, from what a bundle recorded (<paramref name="captured"/>, bundle format 3) when it holds
        /// the run, and never by running anything.
        /// </summary>
        public async Task<AgentPythonFacts> ReadAsync(ILinuxRoot root, bool isLive, AgentUnitFacts units, AgentPythonOptions? options, CapturedFactsFile? captured, CancellationToken cancellationToken)
        {
            if (root is null || units is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : nameof(units));
            }

            if (!isLive)
            {
                return Offline(captured);
            }

            if (options is null || !options.Enabled)
            {
                return AgentPythonFacts.NotRun("Not run: it executes the guest's python. Pass -RunAgentPython to run the agent's python (import azurelinuxagent.agent only, 30 s at most); Save-AzBackupAgentLog -RunAgentPython records the result in its bundle.");
            }

            if (!(root is FolderLinuxRoot folder))
            {
                return AgentPythonFacts.NotRun($"{root.Location} is not a folder on this machine, so nothing in it is run.");
            }

            var evidence = new List<string>();
            var located = new AgentInterpreterLocator().Locate(root, units, evidence, out var interpreter);
            if (located != null)
            {
                return located;
            }

            var refusal = new TrustedExecutable(options.Metadata ?? new LibcFileMetadata(), options.TrustedOwners).Check(folder.Location, interpreter, out var hostPath);
            if (refusal != null)
            {
                return AgentPythonFacts.Refused(interpreter, interpreter, $"The agent's python {interpreter} is not run: {refusal}", evidence);
            }

            evidence.Add($"ran {hostPath} {string.Join(" ", Arguments.Select(a => a.IndexOf(' ') >= 0 ? "\"" + a + "\"" : a))}");
            var runner = new ProcessCommandRunner(MaxOutputChars, Environment, "/");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            CommandResult result;
            try
            {
                result = await runner.RunAsync(hostPath, Arguments, string.Empty, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return AgentPythonFacts.CouldNotRun(interpreter, $"{hostPath} did not finish within {options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and was stopped.", evidence);
            }
            catch (InvalidDataException ex)
            {
                return AgentPythonFacts.CouldNotRun(interpreter, ex.Message, evidence);
            }
            catch (Exception ex) when (ex is Win32Exception || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                return AgentPythonFacts.CouldNotRun(interpreter, $"{hostPath} could not be started: {ex.Message}", evidence);
            }

            evidence.Add($"exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}");
            var tail = Tail(result.StandardError);
            var missing = result.ExitCode == 0 ? null : tail.Select(l => Missing.Match(l)).LastOrDefault(m => m.Success)?.Groups["name"].Value;
            return AgentPythonFacts.Ran(interpreter, evidence, result.ExitCode, tail, missing);
        }

        private static AgentPythonFacts Offline(CapturedFactsFile? captured)
        {
            const string LiveOnly = "The agent's python is run only on the live machine: an offline root or bundle cannot show whether it imports the agent's modules, unless Save-AzBackupAgentLog -RunAgentPython recorded it in the bundle.";
            var file = captured?.Facts;
            if (file is null || file.Status == FactStatus.Absent)
            {
                return AgentPythonFacts.NotRun(captured != null && captured.IsBundle
                    ? "The agent's python is run only on the live machine, and this bundle (format 1) was captured by an older version of Save-AzBackupAgentLog, which did not record the run; take a new bundle with -RunAgentPython."
                    : LiveOnly);
            }

            if (file.Status != FactStatus.Present)
            {
                return AgentPythonFacts.Unreadable(file.Path, file.Problem ?? "cannot be read");
            }

            var recorded = file.Value!.AgentPython;
            if (recorded is null)
            {
                return AgentPythonFacts.NotRun($"The agent's python is run only on the live machine, and this bundle (format {file.Value.FormatVersion.ToString(CultureInfo.InvariantCulture)}) was captured by an older version of Save-AzBackupAgentLog, which did not record the run; take a new bundle with -RunAgentPython.");
            }

            if (recorded.Outcome == AgentPythonOutcome.NotRun)
            {
                // As the source said it when the bundle was written: the bundle gives the results its source gave.
                return AgentPythonFacts.NotRun(recorded.Reason);
            }

            return AgentPythonFacts.Recorded(recorded.Outcome, recorded.Reason, recorded.Interpreter, recorded.Path,
                new[] { $"{AgentPythonRecord.RecordedPrefix}{file.Path} when the bundle was written" }.Concat(recorded.Evidence).ToArray(), recorded.ExitCode, recorded.ErrorTail, recorded.MissingModule);
        }

        /// <summary>The last <see cref="TailLines"/> non-empty lines of <paramref name="text"/>, each at most <see cref="MaxLineChars"/> long (a cut line says so).</summary>
        internal static IReadOnlyList<string> Tail(string text) =>
            TextFileDecoder.Lines(text ?? string.Empty)
                .Where(l => l.Trim().Length > 0)
                .Reverse().Take(TailLines).Reverse()
                .Select(l => l.Length <= MaxLineChars ? l : l.Substring(0, MaxLineChars) + $" (cut: {l.Length.ToString(CultureInfo.InvariantCulture)} characters)")
                .ToArray();
    }
}
