namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class ParameterYamlParserTests
    {
        private static (ParameterMetadata? Metadata, List<HelpProblem> Problems) Parse(string yaml)
        {
            DocBlock block = MarkdownOutline.Parse("```yaml\n" + yaml + "```\n").Blocks.Single();
            var problems = new List<HelpProblem>();
            return (ParameterYamlParser.Parse(block, "Name", "p.md", problems), problems);
        }

        [Fact]
        public void AllKeys_Read()
        {
            var (metadata, problems) = Parse(
                "Type: String[]\nParameter Sets: A, B\nAliases: N, VM\nAccepted values: X, Y\n\nRequired: true\nPosition: 2\nDefault value: 'x'\nAccept pipeline input: True (ByPropertyName, ByValue)\nAccept wildcard characters: True\n");

            Assert.Empty(problems);
            Assert.Equal("String[]", metadata!.Type);
            Assert.Equal(new[] { "A", "B" }, metadata.ParameterSets);
            Assert.Equal(new[] { "N", "VM" }, metadata.Aliases);
            Assert.Equal(new[] { "X", "Y" }, metadata.AcceptedValues);
            Assert.True(metadata.Required);
            Assert.Equal("2", metadata.Position);
            Assert.Equal("x", metadata.DefaultValue);
            Assert.Equal("True (ByPropertyName, ByValue)", metadata.PipelineInput);
            Assert.True(metadata.Globbing);
            Assert.Equal(1, metadata.Line);
            Assert.True(metadata.AppliesTo("b"));
            Assert.False(metadata.AppliesTo("C"));
        }

        [Fact]
        public void AllSets_NormalizedAndMissingDefaultIsNone()
        {
            var (metadata, problems) = Parse("Type: switch\nParameter Sets: (all)\nRequired: False\nPosition: named\nAccept pipeline input: False\nAccept wildcard characters: False\n");

            Assert.Empty(problems);
            Assert.Equal(new[] { ParameterMetadata.AllSets }, metadata!.ParameterSets);
            Assert.True(metadata.AppliesTo("Anything"));
            Assert.True(metadata.IsSwitch);
            Assert.Equal("None", metadata.DefaultValue);
        }

        [Fact]
        public void Problems_MissingKeysDuplicatesMalformedLinesAndBadValues()
        {
            var (metadata, problems) = Parse("Type: String\nType: Int32\njust text\nParameter Sets: (All), A\nRequired: False\nPosition: -1\nAccept pipeline input: ByValue\n");

            Assert.Null(metadata);
            Assert.Equal(
                new[]
                {
                    "p.md:3: parameter -Name yaml: duplicate key 'Type'",
                    "p.md:4: parameter -Name yaml: expected 'Key: value', found 'just text'",
                    "p.md:1: parameter -Name yaml: missing key 'Accept wildcard characters'",
                    "p.md:5: parameter -Name yaml: 'Parameter Sets' lists (All) together with named sets",
                    "p.md:7: parameter -Name yaml: 'Position' must be Named or a number, found '-1'",
                    "p.md:8: parameter -Name yaml: 'Accept pipeline input' must be False or True (ByValue|ByPropertyName|ByPropertyName, ByValue), found 'ByValue'",
                },
                problems.Select(p => p.ToString()));
        }
    }
}
