using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Runs a <see cref="WindowsCommand"/> on this machine: the program from the system folder by full path, its fixed
    /// argument list, no shell, at most <see cref="MaxOutputChars"/> characters of output and <see cref="DefaultTimeout"/>.
    /// </summary>
    public sealed class LocalWindowsCommandSource : IWindowsCommandSource
    {
        /// <summary>The most output read from a command (vssadmin list writers writes about 10 KB).</summary>
        public const int MaxOutputChars = 1024 * 1024;

        /// <summary>How long a command may run (vssadmin waits for the VSS service to start).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

        private readonly ICommandRunner _runner;
        private readonly string _systemFolder;
        private readonly TimeSpan _timeout;

        /// <summary>Runs commands from <see cref="Environment.SystemDirectory"/>.</summary>
        public LocalWindowsCommandSource()
            : this(new ProcessCommandRunner(MaxOutputChars), Environment.SystemDirectory, DefaultTimeout)
        {
        }

        /// <summary>Runs commands from <paramref name="systemFolder"/> through <paramref name="runner"/> (tests give a folder of stand-ins).</summary>
        public LocalWindowsCommandSource(ICommandRunner runner, string systemFolder, TimeSpan timeout)
        {
            _runner = runner ?? throw new ArgumentNullException(nameof(runner));
            _systemFolder = string.IsNullOrEmpty(systemFolder) ? throw new ArgumentException("A system folder is required.", nameof(systemFolder)) : systemFolder;
            _timeout = timeout > TimeSpan.Zero ? timeout : throw new ArgumentOutOfRangeException(nameof(timeout));
        }

        /// <inheritdoc />
        public WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken)
        {
            if (command is null)
            {
                throw new ArgumentNullException(nameof(command));
            }

            var program = Path.Combine(_systemFolder, command.Program);
            if (!File.Exists(program))
            {
                throw new FileNotFoundException($"{program} does not exist, so '{command.Name}' cannot run.", program);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                var result = _runner.RunAsync(program, command.Arguments, null, timeout.Token).GetAwaiter().GetResult();
                return WindowsCommandOutput.Completed(result.ExitCode, result.StandardOutput, result.StandardError);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"'{command.Name}' did not finish within {_timeout.TotalSeconds:0} s and was stopped.");
            }
        }
    }
}
