namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>One thing wrong with a help source file, printed as <c>file:line: message</c>.</summary>
    internal sealed class HelpProblem
    {
        public HelpProblem(string file, int line, string message)
        {
            File = file ?? throw new ArgumentNullException(nameof(file));
            Line = line;
            Message = message ?? throw new ArgumentNullException(nameof(message));
        }

        /// <summary>The file path as it was given to the parser.</summary>
        public string File { get; }

        /// <summary>1-based line the problem is reported at.</summary>
        public int Line { get; }

        /// <summary>What is wrong, in one line.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => $"{File}:{Line}: {Message}";
    }
}
