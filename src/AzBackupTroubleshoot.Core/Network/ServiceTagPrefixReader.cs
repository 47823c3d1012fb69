using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>The values of a Service Tags document that <see cref="ServiceTagFileReader"/> checks: prefixes and change numbers.</summary>
    internal static class ServiceTagPrefixReader
    {
        /// <summary>The prefixes of an array the reader is on; the first bad one is kept on <paramref name="tag"/>.</summary>
        public static IpPrefix[] ReadPrefixes(ref Utf8JsonReader reader, ServiceTagEntryState tag)
        {
            // One scratch list for the whole document: each tag's prefixes are copied out once, at their exact size.
            var prefixes = tag.Scratch;
            prefixes.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    var raw = reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray ? reader.TokenType.ToString() : Raw(ref reader);
                    reader.Skip();
                    tag.Reject(raw, "an address prefix must be a string");
                    continue;
                }

                // From the UTF-8 bytes: no string per prefix unless it is escaped or bad.
                var ok = !reader.ValueIsEscaped
                    ? IpPrefix.TryParseUtf8(reader.ValueSpan, out var prefix, out var reason)
                    : IpPrefix.TryParse(reader.GetString(), out prefix, out reason);
                if (ok)
                {
                    prefixes.Add(prefix);
                }
                else
                {
                    tag.Reject(reader.GetString(), "not a CIDR block: " + reason);
                }
            }

            return prefixes.ToArray();
        }

        /// <summary>A change number, an integer or a string of digits; null for JSON null.</summary>
        public static long? ReadChangeNumber(ref Utf8JsonReader reader, string? path, out bool quoted)
        {
            quoted = reader.TokenType == JsonTokenType.String;
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
            {
                return number;
            }

            if (quoted && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            var raw = reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray ? reader.TokenType.ToString() : Raw(ref reader);
            reader.Skip();
            throw new ServiceTagException(ServiceTagErrorKind.InvalidShape, "'changeNumber' is not a whole number", path, null, raw);
        }

        private static string Raw(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
    }
}
