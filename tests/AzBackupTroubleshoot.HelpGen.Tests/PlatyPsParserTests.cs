using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class PlatyPsParserTests
    {
        private static CommandHelp ParseSample()
        {
            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, Command);
            Assert.Empty(result.Problems.Select(p => p.ToString()));
            Assert.True(result.Success);
            return result.Value!;
        }

        private static string OnlyProblem(string text, string path = CommandPath)
        {
            ParseResult<CommandHelp> result = PlatyPsParser.Parse(path, text);
            Assert.Null(result.Value);
            return Assert.Single(result.Problems).ToString();
        }

        [Fact]
        public void Sample_FrontMatterAndTextSections()
        {
            CommandHelp help = ParseSample();

            Assert.Equal("Test-AzBackupAgentHealth", help.Name);
            Assert.Equal("Test", help.Verb);
            Assert.Equal("AzBackupAgentHealth", help.Noun);
            Assert.Equal("AzBackupTroubleshoot.dll-Help.xml", help.ExternalHelpFile);
            Assert.Equal("AzBackupTroubleshoot", help.ModuleName);
            Assert.Equal("https://example.invalid/azbackuptroubleshoot/test-azbackupagenthealth", help.OnlineVersion);
            Assert.Equal("Checks why Azure Backup cannot take a snapshot of a VM.", help.Synopsis);
            Assert.Equal(
                new[]
                {
                    "The Test-AzBackupAgentHealth cmdlet runs every check that applies to the VM guest agent and the VMSnapshot extension and returns one result per check.",
                    "Each result names the cause, the evidence and the fix.",
                },
                help.Description);
            Assert.Equal(new[] { "The checks read the VM through Azure Resource Manager & the guest; nothing is changed." }, help.Notes);
        }

        [Fact]
        public void Sample_Parameters()
        {
            CommandHelp help = ParseSample();

            Assert.Equal(new[] { "ResourceGroupName", "VMName", "Id", "Scope", "TimeoutSeconds", "PassThru" }, help.Parameters.Select(p => p.Name));
            Assert.True(help.HasCommonParameters);

            ParameterHelp rg = help.Parameters[0];
            Assert.Equal("String", rg.Type);
            Assert.Equal(new[] { "ByName" }, rg.ParameterSets);
            Assert.Empty(rg.Aliases);
            Assert.True(rg.Required);
            Assert.Equal("0", rg.Position);
            Assert.Equal("None", rg.DefaultValue);
            Assert.Equal("True (ByPropertyName)", rg.PipelineInput);
            Assert.False(rg.Globbing);
            Assert.Equal(new[] { "The resource group of the VM." }, rg.Description);
            Assert.Equal(LineOf(Command, "### -ResourceGroupName"), rg.Line);

            Assert.Equal(new[] { "Name" }, help.Parameters[1].Aliases);
            Assert.Equal("1", help.Parameters[1].Position);

            ParameterHelp id = help.Parameters[2];
            Assert.Equal(new[] { "ById" }, id.ParameterSets);
            Assert.Equal(new[] { "ResourceId" }, id.Aliases);
            Assert.Equal("Named", id.Position);
            Assert.Equal(new[] { "The full resource id of the VM, as `Get-AzVM` returns it in its Id property." }, id.Description);

            ParameterHelp scope = help.Parameters[3];
            Assert.Equal(new[] { "(All)" }, scope.ParameterSets);
            Assert.True(scope.Metadata[0].AppliesToAllSets);
            Assert.Equal(new[] { "Agent", "Extension", "Network", "All" }, scope.AcceptedValues);
            Assert.False(scope.Required);
            Assert.Equal("All", scope.DefaultValue);
            Assert.Equal("False", scope.PipelineInput);

            ParameterHelp timeout = help.Parameters[4];
            Assert.Equal("Int32", timeout.Type);
            Assert.Equal("30", timeout.DefaultValue);
            Assert.Equal(new[] { "How long one check may run before it is reported as timed out. The default suits slow guests." }, timeout.Description);

            ParameterHelp passThru = help.Parameters[5];
            Assert.Equal("SwitchParameter", passThru.Type);
            Assert.True(passThru.Metadata[0].IsSwitch);
        }

        [Fact]
        public void Sample_SyntaxSetsFollowTheSyntaxBlocks()
        {
            CommandHelp help = ParseSample();

            Assert.Equal(new[] { "ByName", "ById" }, help.Syntax.Select(s => s.Name));
            Assert.True(help.Syntax[0].IsDefault);
            Assert.False(help.Syntax[1].IsDefault);
            Assert.Equal(
                new[] { "ResourceGroupName", "VMName", "Scope", "TimeoutSeconds", "PassThru" },
                help.Syntax[0].Parameters.Select(p => p.Parameter.Name));
            Assert.Equal(new[] { "Id", "Scope", "TimeoutSeconds", "PassThru" }, help.Syntax[1].Parameters.Select(p => p.Parameter.Name));
            Assert.StartsWith("Test-AzBackupAgentHealth -Id <String>", help.Syntax[1].Code);
        }

        [Fact]
        public void Sample_ExamplesInputsOutputsLinks()
        {
            CommandHelp help = ParseSample();

            Assert.Equal(2, help.Examples.Count);
            Assert.Equal("Example 1: Check one VM", help.Examples[0].Title);
            Assert.Equal(@"PS C:\> Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01", help.Examples[0].Code);
            Assert.Equal(new[] { "Runs all checks for vm01 and shows the failed ones first." }, help.Examples[0].Remarks);
            Assert.Equal(
                "PS C:\\> Get-AzVM -ResourceGroupName rg-prod | Test-AzBackupAgentHealth -Scope Agent\n\n" +
                "Target  CheckId            Status\n------  -------            ------\nvm01    Agent.NotReady     Failed",
                help.Examples[1].Code);
            Assert.Equal(new[] { "Pipes VMs by property name. Only the agent checks run." }, help.Examples[1].Remarks);

            TypeHelp input = Assert.Single(help.Inputs);
            Assert.Equal("System.String", input.TypeName);
            Assert.Equal(new[] { "You can pipe resource group and VM names by property name." }, input.Description);
            TypeHelp output = Assert.Single(help.Outputs);
            Assert.Equal("AzBackupTroubleshoot.Checks.HealthCheckResult", output.TypeName);

            Assert.Equal(new[] { "Online version", "Repair-AzBackupAgent" }, help.Links.Select(l => l.Text));
            Assert.Equal(
                new[] { "https://example.invalid/azbackuptroubleshoot/test-azbackupagenthealth", "Repair-AzBackupAgent.md" },
                help.Links.Select(l => l.Uri));
        }

        [Fact]
        public void CrLfSource_ParsesTheSame()
        {
            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, Command.Replace("\n", "\r\n"));

            Assert.True(result.Success);
            Assert.Equal(ParseSample().Examples[1].Code, result.Value!.Examples[1].Code);
        }

        [Theory]
        [InlineData("SYNOPSIS")]
        [InlineData("DESCRIPTION")]
        [InlineData("EXAMPLES")]
        public void MissingSection_ReportedAtTheTitle(string section)
        {
            string text = Command;
            int start = text.IndexOf("## " + section + "\n", System.StringComparison.Ordinal);
            int end = text.IndexOf("\n## ", start + 3, System.StringComparison.Ordinal);
            text = text.Remove(start, end + 1 - start);

            Assert.Equal($"{CommandPath}:{LineOf(text, "# Test-AzBackupAgentHealth")}: missing section '## {section}'", OnlyProblem(text));
        }

        [Fact]
        public void EmptySynopsis_Reported()
        {
            string text = ReplaceOnce(Command, "Checks why Azure Backup cannot take a snapshot of a VM.\n", string.Empty);

            Assert.Equal($"{CommandPath}:{LineOf(text, "## SYNOPSIS")}: ## SYNOPSIS is empty", OnlyProblem(text));
        }

        [Fact]
        public void ExamplesWithoutEntries_Reported()
        {
            string text = Command;
            int start = text.IndexOf("### Example 1", System.StringComparison.Ordinal);
            int end = text.IndexOf("## PARAMETERS", System.StringComparison.Ordinal);
            text = text.Remove(start, end - start);

            Assert.Equal($"{CommandPath}:{LineOf(text, "## EXAMPLES")}: ## EXAMPLES has no '### Example' entry", OnlyProblem(text));
        }

        [Fact]
        public void ExampleWithoutCode_Reported()
        {
            string text = ReplaceOnce(Command, "```powershell\nPS C:\\> Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01\n```\n", string.Empty);

            Assert.Equal($"{CommandPath}:{LineOf(text, "### Example 1: Check one VM")}: example 'Example 1: Check one VM' has no code block", OnlyProblem(text));
        }

        [Fact]
        public void ParameterWithoutYamlBlock_ReportedAtItsHeading()
        {
            string text = ReplaceOnce(
                Command,
                "Returns passed checks too.\n\n```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n",
                "Returns passed checks too.\n");

            Assert.Equal($"{CommandPath}:{LineOf(text, "### -PassThru")}: parameter -PassThru has no ```yaml block", OnlyProblem(text));
        }

        [Fact]
        public void UnknownYamlKey_ReportedAtItsLine()
        {
            string text = ReplaceOnce(Command, "Default value: 30\n", "Default valu: 30\n");

            Assert.Equal(
                $"{CommandPath}:{LineOf(text, "Default valu: 30")}: parameter -TimeoutSeconds yaml: unknown key 'Default valu' " +
                "(expected one of: Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)",
                OnlyProblem(text));
        }

        [Fact]
        public void BadYamlValues_EachReportedAtItsLine()
        {
            string text = ReplaceOnce(Command, "Required: True\nPosition: 1\n", "Required: Yes\nPosition: first\n");

            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, text);

            Assert.Equal(
                new[]
                {
                    $"{CommandPath}:{LineOf(text, "Required: Yes")}: parameter -VMName yaml: 'Required' must be True or False, found 'Yes'",
                    $"{CommandPath}:{LineOf(text, "Position: first")}: parameter -VMName yaml: 'Position' must be Named or a number, found 'first'",
                },
                result.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void UnknownParameterSet_Reported()
        {
            string text = ReplaceOnce(Command, "Parameter Sets: ById\n", "Parameter Sets: ByResourceId\n");

            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, text);

            int yamlLine = LineOf(text, "Parameter Sets: ByResourceId") - 2;
            Assert.Equal(
                new[]
                {
                    $"{CommandPath}:{LineOf(text, "### ById")}: syntax of set 'ById' shows -Id, but the yaml of -Id does not list that set",
                    $"{CommandPath}:{yamlLine}: parameter -Id names parameter set 'ByResourceId', which ## SYNTAX does not have",
                },
                result.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void SyntaxShowingAnUndocumentedParameter_Reported()
        {
            string text = ReplaceOnce(Command, "[-Scope <String>]\n [-TimeoutSeconds", "[-Scope <String>] [-Force]\n [-TimeoutSeconds");

            Assert.Equal(
                $"{CommandPath}:{LineOf(text, "### ByName (Default)")}: syntax of set 'ByName' shows -Force, which has no '### -Force' entry in ## PARAMETERS",
                OnlyProblem(text));
        }

        [Fact]
        public void SyntaxMissingAParameterOfItsSet_Reported()
        {
            string text = ReplaceOnce(Command, "-Id <String> [-Scope <String>] [-TimeoutSeconds <Int32>] [-PassThru]", "-Id <String> [-Scope <String>] [-TimeoutSeconds <Int32>]");

            Assert.Equal(
                $"{CommandPath}:{LineOf(text, "### ById")}: parameter -PassThru belongs to set 'ById' but its syntax block does not show it",
                OnlyProblem(text));
        }

        [Fact]
        public void FrontMatterProblems_Reported()
        {
            string text = ReplaceOnce(Command, "schema: 2.0.0\n", "schema: 1.0.0\n");
            Assert.Equal($"{CommandPath}:5: front matter: schema must be 2.0.0, found '1.0.0'", OnlyProblem(text));

            text = ReplaceOnce(Command, "Module Name: AzBackupTroubleshoot\n", string.Empty);
            Assert.Equal($"{CommandPath}:1: front matter: missing key 'Module Name'", OnlyProblem(text));

            text = Command.Substring(Command.IndexOf("# Test-AzBackupAgentHealth", System.StringComparison.Ordinal));
            Assert.Equal($"{CommandPath}:1: missing YAML front matter (--- external help file / Module Name / online version / schema ---)", OnlyProblem(text));
        }

        [Fact]
        public void TitleNotMatchingFileName_Reported()
        {
            Assert.Equal(
                $"docs/Test-AzBackupAgent.md:{LineOf(Command, "# Test-AzBackupAgentHealth")}: title 'Test-AzBackupAgentHealth' does not match the file name 'Test-AzBackupAgent.md'",
                OnlyProblem(Command, "docs/Test-AzBackupAgent.md"));
        }

        [Fact]
        public void PlaceholderAndUnknownSection_Reported()
        {
            string text = ReplaceOnce(Command, "Each result names the cause, the evidence and the fix.", "{{ Fill in the Description }}");
            text = ReplaceOnce(text, "## NOTES\n", "## REMARKS\n");

            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, text);

            Assert.Equal(
                new[]
                {
                    $"{CommandPath}:{LineOf(text, "{{ Fill in the Description }}")}: platyPS placeholder left in the text: {{{{ Fill in the Description }}}}",
                    $"{CommandPath}:{LineOf(text, "## REMARKS")}: unknown section '## REMARKS' (expected one of: SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS)",
                },
                result.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void RelatedLinksWithPlainText_Reported()
        {
            string text = ReplaceOnce(Command, "[Repair-AzBackupAgent](Repair-AzBackupAgent.md)", "See Repair-AzBackupAgent");

            Assert.Equal(
                $"{CommandPath}:{LineOf(text, "See Repair-AzBackupAgent")}: ## RELATED LINKS holds only markdown links like [Text](uri); found 'See Repair-AzBackupAgent'",
                OnlyProblem(text));
        }

        [Fact]
        public void SeveralYamlBlocks_GiveTheParameterOneEntryPerSet()
        {
            string text = ReplaceOnce(
                Command,
                "Type: Int32\nParameter Sets: (All)\nAliases:\n\nRequired: False\n",
                "Type: Int32\nParameter Sets: ByName\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: 30\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n```yaml\nType: Int32\nParameter Sets: ById\nAliases:\n\nRequired: True\n");

            ParseResult<CommandHelp> result = PlatyPsParser.Parse(CommandPath, text);

            Assert.Empty(result.Problems);
            ParameterHelp timeout = result.Value!.Parameters.Single(p => p.Name == "TimeoutSeconds");
            Assert.Equal(2, timeout.Metadata.Count);
            Assert.Equal(new[] { "ByName", "ById" }, timeout.ParameterSets);
            Assert.False(timeout.Required);
            Assert.False(result.Value.Syntax[0].Parameters.Single(p => p.Parameter.Name == "TimeoutSeconds").Metadata.Required);
            Assert.True(result.Value.Syntax[1].Parameters.Single(p => p.Parameter.Name == "TimeoutSeconds").Metadata.Required);
        }

        [Fact]
        public void SyntaxWithoutSetHeading_IsOneSetForAllParameters()
        {
            const string Path = "docs/Get-AzBackupThing.md";
            string text = "---\nexternal help file: AzBackupTroubleshoot.dll-Help.xml\nModule Name: AzBackupTroubleshoot\nonline version:\nschema: 2.0.0\n---\n\n" +
                "# Get-AzBackupThing\n\n## SYNOPSIS\nGets a thing.\n\n## SYNTAX\n\n```\nGet-AzBackupThing [[-Name] <String[]>] [<CommonParameters>]\n```\n\n" +
                "## DESCRIPTION\nGets things.\n\n## EXAMPLES\n\n### Example 1\n```\nGet-AzBackupThing\n```\n\n## PARAMETERS\n\n### -Name\nNames, wildcards allowed.\n\n" +
                "```yaml\nType: String[]\nParameter Sets: (All)\nAliases:\n\nRequired: False\nPosition: 0\nDefault value: None\nAccept pipeline input: False\nAccept wildcard characters: True\n```\n\n" +
                "### CommonParameters\nCommon.\n";

            ParseResult<CommandHelp> result = PlatyPsParser.Parse(Path, text);

            Assert.Empty(result.Problems);
            SyntaxSet set = Assert.Single(result.Value!.Syntax);
            Assert.Equal(SyntaxSet.AllParameterSets, set.Name);
            Assert.Equal("Name", Assert.Single(set.Parameters).Parameter.Name);
            Assert.True(result.Value.Parameters[0].Globbing);
            Assert.Equal(string.Empty, result.Value.OnlineVersion);
            Assert.Empty(result.Value.Inputs);
            Assert.Empty(result.Value.Links);
        }
    }
}
