using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class HelpGeneratorTests
    {
        [Fact]
        public void Folder_GivesOneMamlFileAndOneAboutFile()
        {
            using var temp = new TempFolder();
            temp.WriteFile("docs/Test-AzBackupAgentHealth.md", Command);
            temp.WriteFile("docs/about_AzBackupTroubleshoot.md", About);
            temp.WriteFile("docs/README.md", "# Docs\n");

            HelpGeneration generation = HelpGenerator.FromDirectory(temp.Combine("docs"));

            Assert.Empty(generation.Problems);
            Assert.Equal(new[] { "AzBackupTroubleshoot.dll-Help.xml", "about_AzBackupTroubleshoot.help.txt" }, generation.Files.Select(f => f.Key));
            Assert.Equal(MamlWriter.Write(generation.Commands), generation.Files[0].Value);
            Assert.Equal(AboutTopicWriter.Write(generation.Topics[0]), generation.Files[1].Value);
            Assert.Equal(new[] { Path.Combine(temp.Combine("docs"), "README.md") }, generation.Skipped);
        }

        [Fact]
        public void SameInput_ByteIdenticalOutput_EvenFromCrLfSources()
        {
            HelpGeneration a = HelpGenerator.Generate(new[] { new HelpSource(CommandPath, Command), new HelpSource(AboutPath, About) });
            HelpGeneration b = HelpGenerator.Generate(new[] { new HelpSource(AboutPath, About.Replace("\n", "\r\n")), new HelpSource(CommandPath, Command.Replace("\n", "\r\n")) });

            Assert.Equal(a.Files, b.Files);
        }

        [Fact]
        public void CommandsAreGroupedByTheirExternalHelpFile()
        {
            string other = ReplaceOnce(Command, "# Test-AzBackupAgentHealth", "# Get-AzBackupThing")
                .Replace("Test-AzBackupAgentHealth [-", "Get-AzBackupThing [-")
                .Replace("Test-AzBackupAgentHealth -Id", "Get-AzBackupThing -Id")
                .Replace("external help file: AzBackupTroubleshoot.dll-Help.xml", "external help file: Other.dll-Help.xml");

            HelpGeneration generation = HelpGenerator.Generate(new[] { new HelpSource(CommandPath, Command), new HelpSource("docs/Get-AzBackupThing.md", other) });

            Assert.Empty(generation.Problems);
            Assert.Equal(new[] { "AzBackupTroubleshoot.dll-Help.xml", "Other.dll-Help.xml" }, generation.Files.Select(f => f.Key));
            Assert.Contains("<command:name>Get-AzBackupThing</command:name>", generation.Files[1].Value);
            Assert.DoesNotContain("Get-AzBackupThing</command:name>", generation.Files[0].Value);
        }

        [Fact]
        public void ProblemsInSeveralFiles_AllReportedAndNoFilesProduced()
        {
            string badCommand = ReplaceOnce(Command, "Accept wildcard characters: False\n```\n\n### -VMName", "Accept wildcard charcters: False\n```\n\n### -VMName");
            string badAbout = ReplaceOnce(About, "# LONG DESCRIPTION\n", "# LONGER DESCRIPTION\n");

            HelpGeneration generation = HelpGenerator.Generate(new[] { new HelpSource(CommandPath, badCommand), new HelpSource(AboutPath, badAbout) });

            Assert.Empty(generation.Files);
            int unknownKeyLine = LineOf(badCommand, "Accept wildcard charcters: False");
            Assert.Equal(
                new[]
                {
                    $"{CommandPath}:{unknownKeyLine - 9}: parameter -ResourceGroupName yaml: missing key 'Accept wildcard characters'",
                    $"{CommandPath}:{unknownKeyLine}: parameter -ResourceGroupName yaml: unknown key 'Accept wildcard charcters' " +
                    "(expected one of: Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)",
                    $"{AboutPath}:1: missing section '# LONG DESCRIPTION'",
                },
                generation.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void NoSources_IsAProblem()
        {
            HelpGeneration generation = HelpGenerator.Generate(new List<HelpSource>(), "docs");

            Assert.Equal("docs:0: no Verb-Noun.md or about_Name.md help source found", Assert.Single(generation.Problems).ToString());
        }
    }
}
