using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
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
        };

        private readonly ICimGateway _gateway;
        private readonly CimRegistry _registry;

        /// <summary>Creates a reader.</summary>
        public WindowsFactsReader(ICimGateway gateway)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _registry = new CimRegistry(gateway);
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
            T? Section<T>(WindowsFactSection section, Func<T> read)
                where T : class
            {
                cancellationToken.ThrowIfCancellationRequested();
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
            IReadOnlyList<RegistryValue>? dotNet = null;
            Section(WindowsFactSection.DotNet, () =>
            {
                dotNet = _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.DotNetFullKey, cancellationToken);
                return string.Empty;
            });
            IReadOnlyList<RegistryValue>? bcdr = null;
            IReadOnlyList<RegistryValue>? persistent = null;
            Section(WindowsFactSection.BcdrAgent, () =>
            {
                bcdr = _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, cancellationToken);
                persistent = _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.BcdrAgentPersistentKeysKey, cancellationToken);
                return string.Empty;
            });
            IReadOnlyList<RegistryValue>? proxy = null;
            Section(WindowsFactSection.Proxy, () =>
            {
                proxy = _registry.ReadKey(RegistryHive.Users, WindowsNames.LocalSystemInternetSettingsKey, cancellationToken);
                return string.Empty;
            });
            var systemDrive = (os?.GetString("SystemDrive") ?? "C:").TrimEnd('\\');
            var extension = Section(WindowsFactSection.SnapshotExtension, () => ReadSnapshotExtension(systemDrive, cancellationToken));
            var crashes = Section(WindowsFactSection.EventLog, () => ReadCrashEvents(referenceTimeUtc, cancellationToken));

            var agent = services?.FirstOrDefault(s => string.Equals(s.Name, WindowsNames.GuestAgentService, StringComparison.OrdinalIgnoreCase));
            var (agentVersion, versionSource) = agent == null ? (null, null) : ReadAgentVersion(agent, cancellationToken);

            return new WindowsFacts
            {
                ComputerName = _gateway.ComputerName,
                Source = _gateway is ReplayCimGateway ? WindowsFactsSource.Capture : _gateway.IsLocal ? WindowsFactsSource.Local : WindowsFactsSource.Remote,
                ReferenceTimeUtc = referenceTimeUtc.ToUniversalTime(),
                Services = services,
                AgentVersion = agentVersion,
                AgentVersionSource = versionSource,
                DotNetFullKeyExists = dotNet != null,
                DotNetRelease = dotNet?.FirstOrDefault(v => string.Equals(v.Name, "Release", StringComparison.OrdinalIgnoreCase)),
                BcdrAgentValues = bcdr,
                BcdrAgentPersistentValues = persistent,
                NetworkAdapters = adapters,
                ProcessorLoads = loads,
                TotalMemoryKb = CimValue.ToUInt64(os?["TotalVisibleMemorySize"]),
                FreeMemoryKb = CimValue.ToUInt64(os?["FreePhysicalMemory"]),
                OperatingSystem = os == null ? null : $"{os.GetString("Caption")} {os.GetString("Version")}".Trim(),
                AssetTag = enclosure?.Select(e => e.GetString("SMBIOSAssetTag")).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
                LocalSystemInternetSettings = proxy,
                SnapshotExtension = extension,
                ExtensionCrashEvents = crashes,
                ReadErrors = errors,
            };
        }

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

        private SnapshotExtensionInfo ReadSnapshotExtension(string systemDrive, CancellationToken cancellationToken)
        {
            var folder = systemDrive + WindowsNames.PluginsFolder + "\\" + WindowsNames.SnapshotHandlerName;
            var directories = Query("Win32_Directory", $"Drive='{systemDrive.ToLowerInvariant()}' AND Path='{Escape(FolderPath(folder))}'", cancellationToken);
            var versions = directories
                .Select(d => d.GetString("Name") ?? string.Empty)
                .Where(name => string.Equals(Parent(name), folder, StringComparison.OrdinalIgnoreCase))
                .Select(Leaf)
                .OrderBy(v => ComponentVersion.TryParse(v) ?? ComponentVersion.Parse("0"))
                .ToArray();
            var exists = versions.Length > 0 || Query("Win32_Directory", $"Name='{Escape(folder)}'", cancellationToken)
                .Any(d => string.Equals(d.GetString("Name"), folder, StringComparison.OrdinalIgnoreCase));

            IReadOnlyList<string> files = Array.Empty<string>();
            if (versions.Length > 0)
            {
                var latest = folder + "\\" + versions[versions.Length - 1];
                files = Query("CIM_DataFile", $"Drive='{systemDrive.ToLowerInvariant()}' AND Path='{Escape(FolderPath(latest))}'", cancellationToken)
                    .Select(f => f.GetString("Name") ?? string.Empty)
                    .Where(name => string.Equals(Parent(name), latest, StringComparison.OrdinalIgnoreCase))
                    .Select(Leaf)
                    .ToArray();
            }

            var states = new List<HandlerStateInfo>();
            foreach (var stateKey in WindowsNames.HandlerStateKeys)
            {
                var prefix = WindowsNames.SnapshotHandlerName + "_";
                foreach (var sub in _registry.GetSubKeyNames(RegistryHive.LocalMachine, stateKey, cancellationToken) ?? Array.Empty<string>())
                {
                    if (!sub.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var key = stateKey + "\\" + sub;
                    var values = _registry.ReadKey(RegistryHive.LocalMachine, key, cancellationToken) ?? Array.Empty<RegistryValue>();
                    RegistryValue? Value(string name) => values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
                    states.Add(new HandlerStateInfo
                    {
                        Key = key,
                        Version = sub.Substring(prefix.Length),
                        InstallState = Value("InstallState")?.DataText(),
                        SequenceNumber = CimValue.ToInt64(Value("SequenceNumber")?.Data),
                        StatusFolder = Value("StatusFolder")?.DataText(),
                    });
                }
            }

            return new SnapshotExtensionInfo { Folder = folder, FolderExists = exists, Versions = versions, LatestVersionFiles = files, HandlerStates = states };
        }

        private IReadOnlyList<LogEventInfo> ReadCrashEvents(DateTimeOffset referenceTimeUtc, CancellationToken cancellationToken)
        {
            var since = referenceTimeUtc - WindowsNames.CrashWindow;
            var where = $"Logfile='Application' AND EventCode=1000 AND TimeGenerated>='{CimValue.ToDmtf(since)}'";
            var needle = "Faulting application name: " + WindowsNames.ExtensionProcessName;
            return Query("Win32_NTLogEvent", where, cancellationToken)
                .Where(e => string.Equals(e.GetString("Logfile") ?? "Application", "Application", StringComparison.OrdinalIgnoreCase))
                .Select(e => (Event: e, Time: CimValue.ToDateTime(e["TimeGenerated"])))
                .Where(x => x.Time.HasValue && x.Time.Value >= since && x.Time.Value <= referenceTimeUtc + TimeSpan.FromMinutes(5))
                .Where(x => (x.Event.GetString("Message") ?? string.Empty).IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderByDescending(x => x.Time!.Value)
                .Select(x => new LogEventInfo
                {
                    TimeGenerated = x.Time!.Value,
                    SourceName = x.Event.GetString("SourceName"),
                    EventCode = CimValue.ToInt64(x.Event["EventCode"]) ?? 0,
                    FirstLine = (x.Event.GetString("Message") ?? string.Empty).Split('\r', '\n')[0],
                })
                .ToArray();
        }

        private IReadOnlyList<CimObject> Query(string className, string? where, CancellationToken cancellationToken) =>
            _gateway.QueryInstances(Cimv2, className, where, cancellationToken);

        /// <summary>The Win32_Directory/CIM_DataFile Path of a folder's children: <c>\packages\plugins\x\</c>.</summary>
        private static string FolderPath(string folder) => folder.Substring(2).ToLowerInvariant() + "\\";

        private static string Parent(string path)
        {
            var trimmed = path.TrimEnd('\\');
            var slash = trimmed.LastIndexOf('\\');
            return slash < 0 ? string.Empty : trimmed.Substring(0, slash);
        }

        private static string Leaf(string path)
        {
            var trimmed = path.TrimEnd('\\');
            return trimmed.Substring(trimmed.LastIndexOf('\\') + 1);
        }

        /// <summary>Escapes a WQL string literal: backslashes and quotes.</summary>
        private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("'", "\\'");
    }
}
