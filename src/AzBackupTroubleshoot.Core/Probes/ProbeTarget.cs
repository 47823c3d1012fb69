namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>How an endpoint is probed.</summary>
    public enum ProbeKind
    {
        /// <summary>A TCP connection is opened and closed.</summary>
        Tcp,

        /// <summary>An HTTP/1.1 GET is sent (with no proxy) and the status line read; 200 passes.</summary>
        HttpGet,
    }

    /// <summary>One endpoint to probe.</summary>
    public sealed class ProbeTarget
    {
        /// <summary>Creates a target.</summary>
        public ProbeTarget(string checkId, string host, int port, ProbeKind kind = ProbeKind.Tcp, string path = "/", bool required = true)
        {
            Required = required;
            CheckId = checkId ?? throw new ArgumentNullException(nameof(checkId));
            Host = string.IsNullOrWhiteSpace(host) ? throw new ArgumentException("A host is required.", nameof(host)) : host.Trim();
            Port = port is > 0 and <= 65535 ? port : throw new ArgumentOutOfRangeException(nameof(port), "A port is 1 to 65535.");
            Kind = kind;
            Path = string.IsNullOrEmpty(path) || path[0] != '/' ? "/" + path : path;
        }

        /// <summary>The check the result belongs to (for example <c>Network.WireServer</c>).</summary>
        public string CheckId { get; }

        /// <summary>An IP address or a host name.</summary>
        public string Host { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>
        /// True when a failed probe means a failed check; false for an endpoint probed for information only (for example
        /// WireServer port 443, which the agent does not need).
        /// </summary>
        public bool Required { get; }

        /// <summary>TCP connect or HTTP GET.</summary>
        public ProbeKind Kind { get; }

        /// <summary>The HTTP path and query (HTTP probes only).</summary>
        public string Path { get; }

        /// <summary>For messages: <c>168.63.129.16:80</c> or <c>http://168.63.129.16:80/?comp=versions</c>.</summary>
        public string Display => Kind == ProbeKind.HttpGet
            ? $"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>What one probe found.</summary>
    public sealed class ProbeOutcome
    {
        /// <summary>Creates an outcome.</summary>
        public ProbeOutcome(ProbeTarget target, bool succeeded, string detail, TimeSpan elapsed)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Succeeded = succeeded;
            Detail = detail ?? string.Empty;
            Elapsed = elapsed;
        }

        /// <summary>The endpoint.</summary>
        public ProbeTarget Target { get; }

        /// <summary>True when the connection (or the HTTP request) succeeded.</summary>
        public bool Succeeded { get; }

        /// <summary>What happened: "connected", "refused", "no answer within 3 s", "HTTP 200".</summary>
        public string Detail { get; }

        /// <summary>How long it took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Evidence text.</summary>
        public string Evidence => $"{Target.Display}: {Detail} ({Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)";
    }
}
