namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>One <c>Key: value</c> line of a flat yaml block, with its 1-based source line.</summary>
    internal sealed class KeyValueLine
    {
        public KeyValueLine(string key, string value, int line)
        {
            Key = key;
            Value = value;
            Line = line;
        }

        /// <summary>The key as written (trimmed).</summary>
        public string Key { get; }

        /// <summary>The value (trimmed, surrounding quotes removed); empty when the line has none.</summary>
        public string Value { get; }

        /// <summary>1-based source line.</summary>
        public int Line { get; }
    }

    /// <summary>
    /// Reads the flat <c>Key: value</c> yaml that platyPS uses in front matter and parameter blocks.
    /// Only this subset is accepted: one pair per line, no nesting, no lists, no multi-line values.
    /// </summary>
    internal static class KeyValueLines
    {
        /// <summary>Reads the pairs of <paramref name="block"/>; malformed and duplicate lines become problems.</summary>
        public static IReadOnlyList<KeyValueLine> Read(DocBlock block, string file, string what, List<HelpProblem> problems)
        {
            var pairs = new List<KeyValueLine>();
            for (int i = 0; i < block.Lines.Count; i++)
            {
                string raw = block.Lines[i];
                int line = block.LineNumbers[i];
                if (raw.Trim().Length == 0 || raw.TrimStart().StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int colon = raw.IndexOf(':');
                if (colon <= 0 || char.IsWhiteSpace(raw[0]))
                {
                    problems.Add(new HelpProblem(file, line, $"{what}: expected 'Key: value', found '{raw.Trim()}'"));
                    continue;
                }

                string key = raw.Substring(0, colon).Trim();
                string value = Unquote(raw.Substring(colon + 1).Trim());
                if (pairs.Exists(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(new HelpProblem(file, line, $"{what}: duplicate key '{key}'"));
                    continue;
                }

                pairs.Add(new KeyValueLine(key, value, line));
            }

            return pairs;
        }

        /// <summary>The pair with <paramref name="key"/> (case-insensitive), or null.</summary>
        public static KeyValueLine? Find(IReadOnlyList<KeyValueLine> pairs, string key)
        {
            foreach (KeyValueLine pair in pairs)
            {
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return pair;
                }
            }

            return null;
        }

        /// <summary>Splits a comma-separated value into trimmed, non-empty items.</summary>
        public static IReadOnlyList<string> SplitList(string value)
        {
            var items = new List<string>();
            foreach (string part in value.Split(','))
            {
                string item = part.Trim();
                if (item.Length > 0)
                {
                    items.Add(item);
                }
            }

            return items;
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2 && ((value[0] == '\'' && value[value.Length - 1] == '\'') || (value[0] == '"' && value[value.Length - 1] == '"')))
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }
    }
}
