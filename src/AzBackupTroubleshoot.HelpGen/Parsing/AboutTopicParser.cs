namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// Parses an about topic in platyPS's about schema: <c># about_X</c>, <c>## about_X</c>, <c># SHORT DESCRIPTION</c>,
    /// <c># LONG DESCRIPTION</c>, then any further <c>#</c> sections.
    /// </summary>
    internal static class AboutTopicParser
    {
        /// <summary>Parses the text of <paramref name="path"/> (the file name must be <c>about_X.md</c>).</summary>
        public static ParseResult<AboutTopic> Parse(string path, string text)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            var problems = new List<HelpProblem>();
            MarkdownOutline outline = MarkdownOutline.Parse(text ?? throw new ArgumentNullException(nameof(text)));
            IReadOnlyList<DocBlock> blocks = outline.Blocks;
            PlaceholderDetector.Report(blocks, path, problems);
            string expected = Path.GetFileNameWithoutExtension(path);
            if (blocks.Count == 0 || !blocks[0].IsHeading(1))
            {
                problems.Add(new HelpProblem(path, blocks.Count == 0 ? 1 : blocks[0].Line, $"expected '# {expected}' as the first heading"));
                return new ParseResult<AboutTopic>(null, problems);
            }

            string name = blocks[0].Text;
            if (!name.StartsWith("about_", StringComparison.Ordinal) || name.Length == "about_".Length || name.IndexOf(' ') >= 0)
            {
                problems.Add(new HelpProblem(path, blocks[0].Line, $"about topic title must be 'about_Name', found '{name}'"));
            }
            else if (!string.Equals(name, expected, StringComparison.Ordinal))
            {
                problems.Add(new HelpProblem(path, blocks[0].Line, $"title '{name}' does not match the file name '{expected}.md'"));
            }

            int next = 1;
            if (blocks.Count > 1 && blocks[1].IsHeading(2))
            {
                if (!string.Equals(blocks[1].Text, name, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new HelpProblem(path, blocks[1].Line, $"expected '## {name}' after the title, found '## {blocks[1].Text}'"));
                }

                next = 2;
            }
            else
            {
                problems.Add(new HelpProblem(path, blocks.Count > 1 ? blocks[1].Line : blocks[0].Line, $"expected '## {name}' after the title"));
            }

            IReadOnlyList<DocBlock> body = blocks.Skip(next).ToList();
            IReadOnlyList<DocSection> sections = DocSection.Split(body, 1, out IReadOnlyList<DocBlock> leading);
            if (leading.Count > 0)
            {
                problems.Add(new HelpProblem(path, leading[0].Line, "unexpected content before '# SHORT DESCRIPTION'"));
            }

            DocSection? shortSection = sections.FirstOrDefault(s => Is(s, "SHORT DESCRIPTION"));
            DocSection? longSection = sections.FirstOrDefault(s => Is(s, "LONG DESCRIPTION"));
            int titleLine = blocks[0].Line;
            if (shortSection is null)
            {
                problems.Add(new HelpProblem(path, titleLine, "missing section '# SHORT DESCRIPTION'"));
            }
            else if (sections[0] != shortSection)
            {
                problems.Add(new HelpProblem(path, shortSection.Heading.Line, "'# SHORT DESCRIPTION' must be the first '#' section"));
            }
            else if (shortSection.Content.Count == 0)
            {
                problems.Add(new HelpProblem(path, shortSection.Heading.Line, "# SHORT DESCRIPTION is empty"));
            }

            if (longSection is null)
            {
                problems.Add(new HelpProblem(path, titleLine, "missing section '# LONG DESCRIPTION'"));
            }
            else if (longSection.Content.Count == 0)
            {
                problems.Add(new HelpProblem(path, longSection.Heading.Line, "# LONG DESCRIPTION is empty"));
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (DocSection section in sections)
            {
                if (!seen.Add(section.Title))
                {
                    problems.Add(new HelpProblem(path, section.Heading.Line, $"duplicate section '# {section.Title}'"));
                }
            }

            if (problems.Count > 0)
            {
                return new ParseResult<AboutTopic>(null, problems.OrderBy(p => p.Line).ToList());
            }

            string shortText = string.Join(" ", shortSection!.Content.Where(b => b.Kind != DocBlockKind.Heading).Select(b => b.Text));
            return new ParseResult<AboutTopic>(new AboutTopic(name, shortText, body), problems);
        }

        private static bool Is(DocSection section, string title) => string.Equals(section.Title, title, StringComparison.OrdinalIgnoreCase);
    }
}
