namespace AzBackupTroubleshoot.Core.Facts.Windows.Commands
{
    /// <summary>What a <see cref="WindowsCommand"/> wrote, or why it was not run where the facts come from.</summary>
    public sealed class WindowsCommandOutput
    {
        private WindowsCommandOutput(int exitCode, string output, string error, string? notRunReason)
        {
            ExitCode = exitCode;
            Output = output ?? string.Empty;
            Error = error ?? string.Empty;
            NotRunReason = notRunReason;
        }

        /// <summary>The exit code (0 when <see cref="Ran"/> is false).</summary>
        public int ExitCode { get; }

        /// <summary>Standard output.</summary>
        public string Output { get; }

        /// <summary>Standard error.</summary>
        public string Error { get; }

        /// <summary>Why the command could not run where the facts come from (a remote session, another OS), or null when it ran.</summary>
        public string? NotRunReason { get; }

        /// <summary>True when the command ran.</summary>
        public bool Ran => NotRunReason == null;

        /// <summary>A command that ran.</summary>
        public static WindowsCommandOutput Completed(int exitCode, string output, string error) => new WindowsCommandOutput(exitCode, output, error, null);

        /// <summary>A command that could not run here, with the reason.</summary>
        public static WindowsCommandOutput NotRun(string reason) => new WindowsCommandOutput(0, string.Empty, string.Empty, reason);
    }
}
