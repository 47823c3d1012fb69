using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// Parses one cmdlet help file in platyPS 0.14 markdown (schema 2.0.0) into <see cref="CommandHelp"/>,
    /// reporting every schema problem with its line instead of stopping at the first.
    /// </summary>
    internal static class PlatyPsParser
    {
        /// <summary>Sections a cmdlet file must have.</summary>
        public static readonly IReadOnlyList<string> RequiredSections = new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS" };

        /// <summary>Every section the schema knows, in platyPS order.</summary>
        public static readonly IReadOnlyList<string> KnownSections = new[]
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly Regex CommandName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>Parses the text of <paramref name="path"/>; the path is used for messages and the name check only.</summary>
        public static ParseResult<CommandHelp> Parse(string path, string text)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            var problems = new List<HelpProblem>();
            MarkdownOutline outline = MarkdownOutline.Parse(text ?? throw new ArgumentNullException(nameof(text)));
            FrontMatter? front = FrontMatter.Read(outline, path, problems);
            PlaceholderDetector.Report(outline.Blocks, path, problems);

            IReadOnlyList<DocBlock> blocks = outline.Blocks;
            if (blocks.Count == 0 || !blocks[0].IsHeading(1))
            {
                problems.Add(new HelpProblem(path, blocks.Count == 0 ? 1 : blocks[0].Line, "expected '# <Verb-Noun>' as the first heading"));
                return new ParseResult<CommandHelp>(null, problems);
            }

            DocBlock title = blocks[0];
            string name = title.Text;
            string expected = Path.GetFileNameWithoutExtension(path);
            if (!CommandName.IsMatch(name))
            {
                problems.Add(new HelpProblem(path, title.Line, $"title '{name}' is not a Verb-Noun command name"));
            }
            else if (!string.Equals(name, expected, StringComparison.Ordinal))
            {
                problems.Add(new HelpProblem(path, title.Line, $"title '{name}' does not match the file name '{expected}.md'"));
            }

            var body = new List<DocBlock>();
            for (int i = 1; i < blocks.Count; i++)
            {
                if (blocks[i].IsHeading(1))
                {
                    problems.Add(new HelpProblem(path, blocks[i].Line, $"a cmdlet file has one '#' title; found another: '# {blocks[i].Text}'"));
                    continue;
                }

                body.Add(blocks[i]);
            }

            IReadOnlyList<DocSection> sectionList = DocSection.Split(body, 2, out IReadOnlyList<DocBlock> leading);
            if (leading.Count > 0)
            {
                problems.Add(new HelpProblem(path, leading[0].Line, "unexpected content between the title and the first '##' section"));
            }

            var sections = new Dictionary<string, DocSection>(StringComparer.OrdinalIgnoreCase);
            foreach (DocSection section in sectionList)
            {
                string key = section.Title.ToUpperInvariant();
                if (!Contains(KnownSections, key))
                {
                    problems.Add(new HelpProblem(path, section.Heading.Line, $"unknown section '## {section.Title}' (expected one of: {string.Join(", ", KnownSections)})"));
                }
                else if (sections.ContainsKey(key))
                {
                    problems.Add(new HelpProblem(path, section.Heading.Line, $"duplicate section '## {key}'"));
                }
                else
                {
                    sections.Add(key, section);
                }
            }

            foreach (string required in RequiredSections)
            {
                if (!sections.ContainsKey(required))
                {
                    problems.Add(new HelpProblem(path, title.Line, $"missing section '## {required}'"));
                }
            }

            var reader = new CommandSectionReader(path, problems);
            string synopsis = string.Join(" ", reader.ReadText(Get(sections, "SYNOPSIS"), required: true));
            IReadOnlyList<string> description = reader.ReadText(Get(sections, "DESCRIPTION"), required: true);
            IReadOnlyList<SyntaxHeading> syntaxHeadings = reader.ReadSyntax(Get(sections, "SYNTAX"));
            IReadOnlyList<ParameterHelp> parameters = reader.ReadParameters(Get(sections, "PARAMETERS"), out bool hasCommonParameters);
            IReadOnlyList<ExampleHelp> examples = reader.ReadExamples(Get(sections, "EXAMPLES"));
            IReadOnlyList<TypeHelp> inputs = reader.ReadTypes(Get(sections, "INPUTS"));
            IReadOnlyList<TypeHelp> outputs = reader.ReadTypes(Get(sections, "OUTPUTS"));
            IReadOnlyList<string> notes = reader.ReadText(Get(sections, "NOTES"), required: false);
            IReadOnlyList<RelatedLink> links = reader.ReadLinks(Get(sections, "RELATED LINKS"));
            IReadOnlyList<SyntaxSet> syntax = SyntaxSetBuilder.Build(syntaxHeadings, parameters, reader.BrokenParameters, path, problems);

            if (problems.Count > 0 || front is null)
            {
                return new ParseResult<CommandHelp>(null, problems.OrderBy(p => p.Line).ToList());
            }

            var command = new CommandHelp(
                name,
                front.ExternalHelpFile,
                front.ModuleName,
                front.OnlineVersion,
                synopsis,
                description,
                syntax,
                parameters,
                hasCommonParameters,
                examples,
                inputs,
                outputs,
                notes,
                links);
            return new ParseResult<CommandHelp>(command, problems);
        }

        private static DocSection? Get(Dictionary<string, DocSection> sections, string key) =>
            sections.TryGetValue(key, out DocSection? section) ? section : null;

        private static bool Contains(IReadOnlyList<string> list, string value)
        {
            foreach (string item in list)
            {
                if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
