using AzBackupTroubleshoot.Core.Checks.Host;
using AzBackupTroubleshoot.Core.Checks.Network;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>
    /// The Linux guest checks, in the order their results are reported (the catalog's order). Each reads only
    /// <see cref="LinuxFacts"/>; a file that cannot be read or parsed gives an <see cref="CheckStatus.Error"/> naming it, and the
    /// other checks still report.
    /// </summary>
    public static class LinuxCheckList
    {
        /// <summary>Every Linux check, in a stable order.</summary>
        public static CheckSet<LinuxFacts> All { get; } = new CheckSet<LinuxFacts>(new[]
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
            Define(CheckCatalog.LinuxFilesystemSpace, FilesystemChecks.Space),
            Define(CheckCatalog.LinuxAgentFolderExec, FilesystemChecks.AgentFolderExec),
            Define(CheckCatalog.LinuxFreezableMounts, FilesystemChecks.Freezable),
            Define(CheckCatalog.LinuxExtensionPython, RuntimeChecks.ExtensionPython),
            Define(CheckCatalog.LinuxAgentPackage, RuntimeChecks.AgentPackage),
            Define(CheckCatalog.LinuxSelinux, RuntimeChecks.Selinux),
            Define(CheckCatalog.LinuxGoalStateAgent, RuntimeChecks.GoalStateAgent),
            Define(CheckCatalog.LinuxAgentPythonImport, AgentPythonChecks.Import),
            Define(CheckCatalog.HostAzurePlatform, (facts, result) => HostChecks.AzurePlatform(LinuxHostFacts.From(facts), result)),
            Define(CheckCatalog.HostCpuPressure, (facts, result) => HostChecks.Cpu(LinuxHostFacts.From(facts), result)),
            Define(CheckCatalog.HostMemoryPressure, (facts, result) => HostChecks.Memory(LinuxHostFacts.From(facts), result)),
            Define(CheckCatalog.NetworkWireServer, (facts, result) => ConnectivityChecks.OnLinux(facts.Connectivity, result)),
            Define(CheckCatalog.NetworkWireServerHttp, (facts, result) => ConnectivityChecks.OnLinux(facts.Connectivity, result)),
            Define(CheckCatalog.NetworkImds, (facts, result) => ConnectivityChecks.OnLinux(facts.Connectivity, result)),
            Define(CheckCatalog.NetworkStorage, (facts, result) => ConnectivityChecks.OnLinux(facts.Connectivity, result)),
        });

        private static HealthCheck<LinuxFacts> Define(string id, Func<LinuxFacts, ResultBuilder, IEnumerable<HealthCheckResult>> evaluate) =>
            CheckSet<LinuxFacts>.Define(id, (facts, result) => evaluate(facts ?? throw new ArgumentNullException(nameof(facts)), result));
    }
}
