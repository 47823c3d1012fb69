using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>Reads capture JSON field by field, naming the first wrong field in its error.</summary>
    internal sealed class CimCaptureJsonReader
    {
        private static readonly string[] Kinds = Enum.GetNames(typeof(RegistryValueType));
        private readonly string _source;
        private int _registryValues;
        private int _instances;

        public CimCaptureJsonReader(string source)
        {
            _source = source ?? string.Empty;
        }

        public CimCapture ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(null, "the top level must be a JSON object.");
            }

            if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnsupportedVersion, _source, "formatVersion", "missing or not an integer; this module reads format version " + CimCapture.CurrentFormatVersion + ".");
            }

            if (number != CimCapture.CurrentFormatVersion)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnsupportedVersion, _source, "formatVersion", $"version {number} is not supported; this module reads format version {CimCapture.CurrentFormatVersion}.");
            }

            var computerName = RequiredString(root, "computerName", null);
            if (computerName.Trim().Length == 0)
            {
                throw Invalid("computerName", "must not be empty.");
            }

            var capturedText = RequiredString(root, "capturedUtc", null);
            if (!DateTimeOffset.TryParse(capturedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var captured))
            {
                throw Invalid("capturedUtc", $"'{capturedText}' is not an ISO 8601 date and time.");
            }

            var description = OptionalString(root, "description", null);
            var instances = root.TryGetProperty("instances", out var i) && i.ValueKind != JsonValueKind.Null ? ReadInstances(i) : null;
            var registry = root.TryGetProperty("registry", out var r) && r.ValueKind != JsonValueKind.Null ? ReadRegistry(r) : null;
            var files = root.TryGetProperty("files", out var f) && f.ValueKind != JsonValueKind.Null ? ReadFiles(f) : null;
            return new CimCapture(computerName, captured, instances, registry, files, description);
        }

        private Dictionary<string, IReadOnlyList<CimObject>> ReadInstances(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("instances", "must be an object whose properties are 'namespace:ClassName'.");
            }

            var result = new Dictionary<string, IReadOnlyList<CimObject>>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var field = $"instances[\"{property.Name}\"]";
                var colon = property.Name.LastIndexOf(':');
                if (colon <= 0 || colon == property.Name.Length - 1)
                {
                    throw Invalid(field, "the name must be 'namespace:ClassName', for example 'root/cimv2:Win32_Service'.");
                }

                var cimNamespace = CimCapture.NormalizeNamespace(property.Name.Substring(0, colon));
                var className = property.Name.Substring(colon + 1);
                var key = CimCapture.ClassKey(cimNamespace, className);
                if (result.ContainsKey(key))
                {
                    throw Invalid(field, "the class appears twice.");
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(field, "must be an array of instances.");
                }

                var list = new List<CimObject>();
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    var itemField = $"{field}[{index++}]";
                    if (++_instances > CaptureLimits.MaxInstances)
                    {
                        throw TooLarge(itemField, $"more than {CaptureLimits.MaxInstances} instances.");
                    }

                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(itemField, "an instance must be an object of property values.");
                    }

                    var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var value in item.EnumerateObject())
                    {
                        values[value.Name] = ReadPropertyValue(value.Value, $"{itemField}.{value.Name}");
                    }

                    list.Add(new CimObject(cimNamespace, className, values));
                }

                result[key] = list;
            }

            return result;
        }

        private object? ReadPropertyValue(JsonElement element, string field)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var l))
                    {
                        return l;
                    }

                    if (element.TryGetUInt64(out var ul))
                    {
                        return ul;
                    }

                    return element.GetDouble();
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Array || item.ValueKind == JsonValueKind.Object)
                        {
                            throw Invalid($"{field}[{index}]", "array elements must be strings, numbers or booleans.");
                        }

                        items.Add(ReadPropertyValue(item, $"{field}[{index++}]"));
                    }

                    if (items.Count > 0 && items.All(x => x is string))
                    {
                        return items.Cast<string>().ToArray();
                    }

                    if (items.Count > 0 && items.All(x => x is long))
                    {
                        return items.Cast<long>().ToArray();
                    }

                    return items.ToArray();
                default:
                    throw Invalid(field, "embedded objects are not supported; use strings, numbers, booleans, null or arrays of them.");
            }
        }

        private List<CapturedRegistryKey> ReadRegistry(JsonElement element)
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

        private List<CapturedFile> ReadFiles(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("files", "must be an array of files and folders.");
            }

            var result = new List<CapturedFile>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var field = $"files[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(field, "an entry must be an object with path and type.");
                }

                var path = RequiredString(item, "path", field);
                if (path.Length < 3 || path[1] != ':' || path[2] != '\\')
                {
                    throw Invalid(field + ".path", $"'{path}' is not a full Windows path such as 'C:\\Packages'.");
                }

                var type = RequiredString(item, "type", field);
                bool isDirectory;
                if (string.Equals(type, "Directory", StringComparison.OrdinalIgnoreCase))
                {
                    isDirectory = true;
                }
                else if (string.Equals(type, "File", StringComparison.OrdinalIgnoreCase))
                {
                    isDirectory = false;
                }
                else
                {
                    throw Invalid(field + ".type", $"'{type}' must be 'File' or 'Directory'.");
                }

                ulong? size = null;
                if (item.TryGetProperty("size", out var s) && s.ValueKind != JsonValueKind.Null)
                {
                    size = s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out var bytes) ? bytes : throw Invalid(field + ".size", "must be a non-negative integer.");
                }

                DateTimeOffset? modified = null;
                var modifiedText = OptionalString(item, "lastModifiedUtc", field);
                if (modifiedText != null)
                {
                    modified = DateTimeOffset.TryParse(modifiedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
                        ? when
                        : throw Invalid(field + ".lastModifiedUtc", $"'{modifiedText}' is not an ISO 8601 date and time.");
                }

                result.Add(new CapturedFile(path, isDirectory, size, modified, OptionalString(item, "version", field)));
            }

            return result;
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

        private string RequiredString(JsonElement element, string name, string? parent)
        {
            var field = parent == null ? name : parent + "." + name;
            if (!element.TryGetProperty(name, out var value))
            {
                throw Invalid(field, "is missing.");
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(field, "must be a string.");
            }

            return value.GetString() ?? string.Empty;
        }

        private string? OptionalString(JsonElement element, string name, string? parent)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(parent == null ? name : parent + "." + name, "must be a string.");
        }

        private CaptureFormatException Invalid(string? field, string message) =>
            new CaptureFormatException(CaptureFormatException.CaptureFieldInvalid, _source, field, message);

        private CaptureFormatException TooLarge(string field, string message) =>
            new CaptureFormatException(CaptureFormatException.CaptureTooLarge, _source, field, "the capture holds " + message + " (CaptureLimits); it is refused rather than read.");
    }
}
