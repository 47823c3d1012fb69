namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// A CIM instance as plain data: namespace, class and property values (strings, integers, booleans, arrays, DateTime),
    /// with no dependency on Microsoft.Management.Infrastructure so Core and its tests run anywhere.
    /// </summary>
    public sealed class CimObject
    {
        /// <summary>Creates an instance.</summary>
        public CimObject(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties)
        {
            Namespace = cimNamespace ?? throw new ArgumentNullException(nameof(cimNamespace));
            ClassName = className ?? throw new ArgumentNullException(nameof(className));
            var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (properties != null)
            {
                foreach (var pair in properties)
                {
                    copy[pair.Key] = pair.Value;
                }
            }

            Properties = copy;
        }

        /// <summary>The CIM namespace, for example <c>root/cimv2</c>.</summary>
        public string Namespace { get; }

        /// <summary>The class name, for example <c>Win32_Service</c>.</summary>
        public string ClassName { get; }

        /// <summary>Property values by name (case-insensitive).</summary>
        public IReadOnlyDictionary<string, object?> Properties { get; }

        /// <summary>A property value, or null when absent.</summary>
        public object? this[string name] => Properties.TryGetValue(name, out var value) ? value : null;

        /// <summary>A property as a string, or null.</summary>
        public string? GetString(string name) => this[name]?.ToString();

        /// <inheritdoc />
        public override string ToString() => $"{Namespace}:{ClassName}";
    }
}
