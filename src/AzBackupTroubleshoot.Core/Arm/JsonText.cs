using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>Reads optional values from ARM JSON, where any property may be absent or null.</summary>
    internal static class JsonText
    {
        public static string? String(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        public static JsonElement? Property(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : (JsonElement?)null;

        public static JsonElement? Path(JsonElement element, params string[] names)
        {
            JsonElement? current = element;
            foreach (var name in names)
            {
                if (current is null)
                {
                    return null;
                }

                current = Property(current.Value, name);
            }

            return current;
        }

        public static string? PathString(JsonElement element, params string[] names)
        {
            var value = Path(element, names);
            return value.HasValue && value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : null;
        }

        public static int? Int(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : (int?)null;
    }
}
