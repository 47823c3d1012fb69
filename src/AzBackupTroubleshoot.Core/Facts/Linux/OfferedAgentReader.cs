using System.Text.RegularExpressions;
using System.Xml;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Reads <c>&lt;Lib.Dir&gt;/ExtensionsConfig.xml</c> (WALinuxAgent 2.9+), else the highest <c>ExtensionsConfig.&lt;n&gt;.xml</c>
    /// (older agents), and takes <c>Extensions/GuestAgentExtension/GAFamilies/GAFamily[Name]/Version</c>: the element VM
    /// assist compares with the goal-state agent (vmassist.py asks the WireServer for it live; the agent's saved copy is the
    /// same document). XML is read without DTDs and within the root's read limit.
    /// </summary>
    public sealed class OfferedAgentReader
    {
        private static readonly Regex Numbered = new Regex(@"^ExtensionsConfig\.(?<n>[0-9]{1,9})\.xml$", RegexOptions.CultureInvariant);

        /// <summary>Reads the offered agent; absent when the agent saved no ExtensionsConfig.</summary>
        public FileFact<OfferedAgent> Read(ILinuxRoot root, string libDir, string family)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var current = RootPath.Combine(libDir, "ExtensionsConfig.xml");
            var listing = root.GetKind(current) == RootEntryKind.File ? null : root.List(libDir);
            var unlisted = listing is null ? null : UnlistedFolder.Problem(listing);
            if (unlisted != null)
            {
                return FileFact<OfferedAgent>.Malformed(unlisted.Path, unlisted.Problem); // the saved goal state is unknown, not absent
            }

            var path = listing is null
                ? current
                : listing
                    .Where(e => e.Kind == RootEntryKind.File)
                    .Select(e => (e.Name, Match: Numbered.Match(e.Name)))
                    .Where(x => x.Match.Success)
                    .OrderByDescending(x => int.Parse(x.Match.Groups["n"].Value, CultureInfo.InvariantCulture))
                    .Select(x => RootPath.Combine(libDir, x.Name))
                    .FirstOrDefault();
            if (path is null)
            {
                return FileFact<OfferedAgent>.Absent("/" + current);
            }

            var text = TextFileDecoder.Decode(root.Read(path));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent ? FileFact<OfferedAgent>.Absent(text.Path) : FileFact<OfferedAgent>.Malformed(text.Path, text.Problem!);
            }

            try
            {
                var document = new XmlDocument { XmlResolver = null };
                using (var reader = XmlReader.Create(new StringReader(text.Value!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
                {
                    document.Load(reader);
                }

                if (document.DocumentElement?.Name != "Extensions")
                {
                    return FileFact<OfferedAgent>.Malformed(text.Path, $"the root element is <{document.DocumentElement?.Name}>, not <Extensions>");
                }

                var families = document.SelectNodes("/Extensions/GuestAgentExtension/GAFamilies/GAFamily")?.Cast<XmlNode>().ToArray() ?? Array.Empty<XmlNode>();
                var mine = families.FirstOrDefault(f => string.Equals(f.SelectSingleNode("Name")?.InnerText.Trim(), family, StringComparison.OrdinalIgnoreCase));
                var versionText = mine?.SelectSingleNode("Version")?.InnerText.Trim();
                if (!string.IsNullOrEmpty(versionText) && ComponentVersion.TryParse(versionText) is null)
                {
                    return FileFact<OfferedAgent>.Malformed(text.Path, $"GAFamily {family} has Version '{versionText}', not a version number");
                }

                return FileFact<OfferedAgent>.Present(text.Path, new OfferedAgent(family, ComponentVersion.TryParse(versionText)));
            }
            catch (XmlException ex)
            {
                return FileFact<OfferedAgent>.Malformed(text.Path, "is not well-formed XML: " + ex.Message);
            }
        }
    }
}
