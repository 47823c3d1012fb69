using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>Finds platyPS template placeholders (<c>{{ Fill in the Synopsis }}</c>, <c>{{ Long Description Placeholder }}</c>) left in a file.</summary>
    internal static class PlaceholderDetector
    {
        private static readonly Regex Placeholder = new Regex(
            @"\{\{\s*(Fill|Add|Update)\b[^}]*\}\}|\{\{[^}]*\bPlaceholder\s*\}\}",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Adds one problem per line that still holds a placeholder.</summary>
        public static void Report(IReadOnlyList<DocBlock> blocks, string file, List<HelpProblem> problems)
        {
            foreach (DocBlock block in blocks)
            {
                for (int i = 0; i < block.Lines.Count; i++)
                {
                    Match match = Placeholder.Match(block.Lines[i]);
                    if (match.Success)
                    {
                        problems.Add(new HelpProblem(file, block.LineNumbers[i], $"platyPS placeholder left in the text: {match.Value}"));
                    }
                }
            }
        }
    }
}
