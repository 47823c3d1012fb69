namespace AzBackupTroubleshoot.Core.Facts.Windows.Registry
{
    /// <summary>A registry value type; the numbers are the REG_* constants StdRegProv.EnumValues reports.</summary>
    public enum RegistryValueType
    {
        /// <summary>REG_SZ.</summary>
        String = 1,

        /// <summary>REG_EXPAND_SZ.</summary>
        ExpandString = 2,

        /// <summary>REG_BINARY.</summary>
        Binary = 3,

        /// <summary>REG_DWORD (32-bit unsigned).</summary>
        DWord = 4,

        /// <summary>REG_MULTI_SZ.</summary>
        MultiString = 7,

        /// <summary>REG_QWORD (64-bit unsigned).</summary>
        QWord = 11,
    }

    /// <summary>
    /// One typed registry value. <see cref="Data"/> is a <see cref="string"/> (String, ExpandString), a string array
    /// (MultiString), a <see cref="uint"/> (DWord), a <see cref="ulong"/> (QWord) or a byte array (Binary).
    /// </summary>
    public sealed class RegistryValue
    {
        /// <summary>Creates a value, checking that <paramref name="data"/> fits <paramref name="type"/>.</summary>
        public RegistryValue(string name, RegistryValueType type, object data)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Type = type;
            Data = Normalize(type, data ?? throw new ArgumentNullException(nameof(data)));
        }

        /// <summary>The value name (empty for the key's default value).</summary>
        public string Name { get; }

        /// <summary>The value type.</summary>
        public RegistryValueType Type { get; }

        /// <summary>The data, typed as described on the class.</summary>
        public object Data { get; }

        /// <summary>The data of a String or ExpandString value, else null.</summary>
        public string? AsString => Type == RegistryValueType.String || Type == RegistryValueType.ExpandString ? (string)Data : null;

        /// <summary>The data of a DWord value, else null.</summary>
        public uint? AsDWord => Type == RegistryValueType.DWord ? (uint)Data : (uint?)null;

        /// <summary>The REG_* name of a type, for example <c>REG_SZ</c>.</summary>
        public static string TypeName(RegistryValueType type)
        {
            switch (type)
            {
                case RegistryValueType.String:
                    return "REG_SZ";
                case RegistryValueType.ExpandString:
                    return "REG_EXPAND_SZ";
                case RegistryValueType.Binary:
                    return "REG_BINARY";
                case RegistryValueType.DWord:
                    return "REG_DWORD";
                case RegistryValueType.MultiString:
                    return "REG_MULTI_SZ";
                case RegistryValueType.QWord:
                    return "REG_QWORD";
                default:
                    return "REG_" + ((int)type).ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>The data as text, for evidence lines.</summary>
        public string DataText()
        {
            switch (Data)
            {
                case string s:
                    return s;
                case string[] many:
                    return string.Join("; ", many);
                case byte[] bytes:
                    return BitConverter.ToString(bytes).Replace("-", " ");
                default:
                    return Convert.ToString(Data, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({TypeName(Type)}) = {DataText()}";

        private static object Normalize(RegistryValueType type, object data)
        {
            switch (type)
            {
                case RegistryValueType.String:
                case RegistryValueType.ExpandString:
                    return data as string ?? throw new ArgumentException($"A {TypeName(type)} value needs string data.", nameof(data));
                case RegistryValueType.MultiString:
                    if (data is IEnumerable<string> strings && !(data is string))
                    {
                        return strings.ToArray();
                    }

                    throw new ArgumentException("A REG_MULTI_SZ value needs a string array.", nameof(data));
                case RegistryValueType.DWord:
                    var dword = Cim.CimValue.ToInt64(data);
                    if (dword.HasValue && dword.Value >= 0 && dword.Value <= uint.MaxValue)
                    {
                        return (uint)dword.Value;
                    }

                    throw new ArgumentException("A REG_DWORD value needs an integer from 0 to 4294967295.", nameof(data));
                case RegistryValueType.QWord:
                    return Cim.CimValue.ToUInt64(data) ?? throw new ArgumentException("A REG_QWORD value needs an integer from 0 to 18446744073709551615.", nameof(data));
                case RegistryValueType.Binary:
                    return data as byte[] ?? throw new ArgumentException("A REG_BINARY value needs a byte array.", nameof(data));
                default:
                    throw new ArgumentException($"Unsupported registry value type {(int)type}.", nameof(type));
            }
        }
    }
}
