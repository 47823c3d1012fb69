using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>The field helpers of the capture JSON readers: required and optional strings, and the errors that name the file and field.</summary>
    internal sealed class CaptureJsonFields
    {
        public CaptureJsonFields(string source)
        {
            Source = source ?? string.Empty;
        }

        /// <summary>The file (or zip entry) read, named in every error.</summary>
        public string Source { get; }

        public string RequiredString(JsonElement element, string name, string? parent)
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

        public string? OptionalString(JsonElement element, string name, string? parent)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(parent == null ? name : parent + "." + name, "must be a string.");
        }

        public CaptureFormatException Invalid(string? field, string message) =>
            new CaptureFormatException(CaptureFormatException.CaptureFieldInvalid, Source, field, message);

        public CaptureFormatException TooLarge(string field, string message) =>
            new CaptureFormatException(CaptureFormatException.CaptureTooLarge, Source, field, "the capture holds " + message + " (CaptureLimits); it is refused rather than read.");
    }
}
