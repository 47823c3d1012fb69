namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// An INI file as Python's ConfigParser (the backup extension's /etc/azure/vmbackup.conf) and NetworkManager keyfiles read it:
    /// <c>[section]</c> headers, <c>key = value</c> or <c>key: value</c>, <c>#</c>/<c>;</c> comments. Keys compare case-insensitively.
    /// </summary>
    public sealed class IniFile
    {
        private readonly List<ConfigAssignment> _values;

        private IniFile(List<ConfigAssignment> values)
        {
            _values = values;
        }

        /// <summary>Every value in file order.</summary>
        public IReadOnlyList<ConfigAssignment> Values => _values;

        /// <summary>
        /// Parses the text. A value before any section or a line that is neither comment, header nor assignment makes the file
        /// malformed, as ConfigParser raises MissingSectionHeaderError or ParsingError for it.
        /// </summary>
        public static IniFile? Parse(string text, out string? problem, bool allowColon = true)
        {
            var values = new List<ConfigAssignment>();
            string? section = null;
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    if (!line.EndsWith("]", StringComparison.Ordinal))
                    {
                        problem = $"line {number}: invalid section header '{line}'";
                        return null;
                    }

                    section = line.Substring(1, line.Length - 2).Trim();
                    continue;
                }

                var eq = line.IndexOf('=');
                var colon = allowColon ? line.IndexOf(':') : -1;
                var split = eq < 0 ? colon : colon < 0 ? eq : Math.Min(eq, colon);
                if (split <= 0)
                {
                    problem = $"line {number}: '{line}' is not a key = value line";
                    return null;
                }

                if (section is null)
                {
                    problem = $"line {number}: '{line}' comes before any [section] header";
                    return null;
                }

                values.Add(new ConfigAssignment(section, line.Substring(0, split).Trim(), line.Substring(split + 1).Trim(), i + 1, " = "));
            }

            problem = null;
            return new IniFile(values);
        }

        /// <summary>The last value of a key in a section (both compared case-insensitively), or null.</summary>
        public ConfigAssignment? Find(string section, string key)
        {
            for (var i = _values.Count - 1; i >= 0; i--)
            {
                if (string.Equals(_values[i].Section, section, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(_values[i].Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return _values[i];
                }
            }

            return null;
        }
    }
}
