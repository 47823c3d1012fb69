using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// A saved picture of a Windows machine's management data: CIM instances by class, registry keys with typed values,
    /// and a listing of files and folders. A section that is null was not captured (a check that needs it reports an
    /// error); an empty section was captured and had nothing in it. The JSON form is described in docs/capture-format.md.
    /// </summary>
    public sealed class CimCapture
    {
        /// <summary>The format version this code writes; it reads this one and every earlier one.</summary>
        public const int CurrentFormatVersion = 3;

        /// <summary>The first version with the <c>commands</c> section and the issue-13 facts (volumes, System log, WinHTTP, TLS, installer, pending restart).</summary>
        public const int CommandsFormatVersion = 2;

        /// <summary>The first version with the <c>folderSecurity</c> section (MachineKeys, C:\WindowsAzure, C:\Packages).</summary>
        public const int FolderSecurityFormatVersion = 3;

        /// <summary>Creates a capture.</summary>
        public CimCapture(
            string computerName,
            DateTimeOffset capturedUtc,
            IReadOnlyDictionary<string, IReadOnlyList<CimObject>>? instances,
            IReadOnlyList<CapturedRegistryKey>? registry,
            IReadOnlyList<CapturedFile>? files,
            string? description = null,
            IReadOnlyDictionary<string, WindowsCommandOutput>? commands = null,
            int formatVersion = CurrentFormatVersion,
            CapturedFolderSecurity? folderSecurity = null)
        {
            FormatVersion = formatVersion >= 1 && formatVersion <= CurrentFormatVersion
                ? formatVersion
                : throw new ArgumentOutOfRangeException(nameof(formatVersion), $"Capture format {formatVersion} is not 1 to {CurrentFormatVersion}.");
            Commands = commands == null ? null : new Dictionary<string, WindowsCommandOutput>(commands.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase);
            ComputerName = string.IsNullOrWhiteSpace(computerName) ? throw new ArgumentException("A capture needs a computer name.", nameof(computerName)) : computerName;
            CapturedUtc = capturedUtc.ToUniversalTime();
            Description = description;
            if (instances != null)
            {
                var copy = new Dictionary<string, IReadOnlyList<CimObject>>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in instances)
                {
                    copy[NormalizeClassKey(pair.Key)] = pair.Value.ToArray();
                }

                Instances = copy;
            }

            Registry = registry?.ToArray();
            Files = files?.ToArray();
            FolderSecurity = folderSecurity;
        }

        /// <summary>The format version the capture was written in (<see cref="CurrentFormatVersion"/> for one built in memory).</summary>
        public int FormatVersion { get; }

        /// <summary>The output of fixed read-only commands by name (<c>vssadmin list writers</c>), or null when not captured.</summary>
        public IReadOnlyDictionary<string, WindowsCommandOutput>? Commands { get; }

        /// <summary>The security descriptors of the checked folders (format 3), or null when not captured.</summary>
        public CapturedFolderSecurity? FolderSecurity { get; }

        /// <summary>The captured machine's name; results are reported for this target.</summary>
        public string ComputerName { get; }

        /// <summary>When the capture was taken; time windows (events in the last 7 days) are measured from here.</summary>
        public DateTimeOffset CapturedUtc { get; }

        /// <summary>Free text describing the capture, or null.</summary>
        public string? Description { get; }

        /// <summary>Instances by <c>namespace:ClassName</c> (for example <c>root/cimv2:Win32_Service</c>), or null.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<CimObject>>? Instances { get; }

        /// <summary>Registry keys with their values, or null.</summary>
        public IReadOnlyList<CapturedRegistryKey>? Registry { get; }

        /// <summary>Files and folders (paths as Windows writes them), or null.</summary>
        public IReadOnlyList<CapturedFile>? Files { get; }

        /// <summary>The instances key of a class: <c>root/cimv2:Win32_Service</c>.</summary>
        public static string ClassKey(string cimNamespace, string className) => NormalizeNamespace(cimNamespace) + ":" + className;

        /// <summary>A namespace with forward slashes and no leading slash (<c>root\CIMV2</c> becomes <c>root/CIMV2</c>).</summary>
        public static string NormalizeNamespace(string cimNamespace) => (cimNamespace ?? string.Empty).Replace('\\', '/').Trim('/');

        private static string NormalizeClassKey(string key)
        {
            var colon = key.LastIndexOf(':');
            return colon < 0 ? key : ClassKey(key.Substring(0, colon), key.Substring(colon + 1));
        }
    }

    /// <summary>One captured registry key and its values.</summary>
    public sealed class CapturedRegistryKey
    {
        /// <summary>Creates a key.</summary>
        public CapturedRegistryKey(RegistryHive hive, string key, IReadOnlyList<RegistryValue>? values)
        {
            Hive = hive;
            Key = (key ?? throw new ArgumentNullException(nameof(key))).Trim('\\');
            Values = values?.ToArray() ?? Array.Empty<RegistryValue>();
        }

        /// <summary>The root.</summary>
        public RegistryHive Hive { get; }

        /// <summary>The key path below the root, for example <c>SOFTWARE\Microsoft\BCDRAGENT</c>.</summary>
        public string Key { get; }

        /// <summary>The key's values.</summary>
        public IReadOnlyList<RegistryValue> Values { get; }

        /// <inheritdoc />
        public override string ToString() => RegistryHiveNames.ShortName(Hive) + "\\" + Key;
    }

    /// <summary>One captured file or folder.</summary>
    public sealed class CapturedFile
    {
        /// <summary>Creates an entry.</summary>
        public CapturedFile(string path, bool isDirectory, ulong? size = null, DateTimeOffset? lastModifiedUtc = null, string? version = null)
        {
            Path = (path ?? throw new ArgumentNullException(nameof(path))).TrimEnd('\\');
            IsDirectory = isDirectory;
            Size = size;
            LastModifiedUtc = lastModifiedUtc?.ToUniversalTime();
            Version = version;
        }

        /// <summary>The full Windows path, for example <c>C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot\1.0.75.0</c>.</summary>
        public string Path { get; }

        /// <summary>True for a folder.</summary>
        public bool IsDirectory { get; }

        /// <summary>The size in bytes (files), or null.</summary>
        public ulong? Size { get; }

        /// <summary>The last write time, or null.</summary>
        public DateTimeOffset? LastModifiedUtc { get; }

        /// <summary>The file version resource (executables), or null.</summary>
        public string? Version { get; }

        /// <inheritdoc />
        public override string ToString() => Path;
    }
}
