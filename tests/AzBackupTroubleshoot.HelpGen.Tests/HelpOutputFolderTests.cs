namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class HelpOutputFolderTests
    {
        private static readonly IReadOnlyList<KeyValuePair<string, string>> Files = new[]
        {
            new KeyValuePair<string, string>("A.dll-Help.xml", "<helpItems />\n"),
            new KeyValuePair<string, string>("about_A.help.txt", "TOPIC\n    about_A\n"),
        };

        [Fact]
        public void Write_CreatesFilesAsUtf8WithoutBomAndLeavesNoTempFiles()
        {
            using var temp = new TempFolder();
            var folder = new HelpOutputFolder(temp.Combine("en-US"));

            IReadOnlyList<string> written = folder.Write(Files);

            Assert.Equal(new[] { temp.Combine("en-US", "A.dll-Help.xml"), temp.Combine("en-US", "about_A.help.txt") }, written);
            Assert.Equal("TOPIC\n    about_A\n"u8.ToArray(), File.ReadAllBytes(temp.Combine("en-US", "about_A.help.txt")));
            Assert.Equal(new[] { "A.dll-Help.xml", "about_A.help.txt" }, Directory.GetFiles(temp.Combine("en-US")).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Write_SkipsUnchangedFilesAndLeavesOtherFilesAlone()
        {
            using var temp = new TempFolder();
            var folder = new HelpOutputFolder(temp.Combine("en-US"));
            folder.Write(Files);
            string handWritten = temp.WriteFile("en-US/about_Manual.help.txt", "hand written\n");
            File.WriteAllText(temp.Combine("en-US", "about_A.help.txt"), "old\n");

            IReadOnlyList<string> written = folder.Write(Files);

            Assert.Equal(new[] { temp.Combine("en-US", "about_A.help.txt") }, written);
            Assert.Equal("hand written\n", File.ReadAllText(handWritten));
        }

        [Fact]
        public void FindDifferences_ListsMissingAndStaleFiles()
        {
            using var temp = new TempFolder();
            var folder = new HelpOutputFolder(temp.Combine("en-US"));
            Assert.Equal(
                new[] { "missing: " + temp.Combine("en-US", "A.dll-Help.xml"), "missing: " + temp.Combine("en-US", "about_A.help.txt") },
                folder.FindDifferences(Files));

            folder.Write(Files);
            Assert.Empty(folder.FindDifferences(Files));

            File.WriteAllText(temp.Combine("en-US", "A.dll-Help.xml"), "<helpItems />\r\n");
            Assert.Equal(new[] { "stale: " + temp.Combine("en-US", "A.dll-Help.xml") }, folder.FindDifferences(Files));
        }
    }
}
