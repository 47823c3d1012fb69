namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// The entries of a mount table (<c>/proc/self/mounts</c>, six fields a line) or of <c>/etc/fstab</c> (comments, blank
    /// lines, four to six fields). Fields are separated by blanks; a blank inside a field is written <c>\040</c>.
    /// </summary>
    public sealed class MountTable
    {
        /// <summary>The most entries read from one file; a longer file is malformed, not silently cut.</summary>
        public const int MaxEntries = 10000;

        private MountTable(IReadOnlyList<MountEntry> entries)
        {
            Entries = entries;
        }

        /// <summary>The entries in file order.</summary>
        public IReadOnlyList<MountEntry> Entries { get; }

        /// <summary>The entry whose mount point holds <paramref name="path"/> most closely (the last such entry: a later mount hides an earlier one), or null.</summary>
        public MountEntry? Holding(string path)
        {
            var normalized = NormalizeMountPoint(path);
            return Entries.Where(e => e.Holds(normalized)).OrderByDescending(e => e.MountPoint.Length).ThenByDescending(e => e.Line).FirstOrDefault();
        }

        /// <summary>Parses a kernel mount table; every line must have six fields.</summary>
        public static MountTable? ParseMounts(string text, out string? problem) => Parse(text, fstab: false, out problem);

        /// <summary>Parses <c>/etc/fstab</c>: <c>#</c> comments and blank lines are skipped; a line needs four to six fields, the fifth and sixth numeric.</summary>
        public static MountTable? ParseFstab(string text, out string? problem) => Parse(text, fstab: true, out problem);

        /// <summary>Decodes <c>\040</c>-style octal escapes and drops a trailing <c>/</c> (except for the root).</summary>
        public static string NormalizeMountPoint(string value)
        {
            var decoded = Unescape(value ?? throw new ArgumentNullException(nameof(value)));
            var trimmed = decoded.TrimEnd('/');
            return decoded.Length > 1 && trimmed.Length == 0 ? "/" : decoded.Length > 1 ? trimmed : decoded;
        }

        private static MountTable? Parse(string text, bool fstab, out string? problem)
        {
            var entries = new List<MountEntry>();
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || (fstab && line.StartsWith("#", StringComparison.Ordinal)))
                {
                    continue;
                }

                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var number = i + 1;
                if (fstab ? fields.Length < 4 || fields.Length > 6 : fields.Length != 6)
                {
                    problem = $"line {number} has {fields.Length} fields, {(fstab ? "fstab needs 4 to 6" : "a mount table line has 6")} (device, mount point, type, options{(fstab ? ", dump, pass" : ", 0, 0")})";
                    return null;
                }

                for (var f = 4; f < fields.Length; f++)
                {
                    if (!int.TryParse(fields[f], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        problem = $"line {number}: field {f + 1} '{Shorten(fields[f])}' is not a number";
                        return null;
                    }
                }

                var mountPoint = NormalizeMountPoint(fields[1]);
                if (!mountPoint.StartsWith("/", StringComparison.Ordinal) && !(fstab && (mountPoint == "none" || mountPoint == "swap")))
                {
                    problem = $"line {number}: mount point '{Shorten(mountPoint)}' is not an absolute path";
                    return null;
                }

                if (entries.Count >= MaxEntries)
                {
                    problem = $"has more than {MaxEntries} entries (the file is not used)";
                    return null;
                }

                entries.Add(new MountEntry(Unescape(fields[0]), mountPoint, fields[2], fields[3].Split(','), number));
            }

            problem = null;
            return new MountTable(entries);
        }

        private static string Unescape(string value)
        {
            if (value.IndexOf('\\') < 0)
            {
                return value;
            }

            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\' && IsOctal(value, i + 1))
                {
                    builder.Append((char)Convert.ToInt32(value.Substring(i + 1, 3), 8));
                    i += 3;
                }
                else
                {
                    builder.Append(value[i]);
                }
            }

            return builder.ToString();
        }

        private static bool IsOctal(string value, int start) =>
            start + 3 <= value.Length && value.Substring(start, 3).All(c => c >= '0' && c <= '7');

        private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
    }
}
