using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// Reads <see cref="WindowsFacts"/> through an <see cref="ICimGateway"/>: the same queries go to the local machine,
    /// a remote CimSession or a capture. Each section is read on its own; one that fails (access denied, not captured)
    /// is recorded in <see cref="WindowsFacts.ReadErrors"/> and the others still are read.
    /// </summary>
    public sealed class WindowsFactsReader
    {
        private const string Cimv2 = "root/cimv2";
        private static readonly Regex AgentFolderVersion = new Regex(@"GuestAgent_(\d+\.\d+\.\d+\.\d+)_", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly string[] ServiceNames =
        {
            WindowsNames.GuestAgentService, WindowsNames.RdAgentService, WindowsNames.TelemetryService, WindowsNames.IaaSVmProviderService,
            WindowsNames.VssService, WindowsNames.ComSysAppService, WindowsNames.MsdtcService, WindowsNames.SqlDefaultInstanceService,
            WindowsNames.InstallerService,
        };

        /// <summary>The sections capture format 2 added: a format 1 capture cannot show them.</summary>
        private static readonly WindowsFactSection[] FormatTwoSections =
        {
            WindowsFactSection.VssWriters, WindowsFactSection.Volumes, WindowsFactSection.SystemEventLog, WindowsFactSection.WinHttpProxy,
            WindowsFactSection.StrongCrypto, WindowsFactSection.WindowsInstaller, WindowsFactSection.PendingReboot, WindowsFactSection.BitLocker,
        };

        private readonly ICimGateway _gateway;
        private readonly CimRegistry _registry;
        private readonly IWindowsCommandSource _commands;
        private readonly IFolderSecuritySource _folders;

        /// <summary>Creates a reader.</summary>
        /// <param name="gateway">The machine or capture.</param>
        /// <param name="commands">Where <c>vssadmin list writers</c> runs; null picks it from the gateway (<see cref="WindowsCommandSources.For"/>).</param>
        /// <param name="folders">Where folder security descriptors come from; null picks it from the gateway (<see cref="FolderSecuritySources.For"/>).</param>
        public WindowsFactsReader(ICimGateway gateway, IWindowsCommandSource? commands = null, IFolderSecuritySource? folders = null)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _registry = new CimRegistry(gateway);
            _commands = commands ?? WindowsCommandSources.For(gateway);
            _folders = folders ?? FolderSecuritySources.For(gateway);
        }

        /// <summary>Reads the facts of a capture, measuring time windows from the capture time.</summary>
        public static WindowsFacts ReadCapture(CimCapture capture, CancellationToken cancellationToken = default) =>
            new WindowsFactsReader(new ReplayCimGateway(capture)).Read(capture.CapturedUtc, cancellationToken);

        /// <summary>Reads every section.</summary>
        /// <param name="referenceTimeUtc">Now for a live machine; the capture time for a capture.</param>
        /// <param name="cancellationToken">Stops between calls.</param>
        public WindowsFacts Read(DateTimeOffset referenceTimeUtc, CancellationToken cancellationToken)
        {
            var errors = new Dictionary<WindowsFactSection, string>();
            var notAvailable = new Dictionary<WindowsFactSection, string>();
            var capture = (_gateway as ReplayCimGateway)?.Capture;
            if (capture != null && capture.FormatVersion < CimCapture.CommandsFormatVersion)
            {
                foreach (var section in FormatTwoSections)
                {
                    notAvailable[section] = OlderCapture(capture.FormatVersion);
                }
            }

            if (capture != null && capture.FormatVersion < CimCapture.FolderSecurityFormatVersion)
            {
                notAvailable[WindowsFactSection.FolderPermissions] = OlderCapture(capture.FormatVersion);
            }

            T? Section<T>(WindowsFactSection section, Func<T> read)
                where T : class
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (notAvailable.ContainsKey(section))
                {
                    return null;
                }

                try
                {
                    return read();
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    errors[section] = ex.Message;
                    return null;
                }
            }

            var services = Section(WindowsFactSection.Services, () => ReadServices(cancellationToken));
            var os = Section(WindowsFactSection.OperatingSystem, () => Query("Win32_OperatingSystem", null, cancellationToken).FirstOrDefault() ?? throw new InvalidOperationException("Win32_OperatingSystem returned no instance."));
            var loads = Section(WindowsFactSection.Processor, () => Query("Win32_Processor", null, cancellationToken).Select(p => CimValue.ToInt64(p["LoadPercentage"])).Where(l => l.HasValue).Select(l => (int)l!.Value).ToArray());
            var enclosure = Section(WindowsFactSection.SystemEnclosure, () => Query("Win32_SystemEnclosure", null, cancellationToken).ToArray());
            var adapters = Section(WindowsFactSection.NetworkAdapters, () => ReadAdapters(cancellationToken));
            var dotNet = Section(WindowsFactSection.DotNet, () => new Box<IReadOnlyList<RegistryValue>?>(_registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.DotNetFullKey, cancellationToken)))?.Value;
            var bcdr = Section(WindowsFactSection.BcdrAgent, () => (
                _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, cancellationToken),
                _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.BcdrAgentPersistentKeysKey, cancellationToken)).ToTuple());
            var proxy = Section(WindowsFactSection.Proxy, () => new Box<IReadOnlyList<RegistryValue>?>(_registry.ReadKey(RegistryHive.Users, WindowsNames.LocalSystemInternetSettingsKey, cancellationToken)))?.Value;
            var systemDrive = (os?.GetString("SystemDrive") ?? "C:").TrimEnd('\\');
            var extension = Section(WindowsFactSection.SnapshotExtension, () => new SnapshotExtensionReader(_gateway, _registry).Read(systemDrive, cancellationToken));
            var events = new WindowsEventLogReader(_gateway, referenceTimeUtc);
            var appCrashes = Section(WindowsFactSection.EventLog, () => events.ReadApplicationCrashes(cancellationToken).ToTuple());
            var serviceCrashes = Section(WindowsFactSection.SystemEventLog, () => events.ReadServiceCrashes(cancellationToken));
            var storage = new WindowsStorageReader(_gateway);
            var volumes = Section(WindowsFactSection.Volumes, () => storage.ReadVolumes(systemDrive, cancellationToken));
            var writers = Section(WindowsFactSection.VssWriters, () =>
            {
                var list = storage.ReadVssWriters(_commands, cancellationToken, out var notRun);
                if (notRun != null)
                {
                    notAvailable[WindowsFactSection.VssWriters] = notRun;
                }

                return new Box<IReadOnlyList<VssWriterInfo>?>(list);
            })?.Value;
            var bitLocker = Section(WindowsFactSection.BitLocker, () => storage.ReadEncryptableVolumes(cancellationToken));
            var settings = new WindowsSettingsReader(_registry);
            var winHttp = Section(WindowsFactSection.WinHttpProxy, () => settings.ReadWinHttpProxy(cancellationToken));
            var strongCrypto = Section(WindowsFactSection.StrongCrypto, () => settings.ReadStrongCrypto(cancellationToken));
            var reboot = Section(WindowsFactSection.PendingReboot, () => settings.ReadPendingReboot(cancellationToken));
            var folders = Section(WindowsFactSection.FolderPermissions, () =>
            {
                var list = new FolderPermissionReader(_folders).Read(systemDrive, cancellationToken, out var notRun);
                if (notRun != null)
                {
                    notAvailable[WindowsFactSection.FolderPermissions] = notRun;
                }

                return list;
            });

            var agent = services?.FirstOrDefault(s => string.Equals(s.Name, WindowsNames.GuestAgentService, StringComparison.OrdinalIgnoreCase));
            var (agentVersion, versionSource) = agent == null ? (null, null) : ReadAgentVersion(agent, cancellationToken);
            var agentCrashes = appCrashes == null || serviceCrashes == null ? null
                : appCrashes.Item2.Concat(serviceCrashes).OrderByDescending(e => e.TimeGenerated).ToArray();

            return new WindowsFacts
            {
                ComputerName = _gateway.ComputerName,
                Source = capture != null ? WindowsFactsSource.Capture : _gateway.IsLocal ? WindowsFactsSource.Local : WindowsFactsSource.Remote,
                ReferenceTimeUtc = referenceTimeUtc.ToUniversalTime(),
                CaptureFormatVersion = capture?.FormatVersion,
                Services = services,
                AgentVersion = agentVersion,
                AgentVersionSource = versionSource,
                DotNetFullKeyExists = dotNet != null,
                DotNetRelease = dotNet?.FirstOrDefault(v => string.Equals(v.Name, "Release", StringComparison.OrdinalIgnoreCase)),
                BcdrAgentValues = bcdr?.Item1,
                BcdrAgentPersistentValues = bcdr?.Item2,
                NetworkAdapters = adapters,
                ProcessorLoads = loads,
                TotalMemoryKb = CimValue.ToUInt64(os?["TotalVisibleMemorySize"]),
                FreeMemoryKb = CimValue.ToUInt64(os?["FreePhysicalMemory"]),
                OperatingSystem = os == null ? null : $"{os.GetString("Caption")} {os.GetString("Version")}".Trim(),
                AssetTag = enclosure?.Select(e => e.GetString("SMBIOSAssetTag")).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
                LocalSystemInternetSettings = proxy,
                SnapshotExtension = extension,
                ExtensionCrashEvents = appCrashes?.Item1,
                SystemDrive = systemDrive,
                VssWriters = writers,
                Volumes = volumes,
                AgentCrashEvents = agentCrashes,
                WinHttpProxy = winHttp,
                StrongCrypto = strongCrypto,
                PendingRebootReasons = reboot,
                EncryptableVolumes = bitLocker,
                FolderPermissions = folders,
                NotAvailable = notAvailable,
                ReadErrors = errors,
            };
        }

        private static string OlderCapture(int formatVersion) =>
            $"This capture was taken by an older version of this module (capture format {formatVersion}), which did not record it; take a new capture to check it.";

        private IReadOnlyList<WindowsServiceInfo> ReadServices(CancellationToken cancellationToken)
        {
            var where = string.Join(" OR ", ServiceNames.Select(n => $"Name='{n}'")) + " OR Name LIKE 'MSSQL$%'";
            return Query("Win32_Service", where, cancellationToken)
                .Select(s => new WindowsServiceInfo
                {
                    Name = s.GetString("Name") ?? string.Empty,
                    DisplayName = s.GetString("DisplayName"),
                    State = s.GetString("State"),
                    StartMode = s.GetString("StartMode"),
                    StartName = s.GetString("StartName"),
                    PathName = s.GetString("PathName"),
                })
                .Where(s => ServiceNames.Contains(s.Name, StringComparer.OrdinalIgnoreCase) || WindowsFacts.IsSqlServerService(s.Name))
                .ToArray();
        }

        private (ComponentVersion?, string?) ReadAgentVersion(WindowsServiceInfo agent, CancellationToken cancellationToken)
        {
            var path = agent.PathName ?? string.Empty;
            var match = AgentFolderVersion.Match(path);
            if (match.Success && ComponentVersion.TryParse(match.Groups[1].Value) is { } fromFolder)
            {
                return (fromFolder, "image path " + path);
            }

            // Not the GuestAgent_<version>_<timestamp> layout: ask for the executable's file version.
            var exe = path.Trim().Trim('"');
            var end = exe.IndexOf(".exe", StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                return (null, null);
            }

            exe = exe.Substring(0, end + 4);
            try
            {
                var file = Query("CIM_DataFile", $"Name='{Escape(exe)}'", cancellationToken)
                    .FirstOrDefault(f => string.Equals(f.GetString("Name"), exe, StringComparison.OrdinalIgnoreCase));
                var text = file?.GetString("Version");
                return ComponentVersion.TryParse(text) is { } fromFile ? (fromFile, "file version of " + exe) : (null, null);
            }
            catch (CimGatewayException)
            {
                return (null, null);
            }
        }

        private IReadOnlyList<NetworkAdapterInfo> ReadAdapters(CancellationToken cancellationToken) =>
            Query("Win32_NetworkAdapterConfiguration", "IPEnabled=TRUE", cancellationToken)
                .Where(a => CimValue.ToBoolean(a["IPEnabled"]) == true)
                .Select(a => new NetworkAdapterInfo
                {
                    Index = CimValue.ToInt64(a["Index"]) ?? -1,
                    Description = a.GetString("Description"),
                    DhcpEnabled = CimValue.ToBoolean(a["DHCPEnabled"]) == true,
                    IPAddresses = CimValue.ToStringArray(a["IPAddress"]) ?? Array.Empty<string>(),
                    DhcpServer = a.GetString("DHCPServer"),
                })
                .ToArray();

        /// <summary>A nullable value as a section result (a key that does not exist is a value, not a failure).</summary>
        private sealed class Box<T>
        {
            public Box(T value)
            {
                Value = value;
            }

            public T Value { get; }
        }

        private IReadOnlyList<CimObject> Query(string className, string? where, CancellationToken cancellationToken) =>
            _gateway.QueryInstances(Cimv2, className, where, cancellationToken);

        /// <summary>Escapes a WQL string literal: backslashes and quotes.</summary>
        private static string Escape(string text) => SnapshotExtensionReader.Escape(text);
    }
}
