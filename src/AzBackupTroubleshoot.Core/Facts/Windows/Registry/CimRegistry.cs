using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Facts.Windows.Registry
{
    /// <summary>
    /// Reads and writes registry values through the <c>StdRegProv</c> CIM class, so the same code works on the local
    /// machine, over a CimSession and against a capture. Values keep their type (REG_SZ is not REG_DWORD).
    /// A missing key or value is null or false, never an exception; any other failing return code is a
    /// <see cref="CimGatewayException"/> naming the method, key and code.
    /// </summary>
    public sealed class CimRegistry
    {
        /// <summary>The provider class.</summary>
        public const string ClassName = "StdRegProv";

        /// <summary>The namespace the provider is called in (it is also registered in root/default).</summary>
        public const string Namespace = "root/cimv2";

        /// <summary>ReturnValue of a successful call.</summary>
        public const uint Success = 0;

        /// <summary>ReturnValue 1: some Get methods report a missing value this way.</summary>
        public const uint ValueNotFound = 1;

        /// <summary>ReturnValue 2 (ERROR_FILE_NOT_FOUND): the key or value does not exist.</summary>
        public const uint NotFound = 2;

        /// <summary>ReturnValue 5 (ERROR_ACCESS_DENIED).</summary>
        public const uint AccessDenied = 5;

        /// <summary>ReturnValue 2147749893 (0x80041005, WBEM_E_TYPE_MISMATCH): the value exists with another type.</summary>
        public const uint TypeMismatch = 0x80041005;

        private readonly ICimGateway _gateway;

        /// <summary>Creates a registry over a gateway.</summary>
        public CimRegistry(ICimGateway gateway)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        }

        /// <summary>The names of a key's subkeys, or null when the key does not exist.</summary>
        public IReadOnlyList<string>? GetSubKeyNames(RegistryHive hive, string key, CancellationToken cancellationToken)
        {
            var result = Call("EnumKey", hive, key, null, null, cancellationToken);
            return result == null ? null : CimValue.ToStringArray(result.TryGetValue("sNames", out var names) ? names : null) ?? Array.Empty<string>();
        }

        /// <summary>True when the key exists.</summary>
        public bool KeyExists(RegistryHive hive, string key, CancellationToken cancellationToken) =>
            GetSubKeyNames(hive, key, cancellationToken) != null;

        /// <summary>The names and types of a key's values, or null when the key does not exist.</summary>
        public IReadOnlyList<KeyValuePair<string, RegistryValueType>>? GetValueNames(RegistryHive hive, string key, CancellationToken cancellationToken)
        {
            var result = Call("EnumValues", hive, key, null, null, cancellationToken);
            if (result == null)
            {
                return null;
            }

            // A key without values gives null arrays (real StdRegProv does this).
            var names = CimValue.ToStringArray(result.TryGetValue("sNames", out var n) ? n : null) ?? Array.Empty<string>();
            var types = CimValue.ToInt64Array(result.TryGetValue("Types", out var t) ? t : null) ?? Array.Empty<long>();
            var list = new List<KeyValuePair<string, RegistryValueType>>();
            for (var i = 0; i < names.Count; i++)
            {
                list.Add(new KeyValuePair<string, RegistryValueType>(names[i], i < types.Count ? (RegistryValueType)types[i] : RegistryValueType.String));
            }

            return list;
        }

        /// <summary>Every value of a key with its type, or null when the key does not exist.</summary>
        public IReadOnlyList<RegistryValue>? ReadKey(RegistryHive hive, string key, CancellationToken cancellationToken)
        {
            var names = GetValueNames(hive, key, cancellationToken);
            if (names == null)
            {
                return null;
            }

            var values = new List<RegistryValue>();
            foreach (var pair in names)
            {
                var value = GetTyped(hive, key, pair.Key, pair.Value, cancellationToken);
                if (value != null)
                {
                    values.Add(value);
                }
            }

            return values;
        }

        /// <summary>One value with its type (looked up with EnumValues), or null when the key or value does not exist.</summary>
        public RegistryValue? GetValue(RegistryHive hive, string key, string name, CancellationToken cancellationToken)
        {
            var names = GetValueNames(hive, key, cancellationToken);
            var match = names?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            return match?.Key == null ? null : GetTyped(hive, key, match.Value.Key, match.Value.Value, cancellationToken);
        }

        /// <summary>A REG_SZ value, or null when the key or value is missing or the value has another type.</summary>
        public string? GetString(RegistryHive hive, string key, string name, CancellationToken cancellationToken) =>
            GetTyped(hive, key, name, RegistryValueType.String, cancellationToken)?.AsString;

        /// <summary>A REG_DWORD value, or null when the key or value is missing or the value has another type.</summary>
        public uint? GetDWord(RegistryHive hive, string key, string name, CancellationToken cancellationToken) =>
            GetTyped(hive, key, name, RegistryValueType.DWord, cancellationToken)?.AsDWord;

        /// <summary>Creates a key and its missing parents (nothing happens when it exists).</summary>
        public void CreateKey(RegistryHive hive, string key, CancellationToken cancellationToken)
        {
            if (Call("CreateKey", hive, key, null, null, cancellationToken) == null)
            {
                throw Failure("CreateKey", hive, key, null, NotFound);
            }
        }

        /// <summary>Writes a value with its type. The key must exist (StdRegProv does not create it).</summary>
        public void SetValue(RegistryHive hive, string key, RegistryValue value, CancellationToken cancellationToken)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            var method = SetMethod(value.Type);
            var data = value.Type == RegistryValueType.Binary ? ((byte[])value.Data).ToArray() : value.Data;
            var argument = value.Type == RegistryValueType.String || value.Type == RegistryValueType.ExpandString || value.Type == RegistryValueType.MultiString ? "sValue" : "uValue";
            if (Call(method, hive, key, value.Name, new KeyValuePair<string, object?>(argument, data), cancellationToken) == null)
            {
                throw Failure(method, hive, key, value.Name, NotFound);
            }
        }

        /// <summary>Deletes a value; false when it (or its key) did not exist.</summary>
        public bool DeleteValue(RegistryHive hive, string key, string name, CancellationToken cancellationToken) =>
            Call("DeleteValue", hive, key, name, null, cancellationToken) != null;

        /// <summary>The StdRegProv method that writes a type, for example <c>SetStringValue</c>.</summary>
        public static string SetMethod(RegistryValueType type)
        {
            switch (type)
            {
                case RegistryValueType.String:
                    return "SetStringValue";
                case RegistryValueType.ExpandString:
                    return "SetExpandedStringValue";
                case RegistryValueType.MultiString:
                    return "SetMultiStringValue";
                case RegistryValueType.DWord:
                    return "SetDWORDValue";
                case RegistryValueType.QWord:
                    return "SetQWORDValue";
                case RegistryValueType.Binary:
                    return "SetBinaryValue";
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "Unsupported registry value type.");
            }
        }

        /// <summary>The StdRegProv method that reads a type, for example <c>GetDWORDValue</c>.</summary>
        public static string GetMethod(RegistryValueType type) => "G" + SetMethod(type).Substring(1);

        /// <summary>The arguments every StdRegProv call takes.</summary>
        public static Dictionary<string, object?> Arguments(RegistryHive hive, string key, string? valueName)
        {
            var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["hDefKey"] = (uint)hive,
                ["sSubKeyName"] = key ?? throw new ArgumentNullException(nameof(key)),
            };
            if (valueName != null)
            {
                arguments["sValueName"] = valueName;
            }

            return arguments;
        }

        private RegistryValue? GetTyped(RegistryHive hive, string key, string name, RegistryValueType type, CancellationToken cancellationToken)
        {
            var result = Call(GetMethod(type), hive, key, name, null, cancellationToken, tolerateTypeMismatch: true);
            if (result == null || !result.TryGetValue(type == RegistryValueType.String || type == RegistryValueType.ExpandString || type == RegistryValueType.MultiString ? "sValue" : "uValue", out var data) || data == null)
            {
                return null;
            }

            if (type == RegistryValueType.Binary)
            {
                data = CimValue.ToInt64Array(data)?.Select(b => (byte)b).ToArray();
            }
            else if (type == RegistryValueType.MultiString)
            {
                data = CimValue.ToStringArray(data)?.ToArray();
            }

            return data == null ? null : new RegistryValue(name, type, data);
        }

        private IReadOnlyDictionary<string, object?>? Call(string method, RegistryHive hive, string key, string? valueName, KeyValuePair<string, object?>? extra, CancellationToken cancellationToken, bool tolerateTypeMismatch = false)
        {
            var arguments = Arguments(hive, key, valueName);
            if (extra.HasValue)
            {
                arguments[extra.Value.Key] = extra.Value.Value;
            }

            var result = _gateway.InvokeMethod(Namespace, ClassName, method, arguments, cancellationToken);
            var code = CimValue.ToInt64(result.TryGetValue("ReturnValue", out var rv) ? rv : null);
            if (!code.HasValue)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, _gateway.ComputerName, $"{ClassName}.{method} {Describe(hive, key, valueName)} returned no ReturnValue.");
            }

            if (code.Value == Success)
            {
                return result;
            }

            if (code.Value == NotFound || code.Value == ValueNotFound || (tolerateTypeMismatch && code.Value == TypeMismatch))
            {
                return null;
            }

            throw Failure(method, hive, key, valueName, code.Value);
        }

        private CimGatewayException Failure(string method, RegistryHive hive, string key, string? valueName, long code)
        {
            var meaning = code == AccessDenied ? " (access denied)" : code == TypeMismatch ? " (type mismatch)" : code == NotFound ? " (not found)" : string.Empty;
            return new CimGatewayException(
                CimGatewayException.OperationFailed,
                _gateway.ComputerName,
                $"{ClassName}.{method} {Describe(hive, key, valueName)} returned {code.ToString(CultureInfo.InvariantCulture)}{meaning}.");
        }

        private static string Describe(RegistryHive hive, string key, string? valueName) =>
            RegistryHiveNames.ShortName(hive) + "\\" + key + (valueName == null ? string.Empty : " value '" + valueName + "'");
    }
}
