namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// Writes an about topic as the plain text PowerShell reads from <c>about_Name.help.txt</c>, laid out like
    /// PowerShell's own <c>default.help.txt</c>: <c>#</c> headings upper-case at column 0, <c>##</c> headings
    /// upper-case at column 2, text wrapped at 80 columns with a 4-space indent, code blocks verbatim at 8 spaces.
    /// LF line endings, no trailing spaces, one newline at the end.
    /// </summary>
    internal static class AboutTopicWriter
    {
        /// <summary>Line width paragraphs are wrapped to (indent included).</summary>
        public const int Width = 80;

        private const string TextIndent = "    ";
        private const string CodeIndent = "        ";

        /// <summary>Renders <paramref name="topic"/>.</summary>
        public static string Write(AboutTopic topic)
        {
            if (topic is null)
            {
                throw new ArgumentNullException(nameof(topic));
            }

            var lines = new List<string> { "TOPIC", TextIndent + topic.Name, string.Empty };
            for (int i = 0; i < topic.Body.Count; i++)
            {
                DocBlock block = topic.Body[i];
                switch (block.Kind)
                {
                    case DocBlockKind.Heading:
                        AddHeading(lines, block);
                        break;
                    case DocBlockKind.Code:
                        foreach (string line in block.Lines)
                        {
                            lines.Add(line.Length == 0 ? string.Empty : CodeIndent + line);
                        }

                        lines.Add(string.Empty);
                        break;
                    case DocBlockKind.ListItem:
                        lines.AddRange(Wrap(block.Text, TextIndent, TextIndent + new string(' ', MarkerWidth(block.Text))));

                        // Items of one list stay together; a blank line follows the last one.
                        if (i + 1 >= topic.Body.Count || topic.Body[i + 1].Kind != DocBlockKind.ListItem)
                        {
                            lines.Add(string.Empty);
                        }

                        break;
                    default:
                        if (IsTable(block))
                        {
                            foreach (string line in block.Lines)
                            {
                                lines.Add(TextIndent + line);
                            }
                        }
                        else
                        {
                            lines.AddRange(Wrap(block.Text, TextIndent, TextIndent));
                        }

                        lines.Add(string.Empty);
                        break;
                }
            }

            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            var text = new StringBuilder();
            foreach (string line in lines)
            {
                text.Append(line.TrimEnd()).Append('\n');
            }

            return text.ToString();
        }

        /// <summary>Greedy word wrap to <see cref="Width"/>; a word longer than the line stays whole on its own line.</summary>
        public static IReadOnlyList<string> Wrap(string text, string firstIndent, string nextIndent)
        {
            var result = new List<string>();
            var line = new StringBuilder(firstIndent);
            bool lineHasWord = false;
            foreach (string word in text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (lineHasWord && line.Length + 1 + word.Length > Width)
                {
                    result.Add(line.ToString());
                    line.Clear().Append(nextIndent);
                    lineHasWord = false;
                }

                if (lineHasWord)
                {
                    line.Append(' ');
                }

                line.Append(word);
                lineHasWord = true;
            }

            if (lineHasWord)
            {
                result.Add(line.ToString());
            }

            return result;
        }

        private static void AddHeading(List<string> lines, DocBlock block)
        {
            if (block.Level == 1)
            {
                lines.Add(block.Text.ToUpperInvariant());
                return;
            }

            if (lines.Count > 0 && lines[lines.Count - 1].Length != 0)
            {
                lines.Add(string.Empty);
            }

            lines.Add(block.Level == 2 ? "  " + block.Text.ToUpperInvariant() : TextIndent + block.Text);
        }

        private static int MarkerWidth(string item)
        {
            int space = item.IndexOf(' ');
            return space > 0 && space <= 4 ? space + 1 : 2;
        }

        private static bool IsTable(DocBlock block)
        {
            foreach (string line in block.Lines)
            {
                if (!line.StartsWith("|", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return block.Lines.Count > 0;
        }
    }
}
