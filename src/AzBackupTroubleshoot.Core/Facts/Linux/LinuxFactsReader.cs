using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Options of a fact read.</summary>
    public sealed class LinuxFactsOptions
    {
        /// <summary>True when the root is the running machine (enables the proc/stat sample and the connectivity probes).</summary>
        public bool IsLive { get; set; }

        /// <summary>The interval between the two proc/stat samples on a live machine (default 1 s; null skips sampling).</summary>
        public TimeSpan? CpuSampleInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The connectivity probes (live only; off unless <see cref="ConnectivityOptions.Enabled"/>).</summary>
        public ConnectivityOptions Connectivity { get; set; } = new ConnectivityOptions();

        /// <summary>Reads file-system space on a live machine (default: statvfs through <see cref="StatvfsFilesystemStats"/>).</summary>
        public IFilesystemStats? FilesystemStats { get; set; }

        /// <summary>How long one mount may take to answer statvfs before it counts as hung (default 5 s).</summary>
        public TimeSpan FilesystemTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Running the agent's python to import its modules (live only; off unless <see cref="AgentPythonOptions.Enabled"/>).</summary>
        public AgentPythonOptions AgentPython { get; set; } = new AgentPythonOptions();
    }

    /// <summary>
    /// Reads every Linux fact from one root into a <see cref="LinuxFacts"/>. A missing file is recorded as absent and an
    /// unreadable or malformed one as malformed with the reason; nothing here throws for bad input.
    /// </summary>
    public sealed class LinuxFactsReader
    {
        private readonly ConnectivityProber _prober;

        /// <summary>Creates a reader.</summary>
        public LinuxFactsReader(ConnectivityProber? prober = null)
        {
            _prober = prober ?? new ConnectivityProber();
        }

        /// <summary>Reads the facts.</summary>
        public async Task<LinuxFacts> ReadAsync(ILinuxRoot root, LinuxFactsOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            options ??= new LinuxFactsOptions();
            var conf = new WaagentConfParser().Read(root);
            var libDir = conf.Value?.LibDir ?? "/var/lib/waagent";
            var extLogDir = conf.Value?.ExtensionLogDir ?? "/var/log/azure";
            var units = new AgentUnitReader().Read(root);
            cancellationToken.ThrowIfCancellationRequested();
            var processes = new AgentProcessReader().Read(root);
            var agentLog = LogScanner.ForAgentLog().Read(root, "var/log/waagent.log");
            var versions = new AgentVersionReader().Read(root, libDir, agentLog);
            cancellationToken.ThrowIfCancellationRequested();
            var extension = new SnapshotExtensionReader().Read(root, libDir, extLogDir);
            var policy = new ExtensionPolicyReader().Read(root, conf.Value);
            var dhcp = new DhcpLeaseReader().Read(root, libDir);
            var network = new StaticNetworkReader().Read(root);
            var usage = new ResourceUsageReader();
            var memory = usage.ReadMemory(root);
            var platform = new AzurePlatformReader().Read(root, options.IsLive);
            var proxy = new ProxySettingsReader().Read(root, conf, units.Primary);
            var disabled = RootPath.TryNormalize(libDir, out _) && root.GetKind(RootPath.Combine(libDir, "disable_agent")) != RootEntryKind.None;

            var captured = CapturedFactsFile.Read(root, options.IsLive);
            var filesystemsTask = new FilesystemReader(options.IsLive ? options.FilesystemStats ?? new StatvfsFilesystemStats() : null, options.FilesystemTimeout)
                .ReadAsync(root, options.IsLive, libDir, captured, cancellationToken);
            var runtime = new RuntimeReader().Read(root, captured, libDir, conf.Value?.Get("AutoUpdate.GAFamily") ?? "Prod");
            var cpuTask = usage.ReadCpuAsync(root, options.IsLive ? options.CpuSampleInterval : null, cancellationToken);
            var connectivityTask = ProbeAsync(options, platform, dhcp, cancellationToken);
            var agentPythonTask = new AgentPythonReader().ReadAsync(root, options.IsLive, units, options.AgentPython, captured, cancellationToken);
            await Task.WhenAll(cpuTask, connectivityTask, filesystemsTask, agentPythonTask).ConfigureAwait(false);

            return new LinuxFacts(root.Location, options.IsLive, conf, disabled, units, processes, versions, agentLog, extension, policy, dhcp, network, memory, await cpuTask.ConfigureAwait(false), platform, proxy, await connectivityTask.ConfigureAwait(false), options.Connectivity?.Force ?? false, captured, await filesystemsTask.ConfigureAwait(false), runtime, await agentPythonTask.ConfigureAwait(false));
        }

        private Task<ConnectivityFacts> ProbeAsync(LinuxFactsOptions options, PlatformFacts platform, DhcpFacts dhcp, CancellationToken cancellationToken)
        {
            var connectivity = options.Connectivity ?? new ConnectivityOptions();
            var notRun = !options.IsLive ? "Connectivity is probed only on the live machine, not in an offline root or bundle."
                : connectivity.Enabled && platform.Platform != AzurePlatform.Azure && !connectivity.Force
                    ? $"This machine is not an Azure VM ({platform.AssetTag.Describe()}); the probes would send packets to Azure-only addresses. Use -Force to probe anyway."
                    : null;
            return new ConnectivityReader(_prober).ReadAsync(connectivity, dhcp.WireServer, notRun, cancellationToken);
        }
    }
}
