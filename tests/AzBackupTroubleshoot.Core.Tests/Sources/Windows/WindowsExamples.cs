using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Sources.Windows;

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

        public static CapturedRegistryKey Key(string key, params RegistryValue[] values) => new CapturedRegistryKey(RegistryHive.LocalMachine, key, values);

        public static RegistryValue Sz(string name, string data) => new RegistryValue(name, RegistryValueType.String, data);

        public static RegistryValue Dword(string name, uint data) => new RegistryValue(name, RegistryValueType.DWord, data);
    }
}
