using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Takes a capture of a live machine: wraps its gateway, passes every read through and keeps what came back
    /// (instances by class, StdRegProv keys and typed values, Win32_Directory and CIM_DataFile as files), so that reading
    /// the facts through it and then calling <see cref="ToCapture"/> gives a capture from which the same facts are read
    /// again. Writes are refused: a capture records what was read, not changes.
    /// </summary>
    public sealed class CapturingCimGateway : ICimGateway, IWindowsCommandSource, IFolderSecuritySource
    {
        private readonly ICimGateway _inner;
        private readonly DateTimeOffset _capturedUtc;
        private readonly object _gate = new object();
        private readonly Dictionary<string, List<CimObject>> _instances = new Dictionary<string, List<CimObject>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, (RegistryHive Hive, string Key, List<RegistryValue> Values)> _keys = new Dictionary<string, (RegistryHive, string, List<RegistryValue>)>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _keyOrder = new List<string>();
        private readonly Dictionary<string, CapturedFile> _files = new Dictionary<string, CapturedFile>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, WindowsCommandOutput> _commands = new Dictionary<string, WindowsCommandOutput>(StringComparer.OrdinalIgnoreCase);
        private readonly IWindowsCommandSource _commandSource;
        private readonly Dictionary<string, FolderSecurityRecord> _folders = new Dictionary<string, FolderSecurityRecord>(StringComparer.OrdinalIgnoreCase);
        private readonly IFolderSecuritySource _folderSource;

        /// <summary>Starts a capture of the machine behind <paramref name="inner"/>, dated <paramref name="capturedUtc"/>.</summary>
        /// <param name="inner">The machine.</param>
        /// <param name="capturedUtc">The capture's date.</param>
        /// <param name="commands">Where commands run; null picks it from <paramref name="inner"/> (<see cref="WindowsCommandSources.For"/>).</param>
        public CapturingCimGateway(ICimGateway inner, DateTimeOffset capturedUtc, IWindowsCommandSource? commands = null)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _capturedUtc = capturedUtc;
            _commandSource = commands ?? WindowsCommandSources.For(inner);
            _folderSource = FolderSecuritySources.For(inner);
        }

        /// <inheritdoc />
        public string ComputerName => _inner.ComputerName;

        /// <inheritdoc />
        public bool IsLocal => _inner.IsLocal;

        /// <summary>What has been read so far, as a capture.</summary>
        public CimCapture ToCapture(string? description = null)
        {
            lock (_gate)
            {
                return new CimCapture(
                    _inner.ComputerName,
                    _capturedUtc,
                    _instances.ToDictionary(p => p.Key, p => (IReadOnlyList<CimObject>)p.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
                    _keyOrder.Select(id => _keys[id]).Select(k => new CapturedRegistryKey(k.Hive, k.Key, k.Values)).ToArray(),
                    _files.Values.OrderBy(f => f.Path, StringComparer.OrdinalIgnoreCase).ToArray(),
                    description,
                    new Dictionary<string, WindowsCommandOutput>(_commands, StringComparer.OrdinalIgnoreCase),
                    CimCapture.CurrentFormatVersion,
                    new CapturedFolderSecurity(new Dictionary<string, FolderSecurityRecord>(_folders, StringComparer.OrdinalIgnoreCase)));
            }
        }

        /// <summary>Reads the folder's security descriptor where the machine is (CIM, or the wrapped capture) and keeps what came back.</summary>
        public FolderSecurityRecord Read(string path, CancellationToken cancellationToken)
        {
            var record = _folderSource.Read(path ?? throw new ArgumentNullException(nameof(path)), cancellationToken);
            lock (_gate)
            {
                _folders[path.TrimEnd('\\')] = record;
            }

            return record;
        }

        /// <summary>Runs the command where the machine is (or learns why it cannot) and keeps what came back.</summary>
        public WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken)
        {
            var output = _commandSource.Run(command ?? throw new ArgumentNullException(nameof(command)), cancellationToken);
            lock (_gate)
            {
                _commands[command.Name] = output;
            }

            return output;
        }

        /// <inheritdoc />
        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            IReadOnlyList<CimObject> result;
            try
            {
                result = _inner.QueryInstances(cimNamespace, className, whereClause, cancellationToken);
            }
            catch (CimGatewayException ex) when (ex.ErrorId == CimGatewayException.NamespaceNotFound)
            {
                // A namespace that does not exist (BitLocker's where BitLocker is not installed) has no instances: kept as
                // an empty class, so the capture reads as the machine did instead of as "not captured".
                lock (_gate)
                {
                    var absent = CimCapture.ClassKey(cimNamespace, className);
                    if (!_instances.ContainsKey(absent))
                    {
                        _instances[absent] = new List<CimObject>();
                    }
                }

                throw;
            }

            lock (_gate)
            {
                var isDirectory = string.Equals(className, "Win32_Directory", StringComparison.OrdinalIgnoreCase);
                if (isDirectory || string.Equals(className, "CIM_DataFile", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var file in result)
                    {
                        var path = file.GetString("Name");
                        if (!string.IsNullOrEmpty(path) && path!.Length > 2 && path[1] == ':')
                        {
                            _files[path] = new CapturedFile(char.ToUpperInvariant(path[0]) + path.Substring(1), isDirectory, CimValue.ToUInt64(file["FileSize"]), CimValue.ToDateTime(file["LastModified"]), file.GetString("Version"));
                        }
                    }

                    return result;
                }

                var key = CimCapture.ClassKey(cimNamespace, className);
                if (!_instances.TryGetValue(key, out var list))
                {
                    list = new List<CimObject>();
                    _instances[key] = list;
                }

                foreach (var instance in result)
                {
                    // The same instance read twice (two queries of one class) is kept once.
                    if (!list.Any(o => Same(o, instance)))
                    {
                        list.Add(instance);
                    }
                }
            }

            return result;
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            var isRegistry = string.Equals(className, CimRegistry.ClassName, StringComparison.OrdinalIgnoreCase);
            if (!isRegistry || StdRegProvEmulator.IsWrite(methodName) || !StdRegProvEmulator.Handles(methodName))
            {
                throw Refused($"{className}.{methodName}");
            }

            var result = _inner.InvokeMethod(cimNamespace, className, methodName, arguments, cancellationToken);
            if (CimValue.ToInt64(result.TryGetValue("ReturnValue", out var rv) ? rv : null) != CimRegistry.Success)
            {
                return result;
            }

            var defKey = CimValue.ToInt64(Find(arguments, "hDefKey"));
            if (!defKey.HasValue || !RegistryHiveNames.TryFromDefKey(defKey.Value, out var hive))
            {
                return result;
            }

            var keyPath = (Find(arguments, "sSubKeyName") as string ?? string.Empty).Trim('\\');
            lock (_gate)
            {
                var values = Key(hive, keyPath);
                if (string.Equals(methodName, "EnumKey", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var sub in CimValue.ToStringArray(result.TryGetValue("sNames", out var names) ? names : null) ?? Array.Empty<string>())
                    {
                        Key(hive, keyPath.Length == 0 ? sub : keyPath + "\\" + sub);
                    }
                }
                else if (methodName.StartsWith("Get", StringComparison.OrdinalIgnoreCase))
                {
                    var type = (RegistryValueType?)Enum.GetValues(typeof(RegistryValueType)).Cast<RegistryValueType>()
                        .Where(t => string.Equals(CimRegistry.GetMethod(t), methodName, StringComparison.OrdinalIgnoreCase))
                        .Cast<RegistryValueType?>().FirstOrDefault();
                    var isText = type == RegistryValueType.String || type == RegistryValueType.ExpandString || type == RegistryValueType.MultiString;
                    var data = result.TryGetValue(isText ? "sValue" : "uValue", out var d) ? d : null;
                    if (type.HasValue && data != null)
                    {
                        if (type == RegistryValueType.Binary)
                        {
                            data = CimValue.ToInt64Array(data)?.Select(b => (byte)b).ToArray();
                        }
                        else if (type == RegistryValueType.MultiString)
                        {
                            data = CimValue.ToStringArray(data)?.ToArray();
                        }

                        var name = Find(arguments, "sValueName") as string ?? string.Empty;
                        values.RemoveAll(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
                        values.Add(new RegistryValue(name, type.Value, data!));
                    }
                }
            }

            return result;
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            throw Refused($"{instance?.ClassName}.{methodName}");

        /// <inheritdoc />
        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) =>
            throw Refused("creating " + className);

        /// <inheritdoc />
        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken) =>
            throw Refused("deleting " + instance?.ClassName);

        private List<RegistryValue> Key(RegistryHive hive, string keyPath)
        {
            if (keyPath.Length == 0)
            {
                // A root: always there, never a capture entry of its own.
                return new List<RegistryValue>();
            }

            var id = RegistryHiveNames.ShortName(hive) + "\\" + keyPath;
            if (!_keys.TryGetValue(id, out var entry))
            {
                entry = (hive, keyPath, new List<RegistryValue>());
                _keys[id] = entry;
                _keyOrder.Add(id);
            }

            return entry.Values;
        }

        private static bool Same(CimObject a, CimObject b) =>
            a.Properties.Count == b.Properties.Count &&
            a.Properties.All(p => b.Properties.TryGetValue(p.Key, out var other) && Text(p.Value) == Text(other));

        private static string Text(object? value) =>
            value is System.Collections.IEnumerable items && !(value is string)
                ? string.Join("\u001f", items.Cast<object?>().Select(Text))
                : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "\u0000";

        private static object? Find(IReadOnlyDictionary<string, object?> arguments, string name) =>
            arguments.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        private CimGatewayException Refused(string what) =>
            new CimGatewayException(CimGatewayException.CaptureReadOnly, ComputerName, $"A capture in progress only reads: {what} is refused.");
    }
}
