using System.Xml.Linq;
using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static CommandHelp Sample() => PlatyPsParser.Parse(CommandPath, Command).Value!;

        private static XElement WriteAndLoadCommand()
        {
            XDocument document = XDocument.Parse(MamlWriter.Write(new[] { Sample() }));
            Assert.Equal(Msh + "helpItems", document.Root!.Name);
            Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
            return Assert.Single(document.Root.Elements(Cmd + "command"));
        }

        private static string Paras(XElement? description) =>
            string.Join("|", description!.Elements(Maml + "para").Select(p => p.Value));

        [Fact]
        public void Details_NameVerbNounSynopsisDescription()
        {
            XElement command = WriteAndLoadCommand();

            XElement details = command.Element(Cmd + "details")!;
            Assert.Equal("Test-AzBackupAgentHealth", details.Element(Cmd + "name")!.Value);
            Assert.Equal("Test", details.Element(Cmd + "verb")!.Value);
            Assert.Equal("AzBackupAgentHealth", details.Element(Cmd + "noun")!.Value);
            Assert.Equal("Checks why Azure Backup cannot take a snapshot of a VM.", Paras(details.Element(Maml + "description")));
            Assert.Equal(
                "The Test-AzBackupAgentHealth cmdlet runs every check that applies to the VM guest agent and the VMSnapshot extension and returns one result per check." +
                "|Each result names the cause, the evidence and the fix.",
                Paras(command.Element(Maml + "description")));
        }

        [Fact]
        public void Elements_ComeInTheOrderOfPowerShellsOwnHelpFiles()
        {
            XElement command = WriteAndLoadCommand();

            Assert.Equal(
                new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
                command.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(
                new[] { "maml", "command", "dev", "MSHelp" },
                command.Attributes().Where(a => a.IsNamespaceDeclaration).Select(a => a.Name.LocalName));
        }

        [Fact]
        public void Parameters_EveryParameterWithItsAttributesTypeAndDefault()
        {
            XElement command = WriteAndLoadCommand();

            var parameters = command.Element(Cmd + "parameters")!.Elements(Cmd + "parameter").Select(p => string.Join(
                ";",
                p.Element(Maml + "name")!.Value,
                (string?)p.Attribute("required"),
                (string?)p.Attribute("position"),
                (string?)p.Attribute("pipelineInput"),
                (string?)p.Attribute("globbing"),
                (string?)p.Attribute("aliases"),
                p.Element(Cmd + "parameterValue")!.Value,
                (string?)p.Element(Cmd + "parameterValue")!.Attribute("required"),
                p.Element(Dev + "type")!.Element(Maml + "name")!.Value,
                p.Element(Dev + "defaultValue")!.Value,
                Paras(p.Element(Maml + "description"))));

            Assert.Equal(
                new[]
                {
                    "ResourceGroupName;true;0;True (ByPropertyName);false;none;String;true;String;None;The resource group of the VM.",
                    "VMName;true;1;True (ByPropertyName);false;Name;String;true;String;None;The name of the VM.",
                    "Id;true;named;True (ByPropertyName);false;ResourceId;String;true;String;None;The full resource id of the VM, as `Get-AzVM` returns it in its Id property.",
                    "Scope;false;named;False;false;none;String;true;String;All;Which group of checks to run.",
                    "TimeoutSeconds;false;named;False;false;none;Int32;true;Int32;30;How long one check may run before it is reported as timed out. The default suits slow guests.",
                    "PassThru;false;named;False;false;none;SwitchParameter;false;SwitchParameter;False;Returns passed checks too.",
                },
                parameters);
        }

        [Fact]
        public void Syntax_OneItemPerSetWithItsParameters()
        {
            XElement command = WriteAndLoadCommand();

            XElement[] items = command.Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem").ToArray();
            Assert.Equal(2, items.Length);
            Assert.All(items, i => Assert.Equal("Test-AzBackupAgentHealth", i.Element(Maml + "name")!.Value));
            Assert.Equal(
                new[] { "ResourceGroupName", "VMName", "Scope", "TimeoutSeconds", "PassThru" },
                items[0].Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value));
            Assert.Equal(
                new[] { "Id", "Scope", "TimeoutSeconds", "PassThru" },
                items[1].Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value));

            XElement scope = items[0].Elements(Cmd + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Scope");
            Assert.Equal(
                new[] { "Agent", "Extension", "Network", "All" },
                scope.Element(Cmd + "parameterValueGroup")!.Elements(Cmd + "parameterValue").Select(v => v.Value));

            XElement passThru = items[1].Elements(Cmd + "parameter").Single(p => p.Element(Maml + "name")!.Value == "PassThru");
            Assert.Null(passThru.Element(Cmd + "parameterValue"));
            Assert.Null(command.Element(Cmd + "parameters")!.Elements(Cmd + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Scope").Element(Cmd + "parameterValueGroup"));
        }

        [Fact]
        public void SyntaxItem_UsesTheYamlBlockOfItsSet()
        {
            string text = ReplaceOnce(
                Command,
                "Type: Int32\nParameter Sets: (All)\nAliases:\n\nRequired: False\n",
                "Type: Int32\nParameter Sets: ByName\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: 30\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n```yaml\nType: Int32\nParameter Sets: ById\nAliases:\n\nRequired: True\n");
            CommandHelp help = PlatyPsParser.Parse(CommandPath, text).Value!;

            XElement command = XDocument.Parse(MamlWriter.Write(new[] { help })).Root!.Element(Cmd + "command")!;

            string[] required = command.Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem")
                .Select(i => (string)i.Elements(Cmd + "parameter").Single(p => p.Element(Maml + "name")!.Value == "TimeoutSeconds").Attribute("required")!)
                .ToArray();
            Assert.Equal(new[] { "false", "true" }, required);
            Assert.Single(command.Element(Cmd + "parameters")!.Elements(Cmd + "parameter"), p => p.Element(Maml + "name")!.Value == "TimeoutSeconds");
        }

        [Fact]
        public void Examples_TitleCodeAndRemarks()
        {
            XElement command = WriteAndLoadCommand();

            XElement[] examples = command.Element(Cmd + "examples")!.Elements(Cmd + "example").ToArray();
            Assert.Equal(2, examples.Length);
            Assert.Equal("------------------- Example 1: Check one VM -------------------", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal(@"PS C:\> Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal("Runs all checks for vm01 and shows the failed ones first.", Paras(examples[0].Element(Dev + "remarks")));
            Assert.Equal(Sample().Examples[1].Code, examples[1].Element(Dev + "code")!.Value);
        }

        [Fact]
        public void InputsOutputsNotesLinks()
        {
            XElement command = WriteAndLoadCommand();

            XElement input = command.Element(Cmd + "inputTypes")!.Element(Cmd + "inputType")!;
            Assert.Equal("System.String", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("You can pipe resource group and VM names by property name.", Paras(input.Element(Maml + "description")));
            XElement output = command.Element(Cmd + "returnValues")!.Element(Cmd + "returnValue")!;
            Assert.Equal("AzBackupTroubleshoot.Checks.HealthCheckResult", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(
                "The checks read the VM through Azure Resource Manager & the guest; nothing is changed.",
                Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));

            var links = command.Element(Cmd + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => l.Element(Maml + "linkText")!.Value + "=" + l.Element(Maml + "uri")!.Value);
            Assert.Equal(new[] { "Online version=https://example.invalid/azbackuptroubleshoot/test-azbackupagenthealth", "Repair-AzBackupAgent=" }, links);
        }

        [Fact]
        public void Output_IsDeterministicSortedLfWithoutBom()
        {
            CommandHelp first = Sample();
            CommandHelp second = PlatyPsParser.Parse(
                "docs/Get-AzBackupThing.md",
                ReplaceOnce(Command, "# Test-AzBackupAgentHealth", "# Get-AzBackupThing").Replace("Test-AzBackupAgentHealth [-", "Get-AzBackupThing [-").Replace("Test-AzBackupAgentHealth -Id", "Get-AzBackupThing -Id")).Value!;

            string a = MamlWriter.Write(new[] { first, second });
            string b = MamlWriter.Write(new[] { second, first });

            Assert.Equal(a, b);
            Assert.DoesNotContain("\r", a);
            Assert.False(a.Length > 0 && a[0] == '\uFEFF');
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\">\n", a);
            Assert.EndsWith("</helpItems>\n", a);
            Assert.Equal(
                new[] { "Get-AzBackupThing", "Test-AzBackupAgentHealth" },
                XDocument.Parse(a).Root!.Elements(Cmd + "command").Select(c => c.Element(Cmd + "details")!.Element(Cmd + "name")!.Value));
        }

        [Theory]
        [InlineData("Example 1", "-------------------------- Example 1 --------------------------")]
        [InlineData("Example 1: Check one VM", "------------------- Example 1: Check one VM -------------------")]
        [InlineData("Example 3: A very long example title that is wider than the sixty-four columns", "----- Example 3: A very long example title that is wider than the sixty-four columns -----")]
        public void PadExampleTitle_CentresLikePowerShellsHelp(string title, string expected)
        {
            Assert.Equal(expected, MamlWriter.PadExampleTitle(title));
        }
    }
}
