namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>What went wrong with a Service Tags input.</summary>
    public enum ServiceTagErrorKind
    {
        /// <summary>The file cannot be read.</summary>
        FileUnreadable,

        /// <summary>The file is not valid JSON (the line and byte are given).</summary>
        InvalidJson,

        /// <summary>The JSON is valid but not a Service Tags document (no <c>values</c> array, a tag without a name...).</summary>
        InvalidShape,

        /// <summary>An address prefix of a tag is not a CIDR block.</summary>
        MalformedPrefix,

        /// <summary>A requested tag is not in the file.</summary>
        TagNotFound,

        /// <summary>A requested region has no tags in the file.</summary>
        RegionNotFound,
    }

    /// <summary>
    /// The one error type of the Service Tags reader and selector. It names the file, the tag and the bad value, and for
    /// bad JSON the 1-based line and byte.
    /// </summary>
    public sealed class ServiceTagException : Exception
    {
        /// <summary>Creates the error; the message is built from the parts.</summary>
        public ServiceTagException(
            ServiceTagErrorKind kind,
            string detail,
            string? path = null,
            string? tagName = null,
            string? value = null,
            long? lineNumber = null,
            long? bytePositionInLine = null,
            Exception? innerException = null)
            : base(BuildMessage(kind, detail, path, tagName, value, lineNumber, bytePositionInLine), innerException)
        {
            Kind = kind;
            Detail = detail ?? string.Empty;
            Path = path;
            TagName = tagName;
            Value = value;
            LineNumber = lineNumber;
            BytePositionInLine = bytePositionInLine;
        }

        /// <summary>What went wrong.</summary>
        public ServiceTagErrorKind Kind { get; }

        /// <summary>The reason in words, without the file, tag and value.</summary>
        public string Detail { get; }

        /// <summary>The file, or null when the tags did not come from a file.</summary>
        public string? Path { get; }

        /// <summary>The tag concerned, when there is one.</summary>
        public string? TagName { get; }

        /// <summary>The offending value (a prefix, a tag or region name).</summary>
        public string? Value { get; }

        /// <summary>The 1-based line of a JSON error.</summary>
        public long? LineNumber { get; }

        /// <summary>The 1-based byte in the line of a JSON error.</summary>
        public long? BytePositionInLine { get; }

        private static string BuildMessage(ServiceTagErrorKind kind, string detail, string? path, string? tagName, string? value, long? line, long? bytePosition)
        {
            var sb = new StringBuilder();
            sb.Append(path is null ? "Service Tags" : $"Service Tags file '{path}'");
            if (line.HasValue)
            {
                sb.Append(", line ").Append(line.Value.ToString(CultureInfo.InvariantCulture));
                if (bytePosition.HasValue)
                {
                    sb.Append(", byte ").Append(bytePosition.Value.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (tagName != null)
            {
                sb.Append($", tag '{tagName}'");
            }

            if (value != null && kind != ServiceTagErrorKind.TagNotFound && kind != ServiceTagErrorKind.RegionNotFound)
            {
                sb.Append($", value '{value}'");
            }

            sb.Append(": ").Append(detail);
            return sb.ToString();
        }
    }
}
