using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>A <c>### SetName (Default)</c> heading of SYNTAX with its code block, before parameters are matched to it.</summary>
    internal sealed class SyntaxHeading
    {
        public SyntaxHeading(string name, bool isDefault, string code, int line)
        {
            Name = name;
            IsDefault = isDefault;
            Code = code;
            Line = line;
        }

        /// <summary>Set name without <c>(Default)</c>.</summary>
        public string Name { get; }

        /// <summary>True if marked <c>(Default)</c>.</summary>
        public bool IsDefault { get; }

        /// <summary>The code block text.</summary>
        public string Code { get; }

        /// <summary>1-based line of the heading (or of the code block when there is no heading).</summary>
        public int Line { get; }
    }

    /// <summary>Reads the sections of a cmdlet file; problems go to the shared list with their lines.</summary>
    internal sealed class CommandSectionReader
    {
        private const string DefaultMarker = "(Default)";
        private static readonly Regex ParameterName = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly Regex LinkParagraph = new Regex(@"^(?:[-*+]\s+)?(?:\s*\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)\s*)+$", RegexOptions.CultureInvariant);

        private readonly string _file;
        private readonly List<HelpProblem> _problems;
        private readonly List<string> _brokenParameters = new List<string>();

        public CommandSectionReader(string file, List<HelpProblem> problems)
        {
            _file = file;
            _problems = problems;
        }

        /// <summary>
        /// Parameters whose entry had problems (already reported); later checks skip them so one mistake is reported once.
        /// </summary>
        public IReadOnlyList<string> BrokenParameters => _brokenParameters;

        /// <summary>Paragraphs, list items and code blocks of a plain text section; a heading inside is a problem.</summary>
        public IReadOnlyList<string> ReadText(DocSection? section, bool required)
        {
            var paragraphs = new List<string>();
            if (section is null)
            {
                return paragraphs;
            }

            foreach (DocBlock block in section.Content)
            {
                if (block.Kind == DocBlockKind.Heading)
                {
                    Problem(block.Line, $"unexpected heading '{block.Text}' in ## {section.Title}");
                    continue;
                }

                paragraphs.Add(block.Text);
            }

            if (required && paragraphs.Count == 0)
            {
                Problem(section.Heading.Line, $"## {section.Title} is empty");
            }

            return paragraphs;
        }

        /// <summary>SYNTAX: either one code block, or <c>### SetName</c> headings each followed by one code block.</summary>
        public IReadOnlyList<SyntaxHeading> ReadSyntax(DocSection? section)
        {
            var sets = new List<SyntaxHeading>();
            if (section is null)
            {
                return sets;
            }

            IReadOnlyList<DocSection> headed = DocSection.Split(section.Content, 3, out IReadOnlyList<DocBlock> leading);
            if (headed.Count == 0)
            {
                if (leading.Count == 1 && leading[0].Kind == DocBlockKind.Code)
                {
                    sets.Add(new SyntaxHeading(SyntaxSet.AllParameterSets, true, leading[0].Text, leading[0].Line));
                }
                else
                {
                    Problem(section.Heading.Line, "## SYNTAX must hold one code block, or '### SetName' headings each followed by one code block");
                }

                return sets;
            }

            if (leading.Count > 0)
            {
                Problem(leading[0].Line, "unexpected content in ## SYNTAX before the first '### SetName' heading");
            }

            foreach (DocSection set in headed)
            {
                string name = set.Title;
                bool isDefault = name.EndsWith(DefaultMarker, StringComparison.OrdinalIgnoreCase);
                if (isDefault)
                {
                    name = name.Substring(0, name.Length - DefaultMarker.Length).TrimEnd();
                }

                if (set.Content.Count != 1 || set.Content[0].Kind != DocBlockKind.Code)
                {
                    Problem(set.Heading.Line, $"parameter set '{name}' in ## SYNTAX must be followed by exactly one code block");
                    continue;
                }

                if (sets.Exists(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    Problem(set.Heading.Line, $"duplicate parameter set '{name}' in ## SYNTAX");
                    continue;
                }

                sets.Add(new SyntaxHeading(name, isDefault, set.Content[0].Text, set.Heading.Line));
            }

            return sets;
        }

        /// <summary>PARAMETERS: <c>### -Name</c>, description paragraphs, one or more <c>```yaml</c> blocks; <c>### CommonParameters</c>.</summary>
        public IReadOnlyList<ParameterHelp> ReadParameters(DocSection? section, out bool hasCommonParameters)
        {
            hasCommonParameters = false;
            var parameters = new List<ParameterHelp>();
            if (section is null)
            {
                return parameters;
            }

            IReadOnlyList<DocSection> entries = DocSection.Split(section.Content, 3, out IReadOnlyList<DocBlock> leading);
            if (leading.Count > 0)
            {
                Problem(leading[0].Line, "unexpected content in ## PARAMETERS before the first '### -Name' heading");
            }

            foreach (DocSection entry in entries)
            {
                string title = entry.Title;
                if (string.Equals(title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    hasCommonParameters = true;
                    continue;
                }

                if (!title.StartsWith("-", StringComparison.Ordinal) || !ParameterName.IsMatch(title.Substring(1)))
                {
                    Problem(entry.Heading.Line, $"expected '### -Name' or '### CommonParameters' in ## PARAMETERS, found '### {title}'");
                    continue;
                }

                ParameterHelp? parameter = ReadParameter(title.Substring(1), entry);
                if (parameter is null)
                {
                    _brokenParameters.Add(title.Substring(1));
                    continue;
                }

                if (parameters.Exists(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    Problem(entry.Heading.Line, $"parameter -{parameter.Name} is documented twice");
                    continue;
                }

                parameters.Add(parameter);
            }

            return parameters;
        }

        /// <summary>EXAMPLES: <c>### Example N: title</c>, code block(s), remark paragraphs. At least one example is required.</summary>
        public IReadOnlyList<ExampleHelp> ReadExamples(DocSection? section)
        {
            var examples = new List<ExampleHelp>();
            if (section is null)
            {
                return examples;
            }

            IReadOnlyList<DocSection> entries = DocSection.Split(section.Content, 3, out IReadOnlyList<DocBlock> leading);
            if (leading.Count > 0)
            {
                Problem(leading[0].Line, "unexpected content in ## EXAMPLES before the first '### Example' heading");
            }

            if (entries.Count == 0)
            {
                Problem(section.Heading.Line, "## EXAMPLES has no '### Example' entry");
            }

            foreach (DocSection entry in entries)
            {
                var code = new List<string>();
                var remarks = new List<string>();
                foreach (DocBlock block in entry.Content)
                {
                    switch (block.Kind)
                    {
                        case DocBlockKind.Code:
                            code.Add(block.Text);
                            break;
                        case DocBlockKind.Heading:
                            Problem(block.Line, $"unexpected heading '{block.Text}' in example '{entry.Title}'");
                            break;
                        default:
                            remarks.Add(block.Text);
                            break;
                    }
                }

                if (code.Count == 0)
                {
                    Problem(entry.Heading.Line, $"example '{entry.Title}' has no code block");
                    continue;
                }

                examples.Add(new ExampleHelp(entry.Title, string.Join("\n\n", code), remarks, entry.Heading.Line));
            }

            return examples;
        }

        /// <summary>INPUTS or OUTPUTS: <c>### TypeName</c> and description paragraphs.</summary>
        public IReadOnlyList<TypeHelp> ReadTypes(DocSection? section)
        {
            var types = new List<TypeHelp>();
            if (section is null)
            {
                return types;
            }

            IReadOnlyList<DocSection> entries = DocSection.Split(section.Content, 3, out IReadOnlyList<DocBlock> leading);
            if (leading.Count > 0)
            {
                Problem(leading[0].Line, $"unexpected content in ## {section.Title} before the first '### TypeName' heading");
            }

            foreach (DocSection entry in entries)
            {
                types.Add(new TypeHelp(entry.Title, ReadText(entry, required: false)));
            }

            return types;
        }

        /// <summary>RELATED LINKS: paragraphs (or list items) made only of <c>[text](uri)</c> links.</summary>
        public IReadOnlyList<RelatedLink> ReadLinks(DocSection? section)
        {
            var links = new List<RelatedLink>();
            if (section is null)
            {
                return links;
            }

            foreach (DocBlock block in section.Content)
            {
                Match match = block.Kind == DocBlockKind.Code ? Match.Empty : LinkParagraph.Match(block.Text);
                if (!match.Success)
                {
                    Problem(block.Line, $"## RELATED LINKS holds only markdown links like [Text](uri); found '{Shorten(block.Text)}'");
                    continue;
                }

                for (int i = 0; i < match.Groups["text"].Captures.Count; i++)
                {
                    links.Add(new RelatedLink(match.Groups["text"].Captures[i].Value.Trim(), match.Groups["uri"].Captures[i].Value));
                }
            }

            return links;
        }

        private ParameterHelp? ReadParameter(string name, DocSection entry)
        {
            var description = new List<string>();
            var metadata = new List<ParameterMetadata>();
            bool sawYaml = false;
            bool valid = true;
            foreach (DocBlock block in entry.Content)
            {
                if (block.Kind == DocBlockKind.Code && string.Equals(block.Info, "yaml", StringComparison.OrdinalIgnoreCase))
                {
                    sawYaml = true;
                    ParameterMetadata? parsed = ParameterYamlParser.Parse(block, name, _file, _problems);
                    valid &= parsed != null;
                    if (parsed != null)
                    {
                        metadata.Add(parsed);
                    }
                }
                else if (block.Kind == DocBlockKind.Code)
                {
                    Problem(block.Line, $"parameter -{name}: expected a ```yaml block, found a ```{block.Info} block");
                    valid = false;
                }
                else if (block.Kind == DocBlockKind.Heading)
                {
                    Problem(block.Line, $"unexpected heading '{block.Text}' in parameter -{name}");
                    valid = false;
                }
                else if (sawYaml)
                {
                    Problem(block.Line, $"parameter -{name}: text after the yaml block (the description goes before it)");
                    valid = false;
                }
                else
                {
                    description.Add(block.Text);
                }
            }

            if (!sawYaml)
            {
                Problem(entry.Heading.Line, $"parameter -{name} has no ```yaml block");
                return null;
            }

            return valid ? new ParameterHelp(name, description, metadata, entry.Heading.Line) : null;
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private void Problem(int line, string message) => _problems.Add(new HelpProblem(_file, line, message));
    }
}
