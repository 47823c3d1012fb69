using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Probes;
using AzBackupTroubleshoot.Core.Runners;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Tests.Sources.Windows;
using static AzBackupTroubleshoot.Core.Tests.Sources.Windows.WindowsExamples;

namespace AzBackupTroubleshoot.Core.Tests.Checks.Windows
{
    public class WindowsCheckListTests
    {
        private static readonly string[] ProbeIds = { CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage };

        public static TheoryData<string, string, CheckStatus, Cause, RepairAction> FailureExamples => new TheoryData<string, string, CheckStatus, Cause, RepairAction>
        {
            { "agent-stopped", CheckCatalog.WindowsGuestAgentService, CheckStatus.Failed, Cause.AgentNotResponsive, RepairAction.RestartAgent },
            { "agent-too-old", CheckCatalog.WindowsAgentVersion, CheckStatus.Failed, Cause.AgentOutOfDate, RepairAction.ReinstallAgent },
            { "no-dotnet45", CheckCatalog.WindowsDotNet45, CheckStatus.Failed, Cause.AgentNotResponsive, RepairAction.None },
            { "iaasvmprovider-manual", CheckCatalog.WindowsIaaSVmProvider, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.StartService },
            { "sql-without-vss-copy", CheckCatalog.WindowsVssCopyMode, CheckStatus.Warning, Cause.SnapshotNotTaken, RepairAction.SetVssCopyMode },
            { "dhcp-off", CheckCatalog.WindowsDhcp, CheckStatus.Failed, Cause.SnapshotNotTaken, RepairAction.None },
            { "extension-crashes", CheckCatalog.WindowsExtensionCrashes, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.None },
            { "msdtc-wrong-account", CheckCatalog.WindowsMsdtc, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.None },
            { "vss-writer-failed", CheckCatalog.WindowsVssWriters, CheckStatus.Failed, Cause.SnapshotNotTaken, RepairAction.None },
            { "low-disk-space", CheckCatalog.WindowsDiskSpace, CheckStatus.Failed, Cause.SnapshotNotTaken, RepairAction.None },
            { "agent-crashing", CheckCatalog.WindowsAgentCrashes, CheckStatus.Failed, Cause.AgentNotResponsive, RepairAction.None },
            { "reboot-pending", CheckCatalog.WindowsPendingReboot, CheckStatus.Warning, Cause.VmStateNotSupported, RepairAction.None },
            { "winhttp-proxy", CheckCatalog.WindowsWinHttpProxy, CheckStatus.Warning, Cause.NoNetworkAccess, RepairAction.None },
            { "tls-weak", CheckCatalog.WindowsStrongCrypto, CheckStatus.Warning, Cause.NoNetworkAccess, RepairAction.None },
            { "installer-disabled", CheckCatalog.WindowsInstallerService, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.None },
            { "bitlocker-locked", CheckCatalog.WindowsBitLocker, CheckStatus.Warning, Cause.SnapshotNotTaken, RepairAction.None },
            { "machinekeys-permissions", CheckCatalog.WindowsFolderPermissions, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.None },
            { "packages-permissions", CheckCatalog.WindowsFolderPermissions, CheckStatus.Failed, Cause.ExtensionNotLoaded, RepairAction.None },
        };

        private static async Task<IReadOnlyList<HealthCheckResult>> Run(CimCapture capture, bool isLocal = false)
        {
            ICimGateway gateway = isLocal ? new RecordingCimGateway(capture, isLocal: true) : new ReplayCimGateway(capture);
            var facts = new WindowsFactsReader(gateway).Read(capture.CapturedUtc, CancellationToken.None);
            return await new CheckEngine().RunAsync(facts, WindowsCheckList.Create(), new CheckContext(facts.ComputerName, isLive: isLocal));
        }

        private static HealthCheckResult One(IReadOnlyList<HealthCheckResult> results, string id) => Assert.Single(results, r => r.CheckId == id);

        [Fact]
        public void Every_check_id_is_in_the_catalog_once_with_its_cause()
        {
            var checks = WindowsCheckList.Create();
            Assert.Equal(checks.Count, checks.Select(c => c.Id).Distinct().Count());
            foreach (var check in checks)
            {
                var info = CheckCatalog.Find(check.Id);
                Assert.NotNull(info);
                Assert.Equal(info!.Cause, check.Cause);
            }

            var windowsIds = CheckCatalog.All.Where(c => c.Platform == CheckPlatform.Windows).Select(c => c.Id);
            Assert.Empty(windowsIds.Except(checks.Select(c => c.Id)));
        }

        [Fact]
        public async Task The_healthy_capture_has_no_failure_and_only_the_expected_not_applicable_results()
        {
            var results = await Run(Load("healthy"));
            Assert.DoesNotContain(results, r => r.Status == CheckStatus.Failed || r.Status == CheckStatus.Warning || r.Status == CheckStatus.Error);
            Assert.Equal(
                new[] { CheckCatalog.WindowsVssCopyMode }.Concat(ProbeIds),
                results.Where(r => r.Status == CheckStatus.NotApplicable).Select(r => r.CheckId));
            Assert.All(results, r => Assert.Equal("vm-app01", r.Target));
            Assert.All(results.Where(r => r.Status == CheckStatus.Passed), r => Assert.NotEmpty(r.Message));
        }

        [Theory]
        [MemberData(nameof(FailureExamples))]
        public async Task Each_failure_capture_yields_its_result_and_cause_and_nothing_else(string example, string checkId, CheckStatus status, Cause cause, RepairAction repair)
        {
            var results = await Run(Load(example));
            var problems = results.Where(r => r.Status == CheckStatus.Failed || r.Status == CheckStatus.Warning || r.Status == CheckStatus.Error).ToArray();
            var problem = Assert.Single(problems);
            Assert.Equal(checkId, problem.CheckId);
            Assert.Equal(status, problem.Status);
            Assert.Equal(cause, problem.Cause);
            Assert.Equal(repair, problem.RepairAction);
            Assert.NotEmpty(problem.Evidence);
            Assert.NotEmpty(problem.Remediation);
        }

        [Fact]
        public async Task The_sql_warning_recommends_Set_AzBackupVssCopyMode()
        {
            var result = One(await Run(Load("sql-without-vss-copy")), CheckCatalog.WindowsVssCopyMode);
            Assert.Contains("MSSQLSERVER, MSSQL$REPORTS", result.Message);
            Assert.Contains("Set-AzBackupVssCopyMode -Enabled $true", result.Remediation);
            Assert.Contains(result.Evidence, e => e.Contains("has no USEVSSCOPYBACKUP value"));
        }

        [Fact]
        public async Task Old_agent_evidence_names_version_source_and_minimum()
        {
            var result = One(await Run(Load("agent-too-old")), CheckCatalog.WindowsAgentVersion);
            Assert.Contains("2.7.41491.901", result.Message);
            Assert.Contains(result.Evidence, e => e.Contains(@"GuestAgent_2.7.41491.901_2019-01-15_103244"));
            Assert.Contains(result.Evidence, e => e.Contains("2.7.41491.1010"));
        }

        [Fact]
        public async Task Crash_results_list_the_events_in_the_window()
        {
            var result = One(await Run(Load("extension-crashes")), CheckCatalog.WindowsExtensionCrashes);
            Assert.Contains("3 time(s) since 2025-11-13 09:30 UTC", result.Message);
            Assert.Equal(3, result.Evidence.Count);
            Assert.Contains("Microsoft.Azure.RecoveryServices.VMSnapshot", result.Remediation);
        }

        [Fact]
        public async Task USEVSSCOPYBACKUP_as_a_dword_is_not_copy_mode_and_TRUE_as_REG_SZ_is()
        {
            var sql = Service("MSSQLSERVER", "Running", "Auto", @"NT Service\MSSQLSERVER");
            var dword = await Run(Small(new[] { sql }, new[] { Key(WindowsNames.BcdrAgentKey, Dword("USEVSSCOPYBACKUP", 1)) }));
            var warning = One(dword, CheckCatalog.WindowsVssCopyMode);
            Assert.Equal(CheckStatus.Warning, warning.Status);
            Assert.Contains("REG_DWORD", warning.Message);

            var sz = await Run(Small(new[] { sql }, new[] { Key(WindowsNames.BcdrAgentKey, Sz("USEVSSCOPYBACKUP", "TRUE")) }));
            Assert.Equal(CheckStatus.Passed, One(sz, CheckCatalog.WindowsVssCopyMode).Status);
        }

        [Fact]
        public async Task Service_states_map_to_the_documented_outcomes()
        {
            var results = await Run(Small(new[]
            {
                Service("VSS", "Stopped", "Disabled"),
                Service("COMSysApp", "Stopped", "Manual"),
                Service("MSDTC", "Running", "Auto", @"NT AUTHORITY\Network Service"),
                Service("IaaSVmProvider", "Stopped", "Auto"),
                Service("RdAgent", "Running", "Manual"),
            }));
            Assert.Equal((CheckStatus.Failed, RepairAction.StartService), (One(results, CheckCatalog.WindowsVssService).Status, One(results, CheckCatalog.WindowsVssService).RepairAction));
            Assert.Equal((CheckStatus.Warning, RepairAction.StartService), (One(results, CheckCatalog.WindowsComSysApp).Status, One(results, CheckCatalog.WindowsComSysApp).RepairAction));
            Assert.Equal(CheckStatus.Passed, One(results, CheckCatalog.WindowsMsdtc).Status);
            Assert.Equal((CheckStatus.Warning, RepairAction.StartService), (One(results, CheckCatalog.WindowsIaaSVmProvider).Status, One(results, CheckCatalog.WindowsIaaSVmProvider).RepairAction));
            Assert.Equal((CheckStatus.Failed, RepairAction.RestartAgent), (One(results, CheckCatalog.WindowsRdAgentService).Status, One(results, CheckCatalog.WindowsRdAgentService).RepairAction));
            var agent = One(results, CheckCatalog.WindowsGuestAgentService);
            Assert.Equal((CheckStatus.Failed, RepairAction.ReinstallAgent), (agent.Status, agent.RepairAction));
            Assert.Equal(CheckStatus.NotApplicable, One(results, CheckCatalog.WindowsAgentVersion).Status);
        }

        [Fact]
        public async Task A_stopped_telemetry_service_of_an_old_agent_is_a_warning()
        {
            var results = await Run(Small(new[]
            {
                Service("WindowsAzureGuestAgent", "Running", "Auto"),
                Service("WindowsAzureTelemetryService", "Stopped", "Auto"),
            }));
            var agent = results.Where(r => r.CheckId == CheckCatalog.WindowsGuestAgentService).Select(r => r.Status).ToArray();
            Assert.Equal(new[] { CheckStatus.Passed, CheckStatus.Warning }, agent);
        }

        [Fact]
        public async Task Sections_missing_from_a_capture_give_errors_not_passes()
        {
            var results = await Run(Small(new[] { Service("WindowsAzureGuestAgent", "Running", "Auto") }));
            foreach (var id in new[] { CheckCatalog.WindowsDotNet45, CheckCatalog.WindowsDhcp, CheckCatalog.WindowsSnapshotExtension, CheckCatalog.WindowsExtensionCrashes, CheckCatalog.WindowsProxy, CheckCatalog.HostAzurePlatform, CheckCatalog.HostCpuPressure, CheckCatalog.HostMemoryPressure })
            {
                var result = One(results, id);
                Assert.Equal(CheckStatus.Error, result.Status);
                Assert.Contains("Could not read", result.Message);
                Assert.Contains("capture", result.Remediation);
            }
        }

        [Fact]
        public async Task Extension_handler_states_and_missing_files_are_reported()
        {
            var capture = Load("healthy");
            var failedState = ReplaceRegistryValue(capture, "InstallState", Sz("InstallState", "Failed"));
            var result = One(await Run(failedState), CheckCatalog.WindowsSnapshotExtension);
            Assert.Equal((CheckStatus.Failed, RepairAction.UninstallSnapshotExtension), (result.Status, result.RepairAction));
            Assert.Contains("'Failed'", result.Message);

            var noExe = new CimCapture(capture.ComputerName, capture.CapturedUtc, capture.Instances, capture.Registry, capture.Files!.Where(f => !f.Path.EndsWith("IaaSBcdrExtension.exe", StringComparison.Ordinal)).ToArray());
            var missing = One(await Run(noExe), CheckCatalog.WindowsSnapshotExtension);
            Assert.Equal(CheckStatus.Failed, missing.Status);
            Assert.Contains("IaaSBcdrExtension.exe is missing", missing.Message);

            var none = new CimCapture(capture.ComputerName, capture.CapturedUtc, capture.Instances, capture.Registry!.Where(k => !k.Key.Contains("VMSnapshot")).ToArray(), Array.Empty<CapturedFile>());
            Assert.Equal(CheckStatus.Warning, One(await Run(none), CheckCatalog.WindowsSnapshotExtension).Status);
        }

        [Fact]
        public async Task A_LocalSystem_proxy_is_a_warning_naming_it()
        {
            var capture = Load("healthy");
            var proxied = ReplaceRegistryValue(capture, "ProxyEnable", Dword("ProxyEnable", 1), Sz("ProxyServer", "10.0.0.5:3128"), Sz("ProxyOverride", "168.63.129.16;<local>"));
            var result = One(await Run(proxied), CheckCatalog.WindowsProxy);
            Assert.Equal(CheckStatus.Warning, result.Status);
            Assert.Contains("10.0.0.5:3128", result.Message);
            Assert.Contains("168.63.129.16;<local>", result.Message);
        }

        [Fact]
        public async Task Pressure_and_platform_thresholds()
        {
            var capture = Load("healthy");
            var instances = capture.Instances!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            instances["root/cimv2:Win32_Processor"] = new[] { With(instances["root/cimv2:Win32_Processor"][0], "LoadPercentage", 97L), With(instances["root/cimv2:Win32_Processor"][1], "LoadPercentage", 95L) };
            instances["root/cimv2:Win32_OperatingSystem"] = new[] { With(instances["root/cimv2:Win32_OperatingSystem"][0], "FreePhysicalMemory", 400000L) };
            instances["root/cimv2:Win32_SystemEnclosure"] = new[] { With(instances["root/cimv2:Win32_SystemEnclosure"][0], "SMBIOSAssetTag", "4512-8832-1190-2291-7710-4412-09") };
            var results = await Run(new CimCapture(capture.ComputerName, capture.CapturedUtc, instances, capture.Registry, capture.Files));
            Assert.Equal(CheckStatus.Warning, One(results, CheckCatalog.HostCpuPressure).Status);
            Assert.Contains("96 %", One(results, CheckCatalog.HostCpuPressure).Message);
            Assert.Equal(CheckStatus.Warning, One(results, CheckCatalog.HostMemoryPressure).Status);
            Assert.Contains("95.2 %", One(results, CheckCatalog.HostMemoryPressure).Message);
            Assert.Equal(CheckStatus.Warning, One(results, CheckCatalog.HostAzurePlatform).Status);
        }

        [Fact]
        public async Task Probes_run_only_locally_on_Azure_or_when_forced()
        {
            // Aimed at a closed loopback port: a probe that ran fails, one that did not is NotApplicable with the reason.
            var port = ClosedLoopbackPort();
            var probes = new ConnectivityOptions { Enabled = true, WireServerHost = "127.0.0.1", WireServerPorts = new[] { port }, InformationalWireServerPorts = Array.Empty<int>(), Timeout = TimeSpan.FromSeconds(2) };
            async Task<HealthCheckResult> WireServer(ICimGateway gateway, ConnectivityOptions? connectivity) =>
                One(await new WindowsHealthRunner(options: new WindowsCheckOptions { Connectivity = connectivity }).RunAsync(gateway, new[] { CheckCatalog.NetworkWireServer }, CancellationToken.None), CheckCatalog.NetworkWireServer);

            var capture = await WireServer(new ReplayCimGateway(Load("healthy")), probes);
            Assert.Equal(CheckStatus.NotApplicable, capture.Status);
            Assert.Contains("capture", capture.Message);

            var remote = await WireServer(new RecordingCimGateway(Load("healthy")), probes);
            Assert.Equal(CheckStatus.NotApplicable, remote.Status);
            Assert.Contains("inside the VM", remote.Message);

            var unconfigured = await WireServer(new RecordingCimGateway(Load("healthy"), isLocal: true), null);
            Assert.Equal(("No connectivity probe is configured for this session.", CheckStatus.NotApplicable), (unconfigured.Message, unconfigured.Status));

            var local = await WireServer(new RecordingCimGateway(Load("healthy"), isLocal: true), probes);
            Assert.Equal(CheckStatus.Failed, local.Status);
            Assert.Contains($"127.0.0.1:{port}", local.Message);

            var offAzure = Load("healthy");
            var instances = offAzure.Instances!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            instances["root/cimv2:Win32_SystemEnclosure"] = new[] { With(instances["root/cimv2:Win32_SystemEnclosure"][0], "SMBIOSAssetTag", "none") };
            var hyperV = new CimCapture("hv1", offAzure.CapturedUtc, instances, offAzure.Registry, offAzure.Files);
            var notForced = await WireServer(new RecordingCimGateway(hyperV, isLocal: true), probes);
            Assert.Equal(CheckStatus.NotApplicable, notForced.Status);
            Assert.Contains("-Force", notForced.Message);
            probes.Force = true;
            Assert.Equal(CheckStatus.Failed, (await WireServer(new RecordingCimGateway(hyperV, isLocal: true), probes)).Status);
        }

        private static int ClosedLoopbackPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static CimObject With(CimObject source, string name, object? value)
        {
            var properties = source.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            properties[name] = value;
            return new CimObject(source.Namespace, source.ClassName, properties);
        }

        private static CimCapture ReplaceRegistryValue(CimCapture capture, string name, params RegistryValue[] replacements)
        {
            var keys = capture.Registry!.Select(k => k.Values.Any(v => v.Name == name)
                ? new CapturedRegistryKey(k.Hive, k.Key, k.Values.Where(v => v.Name != name).Concat(replacements).ToArray())
                : k).ToArray();
            return new CimCapture(capture.ComputerName, capture.CapturedUtc, capture.Instances, keys, capture.Files);
        }
    }
}
