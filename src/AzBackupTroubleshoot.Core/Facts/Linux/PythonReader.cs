using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Finds the python3 version without running it: the name <c>/usr/bin/python3</c> links to (<c>python3.12</c>; in a
    /// bundle, the name it recorded), else the highest <c>/usr/lib/python3.N</c> folder (the standard library's).
    /// </summary>
    public sealed class PythonReader
    {
        /// <summary>The interpreter link.</summary>
        public const string Python3Path = "usr/bin/python3";

        private static readonly Regex Versioned = new Regex(@"(?:^|/)python(?<v>[0-9]+\.[0-9]+)$", RegexOptions.CultureInvariant);

        /// <summary>Reads the version.</summary>
        public PythonFacts Read(ILinuxRoot root, CapturedFactsFile captured)
        {
            if (root is null || captured is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : nameof(captured));
            }

            var recorded = captured.Facts.Value?.Python3Link;
            var link = recorded ?? root.ReadLink(Python3Path);
            var match = link is null ? Match.Empty : Versioned.Match(link);
            if (match.Success)
            {
                var where = recorded != null ? $"{captured.Facts.Path}: python3Link {link}" : $"/{Python3Path} -> {link}";
                return new PythonFacts(ComponentVersion.TryParse(match.Groups["v"].Value), link, new[] { where }, null);
            }

            var listing = root.List("usr/lib");
            var folders = listing
                .Where(e => e.Kind == RootEntryKind.Directory)
                .Select(e => (e.Name, Match: Versioned.Match(e.Name)))
                .Where(x => x.Match.Success && x.Name.StartsWith("python3.", StringComparison.Ordinal))
                .Select(x => (x.Name, Version: ComponentVersion.TryParse(x.Match.Groups["v"].Value)))
                .Where(x => x.Version != null)
                .OrderByDescending(x => x.Version)
                .ToArray();
            if (folders.Length > 0)
            {
                return new PythonFacts(folders[0].Version, link, new[] { $"/usr/lib/{folders[0].Name}/ (the highest of {string.Join(", ", folders.Select(f => f.Name))})" + (link != null ? $"; /{Python3Path} -> {link}" : string.Empty) }, null);
            }

            return new PythonFacts(null, link, new[] { $"/{Python3Path}: {(link is null ? "not a link" : "-> " + link)}", "/usr/lib: no python3.N folder" },
                "No python3 version can be read from this root (no versioned /usr/bin/python3 link, no /usr/lib/python3.N folder).", UnlistedFolder.Problem(listing));
        }
    }
}
