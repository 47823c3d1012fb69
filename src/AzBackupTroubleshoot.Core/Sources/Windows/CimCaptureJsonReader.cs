using System.Text.Json;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>Reads capture JSON field by field, naming the first wrong field in its error.</summary>
    internal sealed class CimCaptureJsonReader
    {
        private readonly CaptureJsonFields _fields;
        private int _instances;

        public CimCaptureJsonReader(string source)
        {
            _fields = new CaptureJsonFields(source);
        }

        public CimCapture ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(null, "the top level must be a JSON object.");
            }

            var versions = $"this module reads format versions 1 to {CimCapture.CurrentFormatVersion}";
            if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnsupportedVersion, _fields.Source, "formatVersion", $"missing or not an integer; {versions}.");
            }

            if (number < 1 || number > CimCapture.CurrentFormatVersion)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnsupportedVersion, _fields.Source, "formatVersion", $"version {number} is not supported; {versions}.");
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
            var registry = root.TryGetProperty("registry", out var r) && r.ValueKind != JsonValueKind.Null ? new CaptureRegistryJsonReader(_fields).ReadRegistry(r) : null;
            var files = root.TryGetProperty("files", out var f) && f.ValueKind != JsonValueKind.Null ? ReadFiles(f) : null;
            var commands = root.TryGetProperty("commands", out var c) && c.ValueKind != JsonValueKind.Null ? ReadCommands(c, number) : null;
            var folderSecurity = root.TryGetProperty("folderSecurity", out var fs) && fs.ValueKind != JsonValueKind.Null ? new CaptureFolderSecurityJsonReader(_fields).Read(fs, number) : null;
            return new CimCapture(computerName, captured, instances, registry, files, description, commands, number, folderSecurity);
        }

        private Dictionary<string, WindowsCommandOutput> ReadCommands(JsonElement element, int formatVersion)
        {
            if (formatVersion < CimCapture.CommandsFormatVersion)
            {
                throw Invalid("commands", $"the section exists from format version {CimCapture.CommandsFormatVersion}; this capture says {formatVersion}.");
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("commands", "must be an object whose properties are command names such as 'vssadmin list writers'.");
            }

            var result = new Dictionary<string, WindowsCommandOutput>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var field = $"commands[\"{property.Name}\"]";
                var command = WindowsCommand.Find(property.Name) ?? throw Invalid(field, $"'{property.Name}' is not a command this module captures; use one of: {string.Join(", ", WindowsCommand.All.Select(x => x.Name))}.");
                if (result.ContainsKey(command.Name))
                {
                    throw Invalid(field, "the command appears twice.");
                }

                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(field, "must be an object with exitCode, output and error, or with notRun.");
                }

                var notRun = OptionalString(property.Value, "notRun", field);
                if (notRun != null)
                {
                    result[command.Name] = WindowsCommandOutput.NotRun(notRun);
                    continue;
                }

                if (!property.Value.TryGetProperty("exitCode", out var exit) || exit.ValueKind != JsonValueKind.Number || !exit.TryGetInt32(out var exitCode))
                {
                    throw Invalid(field + ".exitCode", "is missing or not an integer.");
                }

                var output = RequiredString(property.Value, "output", field);
                var error = OptionalString(property.Value, "error", field) ?? string.Empty;
                if (output.Length > CaptureLimits.MaxCommandOutputChars || error.Length > CaptureLimits.MaxCommandOutputChars)
                {
                    throw TooLarge(field, $"more than {CaptureLimits.MaxCommandOutputChars} characters of command output.");
                }

                result[command.Name] = WindowsCommandOutput.Completed(exitCode, output, error ?? string.Empty);
            }

            return result;
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

        private string RequiredString(JsonElement element, string name, string? parent) => _fields.RequiredString(element, name, parent);

        private string? OptionalString(JsonElement element, string name, string? parent) => _fields.OptionalString(element, name, parent);

        private CaptureFormatException Invalid(string? field, string message) => _fields.Invalid(field, message);

        private CaptureFormatException TooLarge(string field, string message) => _fields.TooLarge(field, message);
    }
}
