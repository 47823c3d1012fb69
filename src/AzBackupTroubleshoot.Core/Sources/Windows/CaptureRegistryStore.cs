using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// The registry of a capture as a changeable tree: keys by path (case-insensitive, casing kept), parents implied by
    /// their children, values in the order they were given.
    /// </summary>
    internal sealed class CaptureRegistryStore
    {
        private readonly Dictionary<string, Node> _keys = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = new List<string>();

        public CaptureRegistryStore(IEnumerable<CapturedRegistryKey> keys)
        {
            foreach (var key in keys)
            {
                var node = GetOrCreate(key.Hive, key.Key);
                foreach (var value in key.Values)
                {
                    node.Set(value);
                }
            }
        }

        /// <summary>True when the key is given, or implied by a subkey, or is a root.</summary>
        public bool KeyExists(RegistryHive hive, string key)
        {
            var path = Normalize(key);
            if (path.Length == 0 || _keys.ContainsKey(Id(hive, path)))
            {
                return true;
            }

            var prefix = Id(hive, path) + "\\";
            return _keys.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The direct subkey names of a key (casing as first given).</summary>
        public IReadOnlyList<string> SubKeys(RegistryHive hive, string key)
        {
            var path = Normalize(key);
            var prefix = path.Length == 0 ? RegistryHiveNames.ShortName(hive) + "\\" : Id(hive, path) + "\\";
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in _order)
            {
                if (!id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var rest = _keys[id].Path.Substring(path.Length == 0 ? 0 : path.Length + 1);
                var name = rest.Split('\\')[0];
                if (name.Length > 0 && seen.Add(name))
                {
                    names.Add(name);
                }
            }

            return names;
        }

        /// <summary>The values of a key (empty for an implied key), or null when the key does not exist.</summary>
        public IReadOnlyList<RegistryValue>? Values(RegistryHive hive, string key)
        {
            if (_keys.TryGetValue(Id(hive, Normalize(key)), out var node))
            {
                return node.Values;
            }

            return KeyExists(hive, key) ? Array.Empty<RegistryValue>() : null;
        }

        /// <summary>One value of a key by name (case-insensitive), or null.</summary>
        public RegistryValue? Value(RegistryHive hive, string key, string name) =>
            _keys.TryGetValue(Id(hive, Normalize(key)), out var node) ? node.Find(name) : null;

        public void CreateKey(RegistryHive hive, string key) => GetOrCreate(hive, key);

        /// <summary>Sets a value; false when the key does not exist.</summary>
        public bool SetValue(RegistryHive hive, string key, RegistryValue value)
        {
            if (!KeyExists(hive, key))
            {
                return false;
            }

            GetOrCreate(hive, key).Set(value);
            return true;
        }

        /// <summary>Deletes a value; false when the key or value does not exist.</summary>
        public bool DeleteValue(RegistryHive hive, string key, string name) =>
            _keys.TryGetValue(Id(hive, Normalize(key)), out var node) && node.Remove(name);

        /// <summary>Deletes a key without subkeys: 0, 2 when missing, 5 when it has subkeys (as RegDeleteKey).</summary>
        public uint DeleteKey(RegistryHive hive, string key)
        {
            if (!KeyExists(hive, key) || Normalize(key).Length == 0)
            {
                return CimRegistry.NotFound;
            }

            if (SubKeys(hive, key).Count > 0)
            {
                return CimRegistry.AccessDenied;
            }

            var id = Id(hive, Normalize(key));
            _keys.Remove(id);
            _order.RemoveAll(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase));
            return CimRegistry.Success;
        }

        /// <summary>The keys as capture entries, in the order they were given or created.</summary>
        public IReadOnlyList<CapturedRegistryKey> ToCaptured() =>
            _order.Select(id => _keys[id]).Select(n => new CapturedRegistryKey(n.Hive, n.Path, n.Values)).ToArray();

        private Node GetOrCreate(RegistryHive hive, string key)
        {
            var path = Normalize(key);
            var id = Id(hive, path);
            if (!_keys.TryGetValue(id, out var node))
            {
                node = new Node(hive, path);
                _keys[id] = node;
                _order.Add(id);
            }

            return node;
        }

        private static string Normalize(string key) => (key ?? string.Empty).Trim('\\');

        private static string Id(RegistryHive hive, string path) => RegistryHiveNames.ShortName(hive) + "\\" + path;

        private sealed class Node
        {
            // Values in order, with a name index: setting 60,000 values is linear, not quadratic.
            private readonly List<RegistryValue> _values = new List<RegistryValue>();
            private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            private RegistryValue[]? _snapshot;

            public Node(RegistryHive hive, string path)
            {
                Hive = hive;
                Path = path;
            }

            public RegistryHive Hive { get; }

            public string Path { get; }

            public IReadOnlyList<RegistryValue> Values => _snapshot ??= _values.ToArray();

            public RegistryValue? Find(string name) => _index.TryGetValue(name, out var i) ? _values[i] : null;

            public void Set(RegistryValue value)
            {
                _snapshot = null;
                if (_index.TryGetValue(value.Name, out var index))
                {
                    _values[index] = value;
                }
                else
                {
                    _index[value.Name] = _values.Count;
                    _values.Add(value);
                }
            }

            public bool Remove(string name)
            {
                if (!_index.TryGetValue(name, out var index))
                {
                    return false;
                }

                _snapshot = null;
                _values.RemoveAt(index);
                _index.Clear();
                for (var i = 0; i < _values.Count; i++)
                {
                    _index[_values[i].Name] = i;
                }

                return true;
            }
        }
    }
}
