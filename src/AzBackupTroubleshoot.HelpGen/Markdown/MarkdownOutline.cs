using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// A markdown file reduced to its YAML front matter and a flat list of top-level blocks (headings, text,
    /// list items, code), each with its 1-based source line. Markdig does the parsing; this class only flattens.
    /// HTML comments, link reference definitions and thematic breaks are dropped.
    /// </summary>
    internal sealed class MarkdownOutline
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();
        private static readonly Regex HeadingLine = new Regex(@"^\s{0,3}#{1,6}(?:\s+(?<text>.*?))?(?:\s+#+)?\s*$", RegexOptions.CultureInvariant);

        private MarkdownOutline(DocBlock? frontMatter, IReadOnlyList<DocBlock> blocks)
        {
            FrontMatter = frontMatter;
            Blocks = blocks;
        }

        /// <summary>The front matter lines (without the <c>---</c> fences) as a code block, or null if the file has none.</summary>
        public DocBlock? FrontMatter { get; }

        /// <summary>Top-level blocks in source order.</summary>
        public IReadOnlyList<DocBlock> Blocks { get; }

        /// <summary>Converts CRLF and lone CR line endings to LF.</summary>
        public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

        /// <summary>Parses markdown text (any line endings) into an outline.</summary>
        public static MarkdownOutline Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            string source = NormalizeLineEndings(text);
            if (source.Length > 0 && source[0] == '\uFEFF')
            {
                source = source.Substring(1);
            }

            string[] sourceLines = source.Split('\n');
            MarkdownDocument document = Markdown.Parse(source, Pipeline);
            DocBlock? frontMatter = null;
            var blocks = new List<DocBlock>();
            foreach (Block block in document)
            {
                switch (block)
                {
                    case YamlFrontMatterBlock yaml:
                        frontMatter = FromFrontMatter(yaml, sourceLines);
                        break;
                    case HeadingBlock heading:
                        blocks.Add(FromHeading(heading, sourceLines));
                        break;
                    case FencedCodeBlock fenced:
                        blocks.Add(FromCode(fenced, fenced.Info ?? string.Empty));
                        break;
                    case CodeBlock indented:
                        blocks.Add(FromCode(indented, string.Empty));
                        break;
                    case ListBlock list:
                        foreach (Block item in list)
                        {
                            blocks.Add(FromSpan(DocBlockKind.ListItem, item, source));
                        }

                        break;
                    case HtmlBlock html when html.Type == HtmlBlockType.Comment:
                    case LinkReferenceDefinitionGroup:
                    case ThematicBreakBlock:
                    case BlankLineBlock:
                        break;
                    default:
                        blocks.Add(FromSpan(DocBlockKind.Paragraph, block, source));
                        break;
                }
            }

            return new MarkdownOutline(frontMatter, blocks);
        }

        private static DocBlock FromFrontMatter(YamlFrontMatterBlock yaml, string[] sourceLines)
        {
            // The block spans the opening fence to the closing fence; take the lines in between from the source.
            int first = yaml.Line + 1;
            var lines = new List<string>();
            var numbers = new List<int>();
            for (int i = first; i < sourceLines.Length; i++)
            {
                string line = sourceLines[i];
                if (line.TrimEnd() == "---" || line.TrimEnd() == "...")
                {
                    break;
                }

                lines.Add(line);
                numbers.Add(i + 1);
            }

            return new DocBlock(DocBlockKind.Code, yaml.Line + 1, 0, "yaml", lines, numbers);
        }

        private static DocBlock FromHeading(HeadingBlock heading, string[] sourceLines)
        {
            string raw = heading.Line < sourceLines.Length ? sourceLines[heading.Line] : string.Empty;
            Match match = HeadingLine.Match(raw);
            string text = match.Success ? match.Groups["text"].Value.Trim() : raw.Trim().TrimStart('#').Trim();
            return new DocBlock(DocBlockKind.Heading, heading.Line + 1, heading.Level, string.Empty, new[] { text }, new[] { heading.Line + 1 });
        }

        private static DocBlock FromCode(LeafBlock code, string info)
        {
            var lines = new List<string>();
            var numbers = new List<int>();
            int contentStart = code is FencedCodeBlock ? code.Line + 1 : code.Line;
            for (int i = 0; i < code.Lines.Count; i++)
            {
                lines.Add(code.Lines.Lines[i].Slice.ToString().TrimEnd());
                numbers.Add(contentStart + i + 1);
            }

            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
                numbers.RemoveAt(numbers.Count - 1);
            }

            return new DocBlock(DocBlockKind.Code, code.Line + 1, 0, info.Trim(), lines, numbers);
        }

        private static DocBlock FromSpan(DocBlockKind kind, Block block, string source)
        {
            int start = Math.Max(0, block.Span.Start);
            int end = Math.Min(source.Length - 1, block.Span.End);
            string raw = end >= start ? source.Substring(start, end - start + 1) : string.Empty;
            var lines = new List<string>();
            var numbers = new List<int>();
            string[] rawLines = raw.Split('\n');
            for (int i = 0; i < rawLines.Length; i++)
            {
                string line = rawLines[i].Trim();
                if (line.Length > 0)
                {
                    lines.Add(line);
                    numbers.Add(block.Line + i + 1);
                }
            }

            return new DocBlock(kind, block.Line + 1, 0, string.Empty, lines, numbers);
        }
    }
}
