namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class MarkdownOutlineTests
    {
        [Fact]
        public void FrontMatterAndBlocks_WithSourceLines()
        {
            const string Text = "---\nschema: 2.0.0\nModule Name: M\n---\n\n# Title\n\nFirst line\nsecond line.\n\n- one\n- two\n  continued\n\n```yaml\nType: String\n\nRequired: True\n```\n\n    indented code\n";

            MarkdownOutline outline = MarkdownOutline.Parse(Text);

            Assert.NotNull(outline.FrontMatter);
            Assert.Equal(new[] { "schema: 2.0.0", "Module Name: M" }, outline.FrontMatter!.Lines);
            Assert.Equal(new[] { 2, 3 }, outline.FrontMatter.LineNumbers);
            Assert.Equal(
                new[] { "Heading@6: Title", "Paragraph@8: First line second line.", "ListItem@11: - one", "ListItem@12: - two continued", "Code@15: Type: String\n\nRequired: True", "Code@21: indented code" },
                outline.Blocks.Select(b => b.ToString()));
            Assert.Equal(1, outline.Blocks[0].Level);
            Assert.Equal("yaml", outline.Blocks[4].Info);
            Assert.Equal(new[] { 16, 17, 18 }, outline.Blocks[4].LineNumbers);
        }

        [Fact]
        public void CrLfAndBom_GiveTheSameOutlineAsLf()
        {
            const string Text = "# Title\n\n## SYNOPSIS\nText.\n\n```\ncode\n```\n";

            string lf = string.Join("|", MarkdownOutline.Parse(Text).Blocks.Select(b => b.ToString()));
            string crlf = string.Join("|", MarkdownOutline.Parse("\uFEFF" + Text.Replace("\n", "\r\n")).Blocks.Select(b => b.ToString()));

            Assert.Equal(lf, crlf);
            Assert.Null(MarkdownOutline.Parse(Text).FrontMatter);
        }

        [Fact]
        public void HtmlCommentsAndThematicBreaks_AreDropped()
        {
            MarkdownOutline outline = MarkdownOutline.Parse("# T\n\n<!-- markdownlint-disable MD024 -->\n\nText.\n\n***\n\n<b>bold</b> html\n");

            Assert.Equal(new[] { "Heading@1: T", "Paragraph@5: Text.", "Paragraph@9: <b>bold</b> html" }, outline.Blocks.Select(b => b.ToString()));
        }

        [Fact]
        public void HeadingText_DropsClosingHashesAndKeepsDashes()
        {
            MarkdownOutline outline = MarkdownOutline.Parse("### -Name\n\n## RELATED LINKS ##\n");

            Assert.Equal(new[] { "-Name", "RELATED LINKS" }, outline.Blocks.Select(b => b.Text));
            Assert.Equal(new[] { 3, 2 }, outline.Blocks.Select(b => b.Level));
        }
    }
}
