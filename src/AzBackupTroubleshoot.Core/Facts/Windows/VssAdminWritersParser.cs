using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// Reads the English output of <c>vssadmin list writers</c>: blocks that start with <c>Writer name: '...'</c>, followed
    /// by indented <c>Writer Id</c>, <c>Writer Instance Id</c>, <c>State: [n] text</c> and <c>Last error</c> lines. Tolerant
    /// of line endings, extra blank lines, extra fields and quotes; anything it cannot read is an
    /// <see cref="InvalidDataException"/> saying which line or writer, never a guess.
    /// </summary>
    public static class VssAdminWritersParser
    {
        /// <summary>How many writers are read at most (a real machine has about 10 to 40).</summary>
        public const int MaxWriters = 500;

        private static readonly Regex WriterName = new Regex(@"^\s*Writer name:\s*(.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Field = new Regex(@"^\s*([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex State = new Regex(@"^\[(\d{1,3})\]\s*(.*)$", RegexOptions.CultureInvariant);

        /// <summary>The writers in <paramref name="output"/>, in order.</summary>
        /// <exception cref="InvalidDataException">No writer block at all (not English, or an error text), or a writer without a readable State.</exception>
        public static IReadOnlyList<VssWriterInfo> Parse(string output)
        {
            var lines = (output ?? string.Empty).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var writers = new List<VssWriterInfo>();
            string? name = null;
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var nameLine = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                var match = WriterName.Match(lines[i]);
                if (match.Success)
                {
                    Close(writers, name, fields, nameLine);
                    name = match.Groups[1].Value.Trim('\'', '"');
                    nameLine = i + 1;
                    fields.Clear();
                    if (name.Length == 0)
                    {
                        throw new InvalidDataException($"line {nameLine}: 'Writer name:' has no name.");
                    }

                    continue;
                }

                var field = name == null ? Match.Empty : Field.Match(lines[i]);
                if (field.Success)
                {
                    fields[field.Groups[1].Value.Trim()] = field.Groups[2].Value;
                }
            }

            Close(writers, name, fields, nameLine);
            if (writers.Count == 0)
            {
                var first = Array.Find(lines, l => l.Trim().Length > 0)?.Trim() ?? "(empty)";
                throw new InvalidDataException($"no 'Writer name:' line was found (is the output in English?); it starts '{Shorten(first)}'.");
            }

            return writers;
        }

        private static void Close(List<VssWriterInfo> writers, string? name, Dictionary<string, string> fields, int line)
        {
            if (name == null)
            {
                return;
            }

            if (writers.Count >= MaxWriters)
            {
                throw new InvalidDataException($"more than {MaxWriters} writers; the output is refused rather than cut.");
            }

            if (!fields.TryGetValue("State", out var stateText))
            {
                throw new InvalidDataException($"writer '{name}' (line {line}) has no 'State:' line.");
            }

            var state = State.Match(stateText);
            if (!state.Success || !int.TryParse(state.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new InvalidDataException($"writer '{name}' (line {line}) has State '{Shorten(stateText)}', not '[number] text'.");
            }

            writers.Add(new VssWriterInfo
            {
                Name = name,
                WriterId = fields.TryGetValue("Writer Id", out var id) ? id : null,
                StateCode = code,
                StateText = state.Groups[2].Value.Trim(),
                LastError = fields.TryGetValue("Last error", out var error) ? error : string.Empty,
            });
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";
    }
}
