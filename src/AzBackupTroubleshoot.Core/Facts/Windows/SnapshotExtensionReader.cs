using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The VMSnapshot extension: its version folders and files (Win32_Directory, CIM_DataFile) and its handler state keys.</summary>
    internal sealed class SnapshotExtensionReader
    {
        private const string Cimv2 = "root/cimv2";
        private readonly ICimGateway _gateway;
        private readonly CimRegistry _registry;

        public SnapshotExtensionReader(ICimGateway gateway, CimRegistry registry)
        {
            _gateway = gateway;
            _registry = registry;
        }

        public SnapshotExtensionInfo Read(string systemDrive, CancellationToken cancellationToken)
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
        internal static string Escape(string text) => text.Replace("\\", "\\\\").Replace("'", "\\'");
    }
}
