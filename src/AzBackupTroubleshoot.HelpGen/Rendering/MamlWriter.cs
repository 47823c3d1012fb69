using System.Xml;
using System.Xml.Linq;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// Writes cmdlet help as one MAML <c>helpItems</c> document, element for element like the platyPS-built help files
    /// that ship with PowerShell (for example Microsoft.PowerShell.ThreadJob.dll-Help.xml). Output is deterministic:
    /// commands sorted by name, LF line endings, two-space indentation, UTF-8 without BOM, no timestamps.
    /// </summary>
    internal static class MamlWriter
    {
        /// <summary>Default namespace of the <c>helpItems</c> root.</summary>
        public static readonly XNamespace Msh = "http://msh";

        /// <summary>The <c>maml:</c> namespace.</summary>
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";

        /// <summary>The <c>command:</c> namespace.</summary>
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

        /// <summary>The <c>dev:</c> namespace.</summary>
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>The <c>MSHelp:</c> namespace.</summary>
        public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

        private const int ExampleTitleWidth = 64;

        /// <summary>Renders the commands (sorted by name, ordinal) as MAML text ending in a newline.</summary>
        public static string Write(IEnumerable<CommandHelp> commands)
        {
            if (commands is null)
            {
                throw new ArgumentNullException(nameof(commands));
            }

            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
            foreach (CommandHelp command in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                root.Add(CommandElement(command));
            }

            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
            };
            using var stream = new MemoryStream();
            using (XmlWriter writer = XmlWriter.Create(stream, settings))
            {
                new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>The example title as PowerShell's own help shows it: centred between dashes.</summary>
        public static string PadExampleTitle(string title)
        {
            int dashes = Math.Max(5, (ExampleTitleWidth - title.Length - 2) / 2);
            string side = new string('-', dashes);
            return side + " " + title + " " + side;
        }

        private static XElement CommandElement(CommandHelp command)
        {
            var element = new XElement(
                Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp.NamespaceName),
                new XElement(
                    Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(new[] { command.Synopsis })),
                Description(command.Description),
                new XElement(Command + "syntax", command.Syntax.Select(set => SyntaxItem(command, set))),
                new XElement(Command + "parameters", command.Parameters.Select(p => Parameter(p, p.Metadata[0], inSyntax: false))),
                new XElement(Command + "inputTypes", command.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", command.Outputs.Select(t => TypeEntry("returnValue", t))));
            if (command.Notes.Count > 0)
            {
                element.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(command.Notes))));
            }

            element.Add(
                new XElement(Command + "examples", command.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", command.Links.Select(Link)));
            return element;
        }

        private static XElement SyntaxItem(CommandHelp command, SyntaxSet set) =>
            new XElement(
                Command + "syntaxItem",
                new XElement(Maml + "name", command.Name),
                set.Parameters.Select(p => Parameter(p.Parameter, p.Metadata, inSyntax: true)));

        private static XElement Parameter(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
        {
            string type = metadata.IsSwitch ? "SwitchParameter" : metadata.Type;
            var element = new XElement(
                Command + "parameter",
                new XAttribute("required", Lower(metadata.Required)),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", Lower(metadata.Globbing)),
                new XAttribute("pipelineInput", metadata.PipelineInput),
                new XAttribute("position", metadata.Position.ToLowerInvariant()),
                new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));
            if (inSyntax && metadata.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup", metadata.AcceptedValues.Select(v => ParameterValue(v, required: false))));
            }

            // Like PowerShell's own help, the syntax leaves out the value of a switch ("[-Force]", not "[-Force <SwitchParameter>]").
            if (!inSyntax || !metadata.IsSwitch)
            {
                element.Add(ParameterValue(type, required: !metadata.IsSwitch));
            }

            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", metadata.DefaultValue));
            return element;
        }

        private static XElement ParameterValue(string value, bool required) =>
            new XElement(Command + "parameterValue", new XAttribute("required", Lower(required)), new XAttribute("variableLength", "false"), value);

        private static XElement TypeEntry(string elementName, TypeHelp type) =>
            new XElement(
                Command + elementName,
                new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
                Description(type.Description));

        private static XElement Example(ExampleHelp example) =>
            new XElement(
                Command + "example",
                new XElement(Maml + "title", PadExampleTitle(example.Title)),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

        private static XElement Link(RelatedLink link)
        {
            // Get-Help -Online opens the first link whose uri is an absolute URL; links to other .md files get none.
            bool absolute = Uri.TryCreate(link.Uri, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
            return new XElement(
                Maml + "navigationLink",
                new XElement(Maml + "linkText", link.Text),
                new XElement(Maml + "uri", absolute ? link.Uri : string.Empty));
        }

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paragraphs(paragraphs));

        private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

        private static string Lower(bool value) => value ? "true" : "false";
    }
}
