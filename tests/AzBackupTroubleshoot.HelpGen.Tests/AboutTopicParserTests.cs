using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class AboutTopicParserTests
    {
        private static string OnlyProblem(string text, string path = AboutPath)
        {
            ParseResult<AboutTopic> result = AboutTopicParser.Parse(path, text);
            Assert.Null(result.Value);
            return Assert.Single(result.Problems).ToString();
        }

        [Fact]
        public void Sample_NameShortDescriptionAndBody()
        {
            ParseResult<AboutTopic> result = AboutTopicParser.Parse(AboutPath, About);

            Assert.Empty(result.Problems);
            AboutTopic topic = result.Value!;
            Assert.Equal("about_AzBackupTroubleshoot", topic.Name);
            Assert.Equal("about_AzBackupTroubleshoot.help.txt", topic.HelpFileName);
            Assert.Equal("Finds and fixes why Azure VM backups fail because of the guest agent or the VMSnapshot extension.", topic.ShortDescription);
            Assert.Equal(
                new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "Offline use", "SEE ALSO" },
                topic.Body.Where(b => b.Kind == DocBlockKind.Heading).Select(b => b.Text));
            Assert.Equal(2, topic.Body.Count(b => b.Kind == DocBlockKind.ListItem));
            Assert.Single(topic.Body, b => b.Kind == DocBlockKind.Code);
        }

        [Fact]
        public void MissingShortDescription_Reported()
        {
            string text = ReplaceOnce(About, "# SHORT DESCRIPTION\nFinds and fixes why Azure VM backups fail because of the guest agent or the VMSnapshot extension.\n\n", string.Empty);

            Assert.Equal($"{AboutPath}:1: missing section '# SHORT DESCRIPTION'", OnlyProblem(text));
        }

        [Fact]
        public void EmptyLongDescription_Reported()
        {
            int start = About.IndexOf("AzBackupTroubleshoot reads facts", System.StringComparison.Ordinal);
            int end = About.IndexOf("# SEE ALSO", System.StringComparison.Ordinal);
            string text = About.Remove(start, end - start);

            Assert.Equal($"{AboutPath}:{LineOf(text, "# LONG DESCRIPTION")}: # LONG DESCRIPTION is empty", OnlyProblem(text));
        }

        [Fact]
        public void SecondHeadingMissingOrDifferent_Reported()
        {
            string text = ReplaceOnce(About, "## about_AzBackupTroubleshoot\n", "## about_Other\n");
            Assert.Equal($"{AboutPath}:3: expected '## about_AzBackupTroubleshoot' after the title, found '## about_Other'", OnlyProblem(text));

            text = ReplaceOnce(About, "## about_AzBackupTroubleshoot\n\n", string.Empty);
            Assert.Equal($"{AboutPath}:3: expected '## about_AzBackupTroubleshoot' after the title", OnlyProblem(text));
        }

        [Fact]
        public void TitleNotMatchingFile_Reported()
        {
            Assert.Equal(
                "docs/about_Other.md:1: title 'about_AzBackupTroubleshoot' does not match the file name 'about_Other.md'",
                OnlyProblem(About, "docs/about_Other.md"));
        }

        [Fact]
        public void Placeholder_Reported()
        {
            string text = ReplaceOnce(About, "Every check can run against a captured root folder instead of a live VM.", "{{ Long Description Placeholder }}");

            Assert.Equal(
                $"{AboutPath}:{LineOf(text, "{{ Long Description Placeholder }}")}: platyPS placeholder left in the text: {{{{ Long Description Placeholder }}}}",
                OnlyProblem(text));
        }
    }
}
