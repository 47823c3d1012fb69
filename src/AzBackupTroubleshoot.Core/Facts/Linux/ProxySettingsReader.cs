using AzBackupTroubleshoot.Core.Redaction;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The proxy settings the agent and the backup extension see.</summary>
    public sealed class ProxyFacts
    {
        internal ProxyFacts(string? confHost, int? confPort, string? confPortText, IReadOnlyList<string> confEvidence, FileFact<string> environmentFile, IReadOnlyList<EnvironmentSetting> environment, IReadOnlyList<EnvironmentSetting> unitEnvironment)
        {
            ConfHost = confHost;
            ConfPort = confPort;
            ConfPortText = confPortText;
            ConfEvidence = confEvidence;
            EnvironmentFile = environmentFile;
            Environment = environment;
            UnitEnvironment = unitEnvironment;
        }

        /// <summary>HttpProxy.Host from waagent.conf.</summary>
        public string? ConfHost { get; }

        /// <summary>HttpProxy.Port from waagent.conf, as a number.</summary>
        public int? ConfPort { get; }

        /// <summary>HttpProxy.Port as written (to spot a value that is not a number).</summary>
        public string? ConfPortText { get; }

        /// <summary>The waagent.conf lines.</summary>
        public IReadOnlyList<string> ConfEvidence { get; }

        /// <summary><c>etc/environment</c>.</summary>
        public FileFact<string> EnvironmentFile { get; }

        /// <summary>Proxy variables set in <c>etc/environment</c> (values with credentials redacted).</summary>
        public IReadOnlyList<EnvironmentSetting> Environment { get; }

        /// <summary>Proxy variables the agent's unit sets (values with credentials redacted).</summary>
        public IReadOnlyList<EnvironmentSetting> UnitEnvironment { get; }

        /// <summary>True when a proxy is set for HTTP or HTTPS anywhere outside waagent.conf.</summary>
        public bool EnvironmentProxy => Environment.Concat(UnitEnvironment).Any(e => IsProxyVariable(e.Name) && e.Value.Length > 0);

        /// <summary>True for http_proxy, https_proxy and their upper-case forms.</summary>
        public static bool IsProxyVariable(string name) =>
            string.Equals(name, "http_proxy", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "https_proxy", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads proxy settings: <c>HttpProxy.*</c> in waagent.conf, <c>etc/environment</c>, and <c>Environment=</c> in the agent's unit.</summary>
    public sealed class ProxySettingsReader
    {
        private static readonly string[] Names = { "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY" };

        /// <summary>Reads the proxy facts.</summary>
        public ProxyFacts Read(ILinuxRoot root, FileFact<WaagentConf> conf, AgentUnit? unit)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var redactor = new SecretRedactor();
            var confEvidence = new List<string>();
            string? host = null, portText = null;
            int? port = null;
            if (conf?.Value != null)
            {
                host = conf.Value.HttpProxyHost;
                port = conf.Value.HttpProxyPort;
                portText = conf.Value.Get("HttpProxy.Port");
                foreach (var key in new[] { "HttpProxy.Host", "HttpProxy.Port" })
                {
                    var entry = conf.Value.Find(key);
                    if (entry != null)
                    {
                        confEvidence.Add(redactor.Redact(entry.Evidence(conf.Path)));
                    }
                }
            }

            var file = TextFileDecoder.Decode(root.Read("etc/environment"));
            var environment = new List<EnvironmentSetting>();
            if (file.IsPresent)
            {
                var lines = TextFileDecoder.Lines(file.Value!);
                for (var i = 0; i < lines.Count; i++)
                {
                    var line = lines[i].Trim();
                    if (line.StartsWith("export ", StringComparison.Ordinal))
                    {
                        line = line.Substring(7).Trim();
                    }

                    var eq = line.IndexOf('=');
                    if (eq <= 0 || line[0] == '#')
                    {
                        continue;
                    }

                    var name = line.Substring(0, eq).Trim();
                    if (Names.Contains(name, StringComparer.Ordinal))
                    {
                        var value = redactor.Redact(line.Substring(eq + 1).Trim().Trim('"', '\''));
                        environment.Add(new EnvironmentSetting(name, value, $"{file.Path} line {(i + 1).ToString(CultureInfo.InvariantCulture)}: {name}={value}"));
                    }
                }
            }

            var unitEnvironment = (unit?.Environment ?? Array.Empty<EnvironmentSetting>())
                .Where(e => Names.Contains(e.Name, StringComparer.Ordinal))
                .Select(e => new EnvironmentSetting(e.Name, redactor.Redact(e.Value), redactor.Redact(e.Evidence)))
                .ToArray();
            return new ProxyFacts(host is null ? null : redactor.Redact(host), port, portText, confEvidence, file, environment, unitEnvironment);
        }
    }
}
