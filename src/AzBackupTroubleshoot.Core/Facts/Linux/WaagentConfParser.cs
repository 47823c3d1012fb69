using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Parses waagent.conf by WALinuxAgent's own rules (<c>ConfigurationProvider.load</c> in common/conf.py): a line starting
    /// with <c>#</c> is a comment; a line with <c>=</c> is split at the first <c>=</c>; the key is trimmed; the value is cut at
    /// the first <c>#</c> and stripped of quotes and spaces; <c>None</c> means unset. An empty file is refused, as the agent
    /// refuses it.
    /// </summary>
    public sealed class WaagentConfParser
    {
        /// <summary>Parses the text; returns null and a reason when the agent would refuse it.</summary>
        public WaagentConf? Parse(string content, out string? problem)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            if (content.Length == 0)
            {
                problem = "the file is empty (the agent refuses an empty configuration and does not start)";
                return null;
            }

            var entries = new List<WaagentConfEntry>();
            var lines = content.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.StartsWith("#", StringComparison.Ordinal) || line.IndexOf('=') < 0)
                {
                    continue;
                }

                var eq = line.IndexOf('=');
                var key = line.Substring(0, eq).Trim();
                var value = line.Substring(eq + 1);
                var hash = value.IndexOf('#');
                if (hash >= 0)
                {
                    value = value.Substring(0, hash);
                }

                value = value.Trim('"', ' ').Trim();
                entries.Add(new WaagentConfEntry(key, value == "None" ? null : value, i + 1, line.TrimEnd('\r')));
            }

            problem = null;
            return new WaagentConf(entries);
        }

        /// <summary>Reads and parses the file at <paramref name="path"/> in a root.</summary>
        public FileFact<WaagentConf> Read(ILinuxRoot root, string path = WaagentConf.DefaultPath)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var text = TextFileDecoder.Decode(root.Read(path));
            if (!text.IsPresent)
            {
                return text.Status == FactStatus.Absent
                    ? FileFact<WaagentConf>.Absent(text.Path)
                    : FileFact<WaagentConf>.Malformed(text.Path, text.Problem!);
            }

            var conf = Parse(text.Value!, out var problem);
            return conf is null ? FileFact<WaagentConf>.Malformed(text.Path, problem!) : FileFact<WaagentConf>.Present(text.Path, conf);
        }
    }
}
