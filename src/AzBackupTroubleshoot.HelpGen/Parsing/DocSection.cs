namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>A heading and the blocks under it up to the next heading of the same or a higher rank.</summary>
    internal sealed class DocSection
    {
        public DocSection(DocBlock heading, IReadOnlyList<DocBlock> content)
        {
            Heading = heading ?? throw new ArgumentNullException(nameof(heading));
            Content = content ?? throw new ArgumentNullException(nameof(content));
        }

        /// <summary>The heading block.</summary>
        public DocBlock Heading { get; }

        /// <summary>The heading text.</summary>
        public string Title => Heading.Text;

        /// <summary>Blocks under the heading (may include lower-rank headings).</summary>
        public IReadOnlyList<DocBlock> Content { get; }

        /// <summary>
        /// Splits <paramref name="blocks"/> at every heading of <paramref name="level"/>. Blocks before the first such
        /// heading are returned in <paramref name="leading"/>.
        /// </summary>
        public static IReadOnlyList<DocSection> Split(IReadOnlyList<DocBlock> blocks, int level, out IReadOnlyList<DocBlock> leading)
        {
            var sections = new List<DocSection>();
            var lead = new List<DocBlock>();
            DocBlock? heading = null;
            var content = new List<DocBlock>();
            foreach (DocBlock block in blocks)
            {
                if (block.IsHeading(level))
                {
                    if (heading != null)
                    {
                        sections.Add(new DocSection(heading, content));
                    }

                    heading = block;
                    content = new List<DocBlock>();
                }
                else if (heading is null)
                {
                    lead.Add(block);
                }
                else
                {
                    content.Add(block);
                }
            }

            if (heading != null)
            {
                sections.Add(new DocSection(heading, content));
            }

            leading = lead;
            return sections;
        }
    }
}
