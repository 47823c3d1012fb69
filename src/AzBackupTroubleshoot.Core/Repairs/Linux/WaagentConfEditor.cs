using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>
    /// Sets a key in waagent.conf text the way a careful admin would: the assignment the agent reads (the last one) gets the new
    /// value in place, keeping its spacing and trailing comment; a missing key goes right after its commented-out template line
    /// (<c>#AutoUpdate.Enabled=y</c>) or at the end. Comments, order and line endings stay as they were.
    /// </summary>
    public sealed class WaagentConfEditor
    {
        /// <summary>Returns the edited text, or the same text when the key already has the value (as the agent reads it).</summary>
        public string Set(string text, string key, string value, out bool changed)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var newline = text.Contains("\r\n") ? "\r\n" : "\n";
            var lines = new List<string>(text.Split('\n'));
            var last = -1;
            string? current = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.StartsWith("#", StringComparison.Ordinal) || line.IndexOf('=') < 0)
                {
                    continue;
                }

                var eq = line.IndexOf('=');
                if (line.Substring(0, eq).Trim() == key)
                {
                    last = i;
                    var raw = line.Substring(eq + 1);
                    var hash = raw.IndexOf('#');
                    current = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim('"', ' ').Trim();
                }
            }

            if (last >= 0 && string.Equals(current, value, StringComparison.OrdinalIgnoreCase))
            {
                changed = false;
                return text;
            }

            changed = true;
            if (last >= 0)
            {
                lines[last] = ReplaceValue(lines[last], value);
                return string.Join("\n", lines);
            }

            var template = new Regex(@"^#\s*" + Regex.Escape(key) + @"\s*=", RegexOptions.CultureInvariant);
            var after = -1;
            for (var i = 0; i < lines.Count; i++)
            {
                if (template.IsMatch(lines[i]))
                {
                    after = i;
                }
            }

            var assignment = key + "=" + value + (newline == "\r\n" ? "\r" : string.Empty);
            if (after >= 0)
            {
                lines.Insert(after + 1, assignment);
                return string.Join("\n", lines);
            }

            var body = text;
            if (body.Length > 0 && !body.EndsWith("\n", StringComparison.Ordinal))
            {
                body += newline;
            }

            return body + key + "=" + value + newline;
        }

        private static string ReplaceValue(string line, string value)
        {
            var cr = line.EndsWith("\r", StringComparison.Ordinal) ? "\r" : string.Empty;
            var body = cr.Length > 0 ? line.Substring(0, line.Length - 1) : line;
            var eq = body.IndexOf('=');
            var rest = body.Substring(eq + 1);
            var hash = rest.IndexOf('#');
            var valuePart = hash >= 0 ? rest.Substring(0, hash) : rest;
            var comment = hash >= 0 ? rest.Substring(hash) : string.Empty;
            var leading = valuePart.Length - valuePart.TrimStart().Length;
            var trailing = valuePart.Length - valuePart.TrimEnd().Length;
            var spacing = valuePart.Trim().Length == 0 ? (comment.Length > 0 ? " " : string.Empty) : valuePart.Substring(valuePart.Length - trailing);
            return body.Substring(0, eq + 1) + valuePart.Substring(0, leading) + value + spacing + comment + cr;
        }
    }
}
