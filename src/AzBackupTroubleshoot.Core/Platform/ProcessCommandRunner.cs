using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// Runs commands as child processes; a cancelled run kills the process. With a cap, a process that writes more than
    /// the cap to standard output or standard error is killed and the run fails with <see cref="InvalidDataException"/>:
    /// the output is refused, never cut.
    /// </summary>
    public sealed class ProcessCommandRunner : ICommandRunner
    {
        private readonly int _maxOutputChars;
        private readonly IReadOnlyDictionary<string, string>? _environment;
        private readonly string? _workingDirectory;

        /// <summary>A runner that keeps all output.</summary>
        public ProcessCommandRunner()
            : this(int.MaxValue)
        {
        }

        /// <summary>A runner that refuses more than <paramref name="maxOutputChars"/> characters on either stream.</summary>
        public ProcessCommandRunner(int maxOutputChars)
            : this(maxOutputChars, null, null)
        {
        }

        /// <summary>
        /// A runner that refuses more than <paramref name="maxOutputChars"/> characters on either stream and starts each
        /// command with exactly <paramref name="environment"/> (nothing inherited from this process; null inherits it) in
        /// <paramref name="workingDirectory"/> (null: this process's).
        /// </summary>
        public ProcessCommandRunner(int maxOutputChars, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
        {
            _maxOutputChars = maxOutputChars > 0 ? maxOutputChars : throw new ArgumentOutOfRangeException(nameof(maxOutputChars));
            _environment = environment;
            _workingDirectory = workingDirectory;
        }

        /// <inheritdoc />
        public async Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
        {
            if (fileName is null)
            {
                throw new ArgumentNullException(nameof(fileName));
            }

            var info = new ProcessStartInfo(fileName, ArgumentQuoting.Join(arguments ?? Array.Empty<string>()))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = standardInput != null,
                CreateNoWindow = true,
            };
            if (_workingDirectory != null)
            {
                info.WorkingDirectory = _workingDirectory;
            }

            if (_environment != null)
            {
                info.Environment.Clear();
                foreach (var pair in _environment)
                {
                    info.Environment[pair.Key] = pair.Value;
                }
            }

            using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, __) => exited.TrySetResult(true);
            process.Start();
            var overLimit = false;
            void Kill()
            {
                overLimit = true;
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // already exited
                }
            }

            var stdout = ReadCappedAsync(process.StandardOutput, _maxOutputChars, Kill);
            var stderr = ReadCappedAsync(process.StandardError, _maxOutputChars, Kill);
            if (standardInput != null)
            {
                await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
                process.StandardInput.Close();
            }

            using (cancellationToken.Register(() =>
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // already exited
                }
            }))
            {
                await exited.Task.ConfigureAwait(false);
            }

            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            var output = await stdout.ConfigureAwait(false);
            var error = await stderr.ConfigureAwait(false);
            if (overLimit)
            {
                throw new InvalidDataException($"{fileName} wrote more than {_maxOutputChars} characters; its output is refused rather than cut.");
            }

            return new CommandResult(process.ExitCode, output, error);
        }

        private static async Task<string> ReadCappedAsync(TextReader reader, int maxChars, Action overLimit)
        {
            var text = new StringBuilder();
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                if (text.Length + read > maxChars)
                {
                    overLimit();
                    return string.Empty;
                }

                text.Append(buffer, 0, read);
            }

            return text.ToString();
        }
    }
}
