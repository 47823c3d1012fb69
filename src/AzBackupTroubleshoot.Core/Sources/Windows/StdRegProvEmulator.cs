using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Answers StdRegProv method calls from a capture's registry with the return codes the real provider gives:
    /// 2 for a missing key, 1 for a missing value, 2147749893 for a value of another type, null arrays for an empty key.
    /// </summary>
    internal static class StdRegProvEmulator
    {
        private const uint InvalidHandle = 6;
        private const uint InvalidParameter = 87;

        private static readonly HashSet<string> Writes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CreateKey", "DeleteKey", "DeleteValue", "SetStringValue", "SetExpandedStringValue", "SetMultiStringValue",
            "SetDWORDValue", "SetQWORDValue", "SetBinaryValue", "SetSecurityDescriptor",
        };

        private static readonly Dictionary<string, RegistryValueType> Getters = new Dictionary<string, RegistryValueType>(StringComparer.OrdinalIgnoreCase)
        {
            ["GetStringValue"] = RegistryValueType.String,
            ["GetExpandedStringValue"] = RegistryValueType.ExpandString,
            ["GetMultiStringValue"] = RegistryValueType.MultiString,
            ["GetDWORDValue"] = RegistryValueType.DWord,
            ["GetQWORDValue"] = RegistryValueType.QWord,
            ["GetBinaryValue"] = RegistryValueType.Binary,
        };

        private static readonly Dictionary<string, RegistryValueType> Setters = Getters.ToDictionary(p => "S" + p.Key.Substring(1), p => p.Value, StringComparer.OrdinalIgnoreCase);

        /// <summary>True for methods that change the registry.</summary>
        public static bool IsWrite(string methodName) => Writes.Contains(methodName);

        /// <summary>True for the methods this emulator answers.</summary>
        public static bool Handles(string methodName) =>
            Getters.ContainsKey(methodName) || Setters.ContainsKey(methodName) ||
            string.Equals(methodName, "EnumKey", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(methodName, "EnumValues", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(methodName, "CreateKey", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(methodName, "DeleteKey", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(methodName, "DeleteValue", StringComparison.OrdinalIgnoreCase);

        /// <summary>Runs a method against the store.</summary>
        public static Dictionary<string, object?> Invoke(CaptureRegistryStore store, string methodName, IReadOnlyDictionary<string, object?> arguments)
        {
            var defKey = CimValue.ToInt64(Argument(arguments, "hDefKey")) ?? (long)(uint)RegistryHive.LocalMachine;
            if (!RegistryHiveNames.TryFromDefKey(defKey, out var hive))
            {
                return Return(InvalidHandle);
            }

            var key = Convert.ToString(Argument(arguments, "sSubKeyName")) ?? string.Empty;
            var name = Convert.ToString(Argument(arguments, "sValueName")) ?? string.Empty;

            if (string.Equals(methodName, "EnumKey", StringComparison.OrdinalIgnoreCase))
            {
                if (!store.KeyExists(hive, key))
                {
                    return Return(CimRegistry.NotFound);
                }

                var names = store.SubKeys(hive, key);
                var result = Return(CimRegistry.Success);
                result["sNames"] = names.Count == 0 ? null : names.ToArray();
                return result;
            }

            if (string.Equals(methodName, "EnumValues", StringComparison.OrdinalIgnoreCase))
            {
                var values = store.Values(hive, key);
                if (values == null)
                {
                    return Return(CimRegistry.NotFound);
                }

                var result = Return(CimRegistry.Success);
                result["sNames"] = values.Count == 0 ? null : values.Select(v => v.Name).ToArray();
                result["Types"] = values.Count == 0 ? null : values.Select(v => (int)v.Type).ToArray();
                return result;
            }

            if (Getters.TryGetValue(methodName, out var wanted))
            {
                if (!store.KeyExists(hive, key))
                {
                    return Return(CimRegistry.NotFound);
                }

                var value = store.Value(hive, key, name);
                if (value == null)
                {
                    return Return(CimRegistry.ValueNotFound);
                }

                if (value.Type != wanted)
                {
                    return Return(CimRegistry.TypeMismatch);
                }

                var result = Return(CimRegistry.Success);
                var isText = wanted == RegistryValueType.String || wanted == RegistryValueType.ExpandString || wanted == RegistryValueType.MultiString;
                result[isText ? "sValue" : "uValue"] = value.Data is Array array ? array.Clone() : value.Data;
                return result;
            }

            if (Setters.TryGetValue(methodName, out var type))
            {
                var isText = type == RegistryValueType.String || type == RegistryValueType.ExpandString || type == RegistryValueType.MultiString;
                var data = Argument(arguments, isText ? "sValue" : "uValue");
                RegistryValue value;
                try
                {
                    value = new RegistryValue(name, type, ToData(type, data)!);
                }
                catch (ArgumentException)
                {
                    return Return(InvalidParameter);
                }

                return Return(store.SetValue(hive, key, value) ? CimRegistry.Success : CimRegistry.NotFound);
            }

            if (string.Equals(methodName, "CreateKey", StringComparison.OrdinalIgnoreCase))
            {
                store.CreateKey(hive, key);
                return Return(CimRegistry.Success);
            }

            if (string.Equals(methodName, "DeleteKey", StringComparison.OrdinalIgnoreCase))
            {
                return Return(store.DeleteKey(hive, key));
            }

            if (string.Equals(methodName, "DeleteValue", StringComparison.OrdinalIgnoreCase))
            {
                return Return(store.DeleteValue(hive, key, name) ? CimRegistry.Success : CimRegistry.NotFound);
            }

            throw new ArgumentException($"StdRegProv.{methodName} is not emulated.", nameof(methodName));
        }

        private static object? ToData(RegistryValueType type, object? data)
        {
            switch (type)
            {
                case RegistryValueType.MultiString:
                    return CimValue.ToStringArray(data)?.ToArray();
                case RegistryValueType.Binary:
                    return data as byte[] ?? CimValue.ToInt64Array(data)?.Select(b => (byte)b).ToArray();
                default:
                    return data;
            }
        }

        private static object? Argument(IReadOnlyDictionary<string, object?> arguments, string name)
        {
            foreach (var pair in arguments)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        private static Dictionary<string, object?> Return(uint code) =>
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = code };
    }
}
