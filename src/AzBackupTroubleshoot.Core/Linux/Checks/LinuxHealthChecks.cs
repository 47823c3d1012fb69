using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;

namespace AzBackupTroubleshoot.Core.Linux.Checks
{
    /// <summary>
    /// The Linux guest checks, in the order their results are reported (the catalog's order). Each reads only
    /// <see cref="LinuxFacts"/>; a file that cannot be read or parsed gives an <see cref="CheckStatus.Error"/> naming it, and the
    /// other checks still report.
    /// </summary>
    public static class LinuxHealthChecks
    {
        /// <summary>Every Linux check, in a stable order.</summary>
        public static IReadOnlyList<HealthCheck<LinuxFacts>> All { get; } = new[]
        {
            Define(CheckCatalog.LinuxAgentService, AgentChecks.Service),
            Define(CheckCatalog.LinuxAgentAutoRestart, AgentChecks.AutoRestart),
            Define(CheckCatalog.LinuxAgentProcess, AgentChecks.Processes),
            Define(CheckCatalog.LinuxAgentVersion, AgentChecks.Version),
            Define(CheckCatalog.LinuxAutoUpdate, AgentChecks.AutoUpdate),
            Define(CheckCatalog.LinuxExtensionsEnabled, ConfigurationChecks.ExtensionsEnabled),
            Define(CheckCatalog.LinuxProvisioningAgent, ConfigurationChecks.ProvisioningAgent),
            Define(CheckCatalog.LinuxExtensionPolicy, ConfigurationChecks.ExtensionPolicy),
            Define(CheckCatalog.LinuxSnapshotExtension, ExtensionChecks.Installed),
            Define(CheckCatalog.LinuxSnapshotExtensionStatus, ExtensionChecks.Status),
            Define(CheckCatalog.LinuxDhcpWireServer, NetworkChecks.DhcpWireServer),
            Define(CheckCatalog.LinuxStaticNetwork, NetworkChecks.StaticNetwork),
            Define(CheckCatalog.LinuxProxy, ConfigurationChecks.Proxy),
            Define(CheckCatalog.LinuxAgentLog, ExtensionChecks.AgentLog),
            Define(CheckCatalog.LinuxExtensionLog, ExtensionChecks.ExtensionLog),
            Define(CheckCatalog.HostAzurePlatform, HostChecks.AzurePlatform),
            Define(CheckCatalog.HostCpuPressure, HostChecks.Cpu),
            Define(CheckCatalog.HostMemoryPressure, HostChecks.Memory),
            Define(CheckCatalog.NetworkWireServer, NetworkChecks.Probes),
            Define(CheckCatalog.NetworkWireServerHttp, NetworkChecks.Probes),
            Define(CheckCatalog.NetworkImds, NetworkChecks.Probes),
            Define(CheckCatalog.NetworkStorage, NetworkChecks.Probes),
        };

        /// <summary>The checks whose id or cause matches the filters (null or empty filters match everything).</summary>
        public static IReadOnlyList<HealthCheck<LinuxFacts>> Select(IEnumerable<string>? ids, IEnumerable<Cause>? causes)
        {
            var idSet = ids?.Where(i => !string.IsNullOrWhiteSpace(i)).ToArray() ?? Array.Empty<string>();
            var causeSet = causes?.ToArray() ?? Array.Empty<Cause>();
            return All.Where(c =>
                    (idSet.Length == 0 || idSet.Any(i => WildcardMatches(i, c.Id))) &&
                    (causeSet.Length == 0 || causeSet.Contains(c.Cause)))
                .ToArray();
        }

        private static bool WildcardMatches(string pattern, string id)
        {
            if (!pattern.Contains("*"))
            {
                return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
            }

            var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(id, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }

        private static HealthCheck<LinuxFacts> Define(string id, Func<LinuxFacts, Verdict, string, IEnumerable<HealthCheckResult>> evaluate)
        {
            var info = CheckCatalog.Find(id) ?? throw new ArgumentException($"'{id}' is not in the check catalog.", nameof(id));
            return HealthCheck<LinuxFacts>.Create(id, info.Cause, info.Title, (facts, context) =>
                evaluate(facts ?? throw new ArgumentNullException(nameof(facts)), new Verdict(id, context), id).ToArray());
        }
    }
}
