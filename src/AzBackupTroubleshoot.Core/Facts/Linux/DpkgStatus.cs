namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// The stanzas of <c>/var/lib/dpkg/status</c> that name the agent's package (Debian/Ubuntu: <c>walinuxagent</c>):
    /// RFC 822-style paragraphs separated by blank lines, <c>Field: value</c> lines, continuation lines start with a blank.
    /// </summary>
    public sealed class DpkgStatus
    {
        /// <summary>The agent's Debian/Ubuntu package name.</summary>
        public const string AgentPackage = "walinuxagent";

        private DpkgStatus(int packages, string? status, string? version, int line)
        {
            Packages = packages;
            AgentStatus = status;
            AgentVersion = version;
            AgentLine = line;
        }

        /// <summary>How many package stanzas the file has.</summary>
        public int Packages { get; }

        /// <summary>The agent package's <c>Status:</c> (for example <c>install ok installed</c>), or null when it is not listed.</summary>
        public string? AgentStatus { get; }

        /// <summary>The agent package's <c>Version:</c>, or null.</summary>
        public string? AgentVersion { get; }

        /// <summary>The line of the agent's <c>Package:</c> field, or 0.</summary>
        public int AgentLine { get; }

        /// <summary>True when the agent package is installed (<c>Status: install ok installed</c>).</summary>
        public bool AgentInstalled => AgentStatus != null && AgentStatus.EndsWith(" installed", StringComparison.Ordinal);

        /// <summary>Parses the file; a line that is neither a field, a continuation nor blank makes it malformed.</summary>
        public static DpkgStatus? Parse(string text, out string? problem)
        {
            var lines = TextFileDecoder.Lines(text ?? throw new ArgumentNullException(nameof(text)));
            var packages = 0;
            string? package = null, status = null, version = null;
            string? agentStatus = null, agentVersion = null;
            var packageLine = 0;
            var agentLine = 0;
            for (var i = 0; i <= lines.Count; i++)
            {
                var line = i < lines.Count ? lines[i] : string.Empty;
                if (line.Trim().Length == 0)
                {
                    if (package == AgentPackage)
                    {
                        agentStatus = status ?? "(no Status field)";
                        agentVersion = version;
                        agentLine = packageLine;
                    }

                    package = status = version = null;
                    continue;
                }

                if (line[0] == ' ' || line[0] == '\t')
                {
                    continue;
                }

                var colon = line.IndexOf(':');
                if (colon <= 0 || line.Substring(0, colon).IndexOf(' ') >= 0)
                {
                    problem = $"line {i + 1} is not a 'Field: value' line";
                    return null;
                }

                var field = line.Substring(0, colon);
                var value = line.Substring(colon + 1).Trim();
                switch (field)
                {
                    case "Package":
                        packages++;
                        package = value;
                        packageLine = i + 1;
                        break;
                    case "Status":
                        status = value;
                        break;
                    case "Version":
                        version = value;
                        break;
                }
            }

            problem = null;
            return new DpkgStatus(packages, agentStatus, agentVersion, agentLine);
        }
    }
}
