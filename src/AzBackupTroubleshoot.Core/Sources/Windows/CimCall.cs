using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// One write call a recording gateway (the tests' RecordingCimGateway) received: the method, its target and arguments, and for
    /// StdRegProv calls the key, value name, value type and data spelled out.
    /// </summary>
    public sealed class CimCall
    {
        internal CimCall(string cimNamespace, string className, string methodName, string? instanceName, IReadOnlyDictionary<string, object?> arguments)
        {
            Namespace = cimNamespace;
            ClassName = className;
            MethodName = methodName;
            InstanceName = instanceName;
            Arguments = (arguments ?? new Dictionary<string, object?>()).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (string.Equals(className, CimRegistry.ClassName, StringComparison.OrdinalIgnoreCase))
            {
                var defKey = CimValue.ToInt64(Get("hDefKey"));
                if (defKey.HasValue && RegistryHiveNames.TryFromDefKey(defKey.Value, out var hive))
                {
                    Hive = hive;
                }

                Key = Get("sSubKeyName") as string;
                ValueName = Get("sValueName") as string;
                if (methodName.StartsWith("Set", StringComparison.OrdinalIgnoreCase) && methodName.EndsWith("Value", StringComparison.OrdinalIgnoreCase))
                {
                    ValueType = TypeOfSetter(methodName);
                    Data = Get("sValue") ?? Get("uValue");
                }
            }
        }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>The class (StdRegProv, Win32_Service, Win32_Process ...).</summary>
        public string ClassName { get; }

        /// <summary>The method, or <c>CreateInstance</c>/<c>DeleteInstance</c>.</summary>
        public string MethodName { get; }

        /// <summary>The Name of the instance an instance method ran on (for example the service name), or null for a static method.</summary>
        public string? InstanceName { get; }

        /// <summary>The arguments as passed.</summary>
        public IReadOnlyDictionary<string, object?> Arguments { get; }

        /// <summary>The registry root of a StdRegProv call, or null.</summary>
        public RegistryHive? Hive { get; }

        /// <summary>The key of a StdRegProv call, or null.</summary>
        public string? Key { get; }

        /// <summary>The value name of a StdRegProv call, or null.</summary>
        public string? ValueName { get; }

        /// <summary>The value type a StdRegProv Set*Value call writes, or null.</summary>
        public RegistryValueType? ValueType { get; }

        /// <summary>The data a StdRegProv Set*Value call writes, or null.</summary>
        public object? Data { get; }

        /// <summary>
        /// A one-line form tests compare against, for example
        /// <c>StdRegProv.SetStringValue HKLM\SOFTWARE\Microsoft\BCDRAGENT USEVSSCOPYBACKUP REG_SZ=TRUE</c> or
        /// <c>Win32_Service[WindowsAzureGuestAgent].ChangeStartMode StartMode=Automatic</c>.
        /// </summary>
        public override string ToString()
        {
            var head = InstanceName == null ? $"{ClassName}.{MethodName}" : $"{ClassName}[{InstanceName}].{MethodName}";
            if (Hive.HasValue)
            {
                var text = $"{head} {RegistryHiveNames.ShortName(Hive.Value)}\\{Key}";
                if (ValueName != null)
                {
                    text += " " + ValueName;
                }

                if (ValueType.HasValue)
                {
                    text += " " + RegistryValue.TypeName(ValueType.Value) + "=" + Format(Data);
                }

                return text;
            }

            var arguments = Arguments.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + Format(p.Value));
            return string.Join(" ", new[] { head }.Concat(arguments));
        }

        private object? Get(string name) => Arguments.TryGetValue(name, out var value) ? value : null;

        private static RegistryValueType? TypeOfSetter(string methodName)
        {
            foreach (RegistryValueType type in Enum.GetValues(typeof(RegistryValueType)))
            {
                if (string.Equals(CimRegistry.SetMethod(type), methodName, StringComparison.OrdinalIgnoreCase))
                {
                    return type;
                }
            }

            return null;
        }

        private static string Format(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string s:
                    return s;
                case byte[] bytes:
                    return BitConverter.ToString(bytes);
                case System.Collections.IEnumerable items:
                    return "[" + string.Join(",", items.Cast<object?>().Select(Format)) + "]";
                default:
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
    }
}
