using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    /// <summary>The captures in examples/windows, and small captures built in code.</summary>
    internal static class WindowsExamples
    {
        public static string Folder
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln")))
                {
                    dir = dir.Parent;
                }

                return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "examples", "windows");
            }
        }

        public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n)!;

        public static CimCapture Load(string name) => CimCaptureSerializer.Load(Path.Combine(Folder, name + ".json"));

        public static CimObject Service(string name, string state, string startMode, string startName = "LocalSystem", string? path = null) =>
            new CimObject("root/cimv2", "Win32_Service", new Dictionary<string, object?>
            {
                ["Name"] = name,
                ["State"] = state,
                ["StartMode"] = startMode,
                ["StartName"] = startName,
                ["PathName"] = path ?? $@"C:\Windows\system32\{name}.exe",
            });

        /// <summary>A capture with the given services and registry keys (other sections absent unless given).</summary>
        public static CimCapture Small(IEnumerable<CimObject>? services = null, IEnumerable<CapturedRegistryKey>? registry = null, IEnumerable<CapturedFile>? files = null) =>
            new CimCapture(
                "vm-test",
                new DateTimeOffset(2025, 11, 20, 9, 30, 0, TimeSpan.Zero),
                services == null ? null : new Dictionary<string, IReadOnlyList<CimObject>> { ["root/cimv2:Win32_Service"] = services.ToArray() },
                registry?.ToArray(),
                files?.ToArray());

        /// <summary>A copy of <paramref name="capture"/> with some sections replaced (the others, commands and format version kept).</summary>
        public static CimCapture With(
            CimCapture capture,
            IReadOnlyDictionary<string, IReadOnlyList<CimObject>>? instances = null,
            IReadOnlyList<CapturedRegistryKey>? registry = null,
            IReadOnlyDictionary<string, WindowsCommandOutput>? commands = null,
            string? computerName = null) =>
            new CimCapture(computerName ?? capture.ComputerName, capture.CapturedUtc, instances ?? capture.Instances, registry ?? capture.Registry, capture.Files, capture.Description, commands ?? capture.Commands, capture.FormatVersion, capture.FolderSecurity);

        /// <summary>A copy of <paramref name="capture"/> with another folderSecurity section (null: none) and format version.</summary>
        public static CimCapture WithFolderSecurity(CimCapture capture, CapturedFolderSecurity? folderSecurity, int? formatVersion = null) =>
            new CimCapture(capture.ComputerName, capture.CapturedUtc, capture.Instances, capture.Registry, capture.Files, capture.Description, capture.Commands, formatVersion ?? capture.FormatVersion, folderSecurity);

        /// <summary>A copy of <paramref name="capture"/> whose folder <paramref name="path"/> has the SDDL <paramref name="sddl"/>.</summary>
        public static CimCapture WithFolderSddl(CimCapture capture, string path, string sddl)
        {
            var folders = capture.FolderSecurity!.Folders.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            folders[path] = FolderSecurityRecord.Found(sddl);
            return WithFolderSecurity(capture, new CapturedFolderSecurity(folders));
        }

        /// <summary>A copy of <paramref name="capture"/> whose instances of <paramref name="classKey"/> are <paramref name="replacement"/>.</summary>
        public static CimCapture WithInstances(CimCapture capture, string classKey, params CimObject[] replacement)
        {
            var instances = capture.Instances!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            instances[classKey] = replacement;
            return With(capture, instances);
        }

        /// <summary>A copy of <paramref name="capture"/> whose vssadmin list writers output is <paramref name="output"/>.</summary>
        public static CimCapture WithVssadmin(CimCapture capture, string output, int exitCode = 0, string error = "") =>
            With(capture, commands: new Dictionary<string, WindowsCommandOutput> { ["vssadmin list writers"] = WindowsCommandOutput.Completed(exitCode, output, error ?? string.Empty) });

        /// <summary>A copy of <paramref name="capture"/> with one registry key's values replaced (the key added when absent).</summary>
        public static CimCapture WithKey(CimCapture capture, string key, params RegistryValue[] values) =>
            With(capture, registry: capture.Registry!.Where(k => !string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)).Concat(new[] { Key(key, values) }).ToArray());

        /// <summary>A copy of a CIM instance with one property set.</summary>
        public static CimObject Set(CimObject source, string name, object? value)
        {
            var properties = source.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            properties[name] = value;
            return new CimObject(source.Namespace, source.ClassName, properties);
        }

        public static CapturedRegistryKey Key(string key, params RegistryValue[] values) => new CapturedRegistryKey(RegistryHive.LocalMachine, key, values);

        public static RegistryValue Sz(string name, string data) => new RegistryValue(name, RegistryValueType.String, data);

        public static RegistryValue Dword(string name, uint data) => new RegistryValue(name, RegistryValueType.DWord, data);
    }
}
