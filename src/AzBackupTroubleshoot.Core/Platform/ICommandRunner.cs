namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>What an external command did.</summary>
    public sealed class CommandResult
    {
        /// <summary>Creates a result.</summary>
        public CommandResult(int exitCode, string standardOutput, string standardError)
        {
            ExitCode = exitCode;
            StandardOutput = standardOutput ?? string.Empty;
            StandardError = standardError ?? string.Empty;
        }

        /// <summary>The exit code.</summary>
        public int ExitCode { get; }

        /// <summary>Everything written to standard output.</summary>
        public string StandardOutput { get; }

        /// <summary>Everything written to standard error.</summary>
        public string StandardError { get; }
    }

    /// <summary>
    /// Runs external commands with an argument list (never a concatenated command line). Tests put recording stand-in
    /// scripts first on PATH instead of replacing this interface.
    /// </summary>
    public interface ICommandRunner
    {
        /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>, optionally writing <paramref name="standardInput"/>.</summary>
        Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken);
    }
}
