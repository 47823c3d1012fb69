namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>One <c>key=value</c> assignment in waagent.conf, as the agent reads it.</summary>
    public sealed class WaagentConfEntry
    {
        internal WaagentConfEntry(string key, string? value, int lineNumber, string line)
        {
            Key = key;
            Value = value;
            LineNumber = lineNumber;
            Line = line;
        }

        /// <summary>The key (case-sensitive, as the agent compares it).</summary>
        public string Key { get; }

        /// <summary>The value after the agent's trimming, or null for the literal <c>None</c>.</summary>
        public string? Value { get; }

        /// <summary>The 1-based line number.</summary>
        public int LineNumber { get; }

        /// <summary>The line as written.</summary>
        public string Line { get; }

        /// <summary>Evidence text: <c>/etc/waagent.conf line 12: Extensions.Enabled=n</c>.</summary>
        public string Evidence(string path) => $"{path} line {LineNumber.ToString(CultureInfo.InvariantCulture)}: {Line.Trim()}";
    }

    /// <summary>
    /// The agent's configuration as WALinuxAgent reads it: the last assignment of a key wins, values are strings, <c>None</c>
    /// means unset, switches are <c>y</c>/<c>n</c> (any case) and anything else falls back to the default. Keys the agent does
    /// not know are kept (with their lines) so a misspelt key such as <c>Extensions.Enable</c> can be pointed out.
    /// </summary>
    public sealed class WaagentConf
    {
        /// <summary>The path the agent reads (relative to the root).</summary>
        public const string DefaultPath = "etc/waagent.conf";

        private static readonly HashSet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "AutoUpdate.Enabled", "AutoUpdate.GAFamily", "AutoUpdate.UpdateToLatestVersion", "Autoupdate.Frequency",
            "CGroups.EnforceLimits", "CGroups.Excluded", "DVD.MountPoint", "DetectScvmmEnv", "EnableOverProvisioning",
            "Extension.LogDir", "Extensions.Enabled", "Extensions.GoalStatePeriod", "Extensions.InitialGoalStatePeriod",
            "Extensions.WaitForCloudInit", "Extensions.WaitForCloudInitTimeout", "HttpProxy.Host", "HttpProxy.Port", "Lib.Dir",
            "Logs.Collect", "Logs.CollectPeriod", "Logs.Console", "Logs.Verbose", "OS.AllowHTTP", "OS.CheckRdmaDriver",
            "OS.EnableFIPS", "OS.EnableFirewall", "OS.EnableFirewallPeriod", "OS.EnableRDMA", "OS.HomeDir",
            "OS.MonitorDhcpClientRestartPeriod", "OS.OpensslPath", "OS.PasswordPath", "OS.RemovePersistentNetRulesPeriod",
            "OS.RootDeviceScsiTimeout", "OS.RootDeviceScsiTimeoutPeriod", "OS.SshClientAliveInterval", "OS.SshDir",
            "OS.SudoersDir", "OS.UpdateRdmaDriver", "Pid.File", "Policy.PolicyFilePath", "Protocol.EndpointDiscovery",
            "Provisioning.Agent", "Provisioning.AllowResetSysUser", "Provisioning.DecodeCustomData", "Provisioning.DeleteRootPassword",
            "Provisioning.Enabled", "Provisioning.ExecuteCustomData", "Provisioning.MonitorHostName", "Provisioning.MonitorHostNamePeriod",
            "Provisioning.PasswordCryptId", "Provisioning.PasswordCryptSaltLength", "Provisioning.RegenerateSshHostKeyPair",
            "Provisioning.SshHostKeyPairType", "Provisioning.UseCloudInit", "ResourceDisk.EnableSwap", "ResourceDisk.EnableSwapEncryption",
            "ResourceDisk.Filesystem", "ResourceDisk.Format", "ResourceDisk.MountOptions", "ResourceDisk.MountPoint", "ResourceDisk.SwapSizeMB",
        };

        private readonly Dictionary<string, WaagentConfEntry> _effective;

        internal WaagentConf(IReadOnlyList<WaagentConfEntry> entries)
        {
            Entries = entries;
            _effective = new Dictionary<string, WaagentConfEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                _effective[entry.Key] = entry;
            }
        }

        /// <summary>Every assignment in file order, repeats included.</summary>
        public IReadOnlyList<WaagentConfEntry> Entries { get; }

        /// <summary>The effective assignments of keys the agent does not know, in file order.</summary>
        public IReadOnlyList<WaagentConfEntry> UnknownKeys =>
            _effective.Values.Where(e => !KnownKeys.Contains(e.Key) && !e.Key.StartsWith("Debug.", StringComparison.Ordinal))
                .OrderBy(e => e.LineNumber).ToArray();

        /// <summary>Extensions.Enabled (default y): without it the agent ignores every extension, the backup one included.</summary>
        public bool ExtensionsEnabled => GetSwitch("Extensions.Enabled", true);

        /// <summary>Provisioning.Agent (default <c>auto</c>).</summary>
        public string ProvisioningAgent => Get("Provisioning.Agent") ?? "auto";

        /// <summary>Logs.Verbose (default n).</summary>
        public bool LogsVerbose => GetSwitch("Logs.Verbose", false);

        /// <summary>
        /// Whether the agent updates itself: AutoUpdate.UpdateToLatestVersion when present, else AutoUpdate.Enabled (default y),
        /// as the agent's <c>get_auto_update_to_latest_version</c> decides.
        /// </summary>
        public bool AutoUpdateEnabled => GetSwitch("AutoUpdate.UpdateToLatestVersion", GetSwitch("AutoUpdate.Enabled", true));

        /// <summary>Debug.EnableExtensionPolicy (default n): extension policy is enforced only when this is y.</summary>
        public bool ExtensionPolicyEnabled => GetSwitch("Debug.EnableExtensionPolicy", false);

        /// <summary>Policy.PolicyFilePath (default <c>/etc/waagent_policy.json</c>).</summary>
        public string PolicyFilePath => Get("Policy.PolicyFilePath") ?? "/etc/waagent_policy.json";

        /// <summary>Lib.Dir (default <c>/var/lib/waagent</c>).</summary>
        public string LibDir => Get("Lib.Dir") ?? "/var/lib/waagent";

        /// <summary>Extension.LogDir (default <c>/var/log/azure</c>).</summary>
        public string ExtensionLogDir => Get("Extension.LogDir") ?? "/var/log/azure";

        /// <summary>HttpProxy.Host (default unset).</summary>
        public string? HttpProxyHost => Get("HttpProxy.Host");

        /// <summary>HttpProxy.Port as an integer, or null when unset or not a number (the agent's <c>get_int</c>).</summary>
        public int? HttpProxyPort =>
            int.TryParse(Get("HttpProxy.Port"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) ? port : (int?)null;

        /// <summary>The effective assignment of a key, or null.</summary>
        public WaagentConfEntry? Find(string key) => _effective.TryGetValue(key, out var entry) ? entry : null;

        /// <summary>The value of a key, or null when unset or <c>None</c>.</summary>
        public string? Get(string key) => Find(key)?.Value;

        /// <summary>A y/n switch: <c>y</c>/<c>n</c> in any case, otherwise <paramref name="defaultValue"/>.</summary>
        public bool GetSwitch(string key, bool defaultValue)
        {
            var value = Get(key);
            if (string.Equals(value, "y", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(value, "n", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return defaultValue;
        }

        /// <summary>Evidence for a key: its line, or that it is not set and which default applies.</summary>
        public string Describe(string path, string key, string defaultText)
        {
            var entry = Find(key);
            return entry is null
                ? $"{path}: {key} not set (the agent's default is {defaultText})"
                : entry.Evidence(path);
        }
    }
}
