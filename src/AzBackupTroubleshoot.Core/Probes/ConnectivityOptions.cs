using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>
    /// What the live connectivity probes aim at and how long they wait. Every endpoint is a parameter so tests aim them at
    /// loopback listeners; the defaults are the Azure endpoints the backup article names.
    /// </summary>
    public sealed class ConnectivityOptions
    {
        /// <summary>
        /// The WireServer ports the agent needs: "The VM Agent requires outbound communication over ports 80/tcp and
        /// 32526/tcp with WireServer (168.63.129.16)" (MicrosoftDocs/azure-docs
        /// articles/virtual-network/what-is-ip-address-168-63-129-16.md, ms.date 03/30/2023). A closed one fails Network.WireServer.
        /// </summary>
        public static readonly IReadOnlyList<int> DefaultWireServerPorts = new[] { 80, 32526 };

        /// <summary>
        /// WireServer ports probed for information only: the backup article's step 4 also names 443 ("Ports 80, 443, and
        /// 32526 are required", backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout.md, ms.date 11/12/2025), and so
        /// did the 2019 revision of the 168.63.129.16 page; the 2023 page names 80 and 32526 only. A closed one never fails a check.
        /// </summary>
        public static readonly IReadOnlyList<int> DefaultInformationalWireServerPorts = new[] { 443 };

        /// <summary>Whether to probe at all (live runs only).</summary>
        public bool Enabled { get; set; }

        /// <summary>Probe even when the machine is not detected as an Azure VM.</summary>
        public bool Force { get; set; }

        /// <summary>The WireServer address; null takes it from the facts (WireServerEndpoint, DHCP option 245) or 168.63.129.16.</summary>
        public string? WireServerHost { get; set; }

        /// <summary>The WireServer TCP ports that must answer (80, 32526).</summary>
        public IReadOnlyList<int> WireServerPorts { get; set; } = DefaultWireServerPorts;

        /// <summary>WireServer TCP ports probed for information only (443); their outcome is evidence, never a failure.</summary>
        public IReadOnlyList<int> InformationalWireServerPorts { get; set; } = DefaultInformationalWireServerPorts;

        /// <summary>The port of the HTTP <c>GET /?comp=versions</c> probe (80).</summary>
        public int WireServerHttpPort { get; set; } = 80;

        /// <summary>The Instance Metadata Service address (169.254.169.254).</summary>
        public string ImdsHost { get; set; } = "169.254.169.254";

        /// <summary>The IMDS port (80).</summary>
        public int ImdsPort { get; set; } = 80;

        /// <summary>Storage endpoints to probe (none by default).</summary>
        public IReadOnlyList<StorageEndpoint> StorageEndpoints { get; set; } = Array.Empty<StorageEndpoint>();

        /// <summary>How long one probe may take (default 3 s).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>How many probes run at once (default: all).</summary>
        public int MaxParallel { get; set; } = int.MaxValue;

        /// <summary>The probe targets, with <paramref name="wireServer"/> when <see cref="WireServerHost"/> is not set.</summary>
        public IReadOnlyList<ProbeTarget> Targets(string wireServer)
        {
            var host = WireServerHost ?? wireServer;
            return WireServerPorts.Select(p => new ProbeTarget(CheckCatalog.NetworkWireServer, host, p))
                .Concat(InformationalWireServerPorts.Where(p => !WireServerPorts.Contains(p)).Select(p => new ProbeTarget(CheckCatalog.NetworkWireServer, host, p, required: false)))
                .Concat(new[]
                {
                    new ProbeTarget(CheckCatalog.NetworkWireServerHttp, host, WireServerHttpPort, ProbeKind.HttpGet, "/?comp=versions"),
                    new ProbeTarget(CheckCatalog.NetworkImds, ImdsHost, ImdsPort),
                })
                .Concat(StorageEndpoints.Select(s => new ProbeTarget(CheckCatalog.NetworkStorage, s.Host, s.Port)))
                .ToArray();
        }
    }
}
