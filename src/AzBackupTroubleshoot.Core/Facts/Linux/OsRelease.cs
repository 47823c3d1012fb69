using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary><c>/etc/os-release</c> (os-release(5)): <c>KEY=value</c> lines, values optionally quoted.</summary>
    public sealed class OsRelease
    {
        private static readonly Regex Line = new Regex(@"^(?<k>[A-Z0-9_]+)=(?<v>.*)$", RegexOptions.CultureInvariant);

        private OsRelease(IReadOnlyDictionary<string, string> values)
        {
            Values = values;
        }

        /// <summary>Every key and its unquoted value.</summary>
        public IReadOnlyDictionary<string, string> Values { get; }

        /// <summary><c>ID</c> (for example <c>ubuntu</c>), or an empty string.</summary>
        public string Id => Get("ID");

        /// <summary><c>ID_LIKE</c> (for example <c>debian</c>), or an empty string.</summary>
        public string IdLike => Get("ID_LIKE");

        /// <summary><c>VERSION_ID</c> (for example <c>24.04</c>), or an empty string.</summary>
        public string VersionId => Get("VERSION_ID");

        /// <summary>True when <c>ID</c> or <c>ID_LIKE</c> names <paramref name="family"/>.</summary>
        public bool IsLike(string family) => Id == family || Array.IndexOf(IdLike.Split(' '), family) >= 0;

        /// <summary>One line for evidence.</summary>
        public string Describe(string path) => $"{path}: ID={Id}, VERSION_ID={VersionId}" + (IdLike.Length > 0 ? $", ID_LIKE={IdLike}" : string.Empty);

        /// <summary>Parses the file; a line that is not a comment, blank or <c>KEY=value</c> makes it malformed.</summary>
        public static OsRelease? Parse(string text, out string? problem)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                var match = Line.Match(line);
                if (!match.Success)
                {
                    problem = $"line {i + 1} is not KEY=value";
                    return null;
                }

                var value = match.Groups["v"].Value.Trim();
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                {
                    value = value.Substring(1, value.Length - 2);
                }

                values[match.Groups["k"].Value] = value;
            }

            if (!values.ContainsKey("ID"))
            {
                problem = "has no ID= line";
                return null;
            }

            problem = null;
            return new OsRelease(values);
        }

        private string Get(string key) => Values.TryGetValue(key, out var value) ? value : string.Empty;
    }
}
