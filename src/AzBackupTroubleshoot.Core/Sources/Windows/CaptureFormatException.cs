namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>A capture file cannot be used: it is not readable, not JSON, of another format version, or a field is wrong.</summary>
    public sealed class CaptureFormatException : Exception
    {
        /// <summary>The file cannot be read.</summary>
        public const string CaptureUnreadable = nameof(CaptureUnreadable);

        /// <summary>The file is not valid JSON.</summary>
        public const string CaptureInvalidJson = nameof(CaptureInvalidJson);

        /// <summary>The formatVersion is missing or not one this module reads.</summary>
        public const string CaptureUnsupportedVersion = nameof(CaptureUnsupportedVersion);

        /// <summary>A field is missing or has the wrong type or value.</summary>
        public const string CaptureFieldInvalid = nameof(CaptureFieldInvalid);

        /// <summary>The capture is larger than <see cref="CaptureLimits"/> allow (bytes, registry keys or values, instances).</summary>
        public const string CaptureTooLarge = nameof(CaptureTooLarge);

        /// <summary>Creates an exception.</summary>
        public CaptureFormatException(string errorId, string source, string? field, string message, Exception? innerException = null)
            : base(Compose(source, field, message), innerException)
        {
            ErrorId = errorId;
            Source = source;
            Field = field;
        }

        /// <summary>A stable id naming the condition (one of the constants of this class).</summary>
        public string ErrorId { get; }

        /// <summary>The file (or name) the capture was read from.</summary>
        public new string Source { get; }

        /// <summary>The JSON path of the failing field (for example <c>registry[2].values[0].data</c>), or null.</summary>
        public string? Field { get; }

        private static string Compose(string source, string? field, string message) =>
            field == null ? $"Capture '{source}': {message}" : $"Capture '{source}', field '{field}': {message}";
    }
}
