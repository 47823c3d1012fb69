namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>A parsed systemd unit file or drop-in (systemd.syntax: sections, <c>Key=Value</c>, <c>#</c>/<c>;</c> comments, <c>\</c> continuation).</summary>
    public sealed class SystemdUnitFile
    {
        private SystemdUnitFile(IReadOnlyList<ConfigAssignment> assignments, bool isEmpty)
        {
            Assignments = assignments;
            IsEmpty = isEmpty;
        }

        /// <summary>Every assignment in file order.</summary>
        public IReadOnlyList<ConfigAssignment> Assignments { get; }

        /// <summary>True when the file has no bytes (systemd treats an empty unit file as masked).</summary>
        public bool IsEmpty { get; }

        /// <summary>Parses unit-file text; a broken section header makes the file malformed, as it makes systemd reject it.</summary>
        public static SystemdUnitFile? Parse(string text, out string? problem)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var assignments = new List<ConfigAssignment>();
            var lines = TextFileDecoder.Lines(text);
            string? section = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var start = i;
                var line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    if (!line.EndsWith("]", StringComparison.Ordinal) || line.Length < 3)
                    {
                        problem = $"invalid section header on line {(i + 1).ToString(CultureInfo.InvariantCulture)}: '{line}'";
                        return null;
                    }

                    section = line.Substring(1, line.Length - 2);
                    continue;
                }

                var joined = new StringBuilder();
                while (line.EndsWith("\\", StringComparison.Ordinal) && i + 1 < lines.Count)
                {
                    joined.Append(line, 0, line.Length - 1).Append(' ');
                    line = lines[++i].Trim();
                }

                joined.Append(line);
                var full = joined.ToString();
                var eq = full.IndexOf('=');
                if (eq <= 0 || section is null)
                {
                    continue; // systemd ignores such lines with a warning
                }

                assignments.Add(new ConfigAssignment(section, full.Substring(0, eq).Trim(), full.Substring(eq + 1).Trim(), start + 1, "="));
            }

            problem = null;
            return new SystemdUnitFile(assignments, text.Length == 0);
        }
    }
}
