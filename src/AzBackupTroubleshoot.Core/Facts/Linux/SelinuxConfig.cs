namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary><c>/etc/selinux/config</c>: the mode (<c>SELINUX=</c>) and policy (<c>SELINUXTYPE=</c>) at boot.</summary>
    public sealed class SelinuxConfig
    {
        private SelinuxConfig(string mode, string policy, int line)
        {
            Mode = mode;
            Policy = policy;
            Line = line;
        }

        /// <summary><c>enforcing</c>, <c>permissive</c> or <c>disabled</c>.</summary>
        public string Mode { get; }

        /// <summary>The policy name (<c>targeted</c> when not set).</summary>
        public string Policy { get; }

        /// <summary>The line of <c>SELINUX=</c>.</summary>
        public int Line { get; }

        /// <summary>Parses the file; a missing or unknown <c>SELINUX=</c> value, or a line that is not <c>KEY=value</c>, makes it malformed.</summary>
        public static SelinuxConfig? Parse(string text, out string? problem)
        {
            string? mode = null;
            var policy = "targeted";
            var modeLine = 0;
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                var eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    problem = $"line {i + 1} is not KEY=value";
                    return null;
                }

                var key = line.Substring(0, eq).Trim();
                var value = line.Substring(eq + 1).Trim().Trim('"');
                if (key == "SELINUX")
                {
                    if (value != "enforcing" && value != "permissive" && value != "disabled")
                    {
                        problem = $"line {i + 1}: SELINUX={value} is not enforcing, permissive or disabled";
                        return null;
                    }

                    mode = value;
                    modeLine = i + 1;
                }
                else if (key == "SELINUXTYPE" && value.Length > 0 && value.IndexOf('/') < 0 && value != "." && value != "..")
                {
                    policy = value;
                }
            }

            if (mode is null)
            {
                problem = "has no SELINUX= line";
                return null;
            }

            problem = null;
            return new SelinuxConfig(mode, policy, modeLine);
        }
    }
}
