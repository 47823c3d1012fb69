using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class AboutTopicWriterTests
    {
        private static string WriteSample() => AboutTopicWriter.Write(AboutTopicParser.Parse(AboutPath, About).Value!);

        [Fact]
        public void Sample_RendersLikePowerShellsOwnAboutFiles()
        {
            string expected =
                "TOPIC\n" +
                "    about_AzBackupTroubleshoot\n" +
                "\n" +
                "SHORT DESCRIPTION\n" +
                "    Finds and fixes why Azure VM backups fail because of the guest agent or the\n" +
                "    VMSnapshot extension.\n" +
                "\n" +
                "LONG DESCRIPTION\n" +
                "    AzBackupTroubleshoot reads facts about a VM, runs checks over them and\n" +
                "    reports one result per check, each with its cause, evidence and remediation.\n" +
                "    Repairs are separate cmdlets that support -WhatIf.\n" +
                "\n" +
                "    The checks cover:\n" +
                "\n" +
                "    - the guest agent service and its version\n" +
                "    - the VMSnapshot extension state\n" +
                "\n" +
                "        Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01 |\n" +
                "            Where-Object Status -eq Failed\n" +
                "\n" +
                "  OFFLINE USE\n" +
                "    Every check can run against a captured root folder instead of a live VM.\n" +
                "\n" +
                "SEE ALSO\n" +
                "    Test-AzBackupAgentHealth\n";

            Assert.Equal(expected, WriteSample());
        }

        [Fact]
        public void EveryLine_FitsEightyColumnsHasNoTrailingSpaceAndUsesLf()
        {
            string text = WriteSample();

            Assert.DoesNotContain("\r", text);
            Assert.All(text.TrimEnd('\n').Split('\n'), line =>
            {
                Assert.True(line.Length <= AboutTopicWriter.Width, line);
                Assert.Equal(line.TrimEnd(), line);
            });
        }

        [Fact]
        public void Wrap_KeepsAWordLongerThanTheLineWhole()
        {
            string url = "https://example.invalid/" + new string('a', 90);

            var lines = AboutTopicWriter.Wrap("see " + url + " for more", "    ", "    ");

            Assert.Equal(new[] { "    see", "    " + url, "    for more" }, lines);
        }

        [Fact]
        public void CodeBlock_KeptVerbatimIncludingInnerBlankLinesAndLongLines()
        {
            string longLine = "Get-Thing " + string.Join(" ", Enumerable.Repeat("-Option value", 10));
            string text = About.Replace("Where-Object Status -eq Failed\n```", "Where-Object Status -eq Failed\n\n" + longLine + "\n```");

            string output = AboutTopicWriter.Write(AboutTopicParser.Parse(AboutPath, text).Value!);

            Assert.Contains("            Where-Object Status -eq Failed\n\n        " + longLine + "\n", output);
        }
    }
}
