namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>One <c>### Example N: title</c> entry: its code blocks (joined) and remark paragraphs.</summary>
    internal sealed class ExampleHelp
    {
        public ExampleHelp(string title, string code, IReadOnlyList<string> remarks, int line)
        {
            Title = title ?? throw new ArgumentNullException(nameof(title));
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Remarks = remarks ?? throw new ArgumentNullException(nameof(remarks));
            Line = line;
        }

        /// <summary>The heading text, for example <c>Example 1: Check one VM</c>.</summary>
        public string Title { get; }

        /// <summary>The code blocks' text, several blocks separated by a blank line, LF line endings.</summary>
        public string Code { get; }

        /// <summary>Remark paragraphs (text after or between the code blocks).</summary>
        public IReadOnlyList<string> Remarks { get; }

        /// <summary>1-based line of the heading.</summary>
        public int Line { get; }
    }
}
