namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>The kinds of top-level markdown blocks the help schemas use.</summary>
    internal enum DocBlockKind
    {
        /// <summary>An ATX heading (<c>#</c> to <c>######</c>).</summary>
        Heading,

        /// <summary>A paragraph, block quote, table or anything else read as text.</summary>
        Paragraph,

        /// <summary>One item of a bulleted or numbered list (marker kept in the text).</summary>
        ListItem,

        /// <summary>A fenced or indented code block.</summary>
        Code,
    }

    /// <summary>
    /// One top-level block of a markdown file, flattened so the schema parsers can walk the file like platyPS does:
    /// heading, paragraph, list item or code block, with its 1-based line.
    /// </summary>
    internal sealed class DocBlock
    {
        public DocBlock(DocBlockKind kind, int line, int level, string info, IReadOnlyList<string> lines, IReadOnlyList<int> lineNumbers)
        {
            Kind = kind;
            Line = line;
            Level = level;
            Info = info ?? string.Empty;
            Lines = lines ?? throw new ArgumentNullException(nameof(lines));
            LineNumbers = lineNumbers ?? throw new ArgumentNullException(nameof(lineNumbers));
        }

        /// <summary>What the block is.</summary>
        public DocBlockKind Kind { get; }

        /// <summary>1-based line where the block starts in the source file.</summary>
        public int Line { get; }

        /// <summary>Heading level (1-6); 0 for other blocks.</summary>
        public int Level { get; }

        /// <summary>Info string of a fenced code block (for example <c>yaml</c>, <c>powershell</c>); empty otherwise.</summary>
        public string Info { get; }

        /// <summary>
        /// The block's lines: for code, the content lines verbatim; for headings, the heading text;
        /// for text blocks, the source lines with surrounding whitespace trimmed.
        /// </summary>
        public IReadOnlyList<string> Lines { get; }

        /// <summary>1-based source line of each entry in <see cref="Lines"/>.</summary>
        public IReadOnlyList<int> LineNumbers { get; }

        /// <summary>
        /// The block as one string: text blocks are joined with single spaces (soft line breaks), code blocks keep
        /// their line breaks (LF), headings are their text.
        /// </summary>
        public string Text => Kind == DocBlockKind.Code ? string.Join("\n", Lines) : string.Join(" ", Lines);

        /// <summary>True if this is a heading of exactly <paramref name="level"/>.</summary>
        public bool IsHeading(int level) => Kind == DocBlockKind.Heading && Level == level;

        /// <summary>True if this is a heading of <paramref name="level"/> or a higher rank (smaller number).</summary>
        public bool IsHeadingAtOrAbove(int level) => Kind == DocBlockKind.Heading && Level <= level;

        /// <inheritdoc />
        public override string ToString() => $"{Kind}@{Line}: {Text}";
    }
}
