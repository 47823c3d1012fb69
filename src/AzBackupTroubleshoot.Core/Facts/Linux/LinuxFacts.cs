using AzBackupTroubleshoot.Core.Probes;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Everything the Linux checks read, gathered once from one root. Immutable.</summary>
    public sealed class LinuxFacts
    {
        internal LinuxFacts(
            string location,
            bool isLive,
            FileFact<WaagentConf> waagentConf,
            bool disableAgentMarker,
            AgentUnitFacts units,
            AgentProcessFacts processes,
            AgentVersionFacts versions,
            FileFact<LogSummary> agentLog,
            SnapshotExtensionFacts extension,
            ExtensionPolicyFacts policy,
            DhcpFacts dhcp,
            NetworkConfigFacts network,
            FileFact<MemoryUsage> memory,
            FileFact<CpuUsage> cpu,
            PlatformFacts platform,
            ProxyFacts proxy,
            ConnectivityFacts connectivity,
            bool azureForced,
            CapturedFactsFile captured,
            FilesystemFacts filesystems,
            RuntimeFacts runtime,
            AgentPythonFacts agentPython)
        {
            AgentPython = agentPython;
            Runtime = runtime;
            Captured = captured;
            Filesystems = filesystems;
            AzureForced = azureForced;
            Location = location;
            IsLive = isLive;
            WaagentConf = waagentConf;
            DisableAgentMarker = disableAgentMarker;
            Units = units;
            Processes = processes;
            Versions = versions;
            AgentLog = agentLog;
            Extension = extension;
            Policy = policy;
            Dhcp = dhcp;
            Network = network;
            Memory = memory;
            Cpu = cpu;
            Platform = platform;
            Proxy = proxy;
            Connectivity = connectivity;
        }

        /// <summary>True when the user asked for the Azure-only checks even though the machine is not detected as Azure (-Force).</summary>
        public bool AzureForced { get; }

        /// <summary>Where the facts come from (a folder or a bundle).</summary>
        public string Location { get; }

        /// <summary>True when the facts come from the running machine.</summary>
        public bool IsLive { get; }

        /// <summary><c>/etc/waagent.conf</c>.</summary>
        public FileFact<WaagentConf> WaagentConf { get; }

        /// <summary>True when <c>&lt;Lib.Dir&gt;/disable_agent</c> exists: the agent then does nothing at all.</summary>
        public bool DisableAgentMarker { get; }

        /// <summary>The agent's init-system units.</summary>
        public AgentUnitFacts Units { get; }

        /// <summary>The agent's processes.</summary>
        public AgentProcessFacts Processes { get; }

        /// <summary>The agent's versions.</summary>
        public AgentVersionFacts Versions { get; }

        /// <summary><c>/var/log/waagent.log</c>.</summary>
        public FileFact<LogSummary> AgentLog { get; }

        /// <summary>The backup extension.</summary>
        public SnapshotExtensionFacts Extension { get; }

        /// <summary>The agent's extension policy.</summary>
        public ExtensionPolicyFacts Policy { get; }

        /// <summary>DHCP option 245 and the saved WireServer address.</summary>
        public DhcpFacts Dhcp { get; }

        /// <summary>How interfaces get addresses.</summary>
        public NetworkConfigFacts Network { get; }

        /// <summary>Memory use.</summary>
        public FileFact<MemoryUsage> Memory { get; }

        /// <summary>CPU use.</summary>
        public FileFact<CpuUsage> Cpu { get; }

        /// <summary>Whether this is an Azure VM.</summary>
        public PlatformFacts Platform { get; }

        /// <summary>Proxy settings.</summary>
        public ProxyFacts Proxy { get; }

        /// <summary>The live connectivity probes.</summary>
        public ConnectivityFacts Connectivity { get; }

        /// <summary>What a bundle recorded beside its files (absent live and in a plain root), and whether the source is a bundle.</summary>
        public CapturedFactsFile Captured { get; }

        /// <summary>The distribution, python3, the agent's package, SELinux and the agent the WireServer offers.</summary>
        public RuntimeFacts Runtime { get; }

        /// <summary>Whether the agent's python imports the agent's modules (run live, on request only).</summary>
        public AgentPythonFacts AgentPython { get; }

        /// <summary>The mount table, /etc/fstab and the space figures.</summary>
        public FilesystemFacts Filesystems { get; }

        /// <summary>True when anything shows the agent is installed (a unit, a package, a configuration file or a process).</summary>
        public bool AgentInstalled =>
            Units.Units.Count > 0 || Versions.Installed.Count > 0 || WaagentConf.Status != FactStatus.Absent || Processes.AgentProcesses.Count > 0;

        /// <summary>
        /// The reason Azure-only checks do not apply, or null when they do: a live machine whose DMI tag is not Azure's
        /// (unless forced). An offline root is assumed to come from an Azure VM.
        /// </summary>
        public string? NotAzureReason() =>
            IsLive && !AzureForced && Platform.Platform != AzurePlatform.Azure
                ? $"This machine is not an Azure VM ({Platform.AssetTag.Describe()}; Azure's tag is {AzurePlatformReader.AzureChassisAssetTag}); use -Force to check anyway."
                : null;

        /// <summary>A short summary for -Verbose.</summary>
        public override string ToString() =>
            $"{Location}: conf {WaagentConf.Status}, units {string.Join(",", Units.Units.Select(u => u.Name))}, " +
            $"{Processes.AgentProcesses.Count} agent processes, extension {Extension.Newest?.Version.Text ?? "absent"}, platform {Platform.Platform}";
    }
}
