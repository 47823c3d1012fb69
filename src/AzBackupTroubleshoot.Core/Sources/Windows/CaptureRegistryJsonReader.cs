using System.Text.Json;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>Reads the capture's <c>registry</c> section key by key and value by value, naming the first wrong field.</summary>
    internal sealed class CaptureRegistryJsonReader
    {
        private static readonly string[] Kinds = Enum.GetNames(typeof(RegistryValueType));
        private readonly CaptureJsonFields _fields;
        private int _registryValues;

        public CaptureRegistryJsonReader(CaptureJsonFields fields)
        {
            _fields = fields;
        }

        public List<CapturedRegistryKey> ReadRegistry(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("registry", "must be an array of keys.");
            }

            var result = new List<CapturedRegistryKey>();
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var field = $"registry[{index}]";
                if (index >= CaptureLimits.MaxRegistryKeys)
                {
                    throw TooLarge(field, $"more than {CaptureLimits.MaxRegistryKeys} registry keys.");
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(field, "a key must be an object with hive, key and values.");
                }

                var hiveText = RequiredString(item, "hive", field);
                if (!RegistryHiveNames.TryParse(hiveText, out var hive))
                {
                    throw Invalid(field + ".hive", $"'{hiveText}' is not a registry root; use HKLM, HKU, HKCU, HKCR or HKCC.");
                }

                var keyPath = RequiredString(item, "key", field).Trim('\\');
                var identity = RegistryHiveNames.ShortName(hive) + "\\" + keyPath;
                if (seen.TryGetValue(identity, out var first))
                {
                    throw Invalid(field + ".key", $"'{identity}' is already given at registry[{first}].");
                }

                seen[identity] = index;
                var values = new List<RegistryValue>();
                if (item.TryGetProperty("values", out var list) && list.ValueKind != JsonValueKind.Null)
                {
                    if (list.ValueKind != JsonValueKind.Array)
                    {
                        throw Invalid(field + ".values", "must be an array.");
                    }

                    var valueIndex = 0;
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // linear: a 60,000-value key reads in one pass
                    foreach (var value in list.EnumerateArray())
                    {
                        if (++_registryValues > CaptureLimits.MaxRegistryValues)
                        {
                            throw TooLarge($"{field}.values[{valueIndex}]", $"more than {CaptureLimits.MaxRegistryValues} registry values.");
                        }

                        var value1 = ReadRegistryValue(value, $"{field}.values[{valueIndex++}]");
                        if (!names.Add(value1.Name))
                        {
                            throw Invalid($"{field}.values[{valueIndex - 1}].name", $"the value '{value1.Name}' appears twice in the key.");
                        }

                        values.Add(value1);
                    }
                }

                result.Add(new CapturedRegistryKey(hive, keyPath, values));
                index++;
            }

            return result;
        }

        private RegistryValue ReadRegistryValue(JsonElement element, string field)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(field, "a value must be an object with name, kind and data.");
            }

            var name = RequiredString(element, "name", field);
            var kindText = RequiredString(element, "kind", field);
            var kindName = Kinds.FirstOrDefault(k => string.Equals(k, kindText, StringComparison.OrdinalIgnoreCase));
            if (kindName == null)
            {
                throw Invalid(field + ".kind", $"'{kindText}' is not a value kind; use one of {string.Join(", ", Kinds)}.");
            }

            var kind = (RegistryValueType)Enum.Parse(typeof(RegistryValueType), kindName);
            if (!element.TryGetProperty("data", out var data))
            {
                throw Invalid(field + ".data", "is missing.");
            }

            object? parsed = null;
            switch (kind)
            {
                case RegistryValueType.String:
                case RegistryValueType.ExpandString:
                    parsed = data.ValueKind == JsonValueKind.String ? data.GetString() : null;
                    break;
                case RegistryValueType.MultiString:
                    if (data.ValueKind == JsonValueKind.Array && data.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                    {
                        parsed = data.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray();
                    }

                    break;
                case RegistryValueType.DWord:
                    parsed = data.ValueKind == JsonValueKind.Number && data.TryGetUInt32(out var dword) ? (object)dword : null;
                    break;
                case RegistryValueType.QWord:
                    parsed = data.ValueKind == JsonValueKind.Number && data.TryGetUInt64(out var qword) ? (object)qword : null;
                    break;
                case RegistryValueType.Binary:
                    if (data.ValueKind == JsonValueKind.String)
                    {
                        try
                        {
                            parsed = Convert.FromBase64String(data.GetString() ?? string.Empty);
                        }
                        catch (FormatException)
                        {
                            parsed = null;
                        }
                    }

                    break;
            }

            if (parsed == null)
            {
                throw Invalid(field + ".data", $"does not fit kind {kindName}: {ExpectedData(kind)}.");
            }

            return new RegistryValue(name, kind, parsed);
        }

        private static string ExpectedData(RegistryValueType kind)
        {
            switch (kind)
            {
                case RegistryValueType.MultiString:
                    return "an array of strings";
                case RegistryValueType.DWord:
                    return "an integer from 0 to 4294967295";
                case RegistryValueType.QWord:
                    return "an integer from 0 to 18446744073709551615";
                case RegistryValueType.Binary:
                    return "a base64 string";
                default:
                    return "a string";
            }
        }

        private string RequiredString(JsonElement element, string name, string? parent) => _fields.RequiredString(element, name, parent);

        private CaptureFormatException Invalid(string? field, string message) => _fields.Invalid(field, message);

        private CaptureFormatException TooLarge(string field, string message) => _fields.TooLarge(field, message);
    }
}
