using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Reads the weekly Service Tags download and the Discovery API responses (<c>ServiceTags_List</c>, including an ARM
    /// example file that wraps it in <c>responses.200.body</c>, and <c>ServiceTagInformation_List</c>). Change numbers may
    /// be integers or strings. Every prefix is validated; any problem is a <see cref="ServiceTagException"/> naming the
    /// file, the tag and the value.
    /// </summary>
    public sealed class ServiceTagFileReader
    {
        /// <summary>Reads a file.</summary>
        public ServiceTagFile Read(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new ServiceTagException(ServiceTagErrorKind.FileUnreadable, ex.Message, path, innerException: ex);
            }

            return Parse(bytes, path);
        }

        /// <summary>Parses a document held in memory; <paramref name="path"/> names it in errors and gives the file date.</summary>
        public ServiceTagFile Parse(ReadOnlyMemory<byte> utf8Json, string? path)
        {
            var span = utf8Json;
            if (span.Length >= 3 && span.Span[0] == 0xEF && span.Span[1] == 0xBB && span.Span[2] == 0xBF)
            {
                span = span.Slice(3);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(span);
            }
            catch (JsonException ex)
            {
                throw new ServiceTagException(
                    ServiceTagErrorKind.InvalidJson,
                    "the file is not valid JSON (" + FirstSentence(ex.Message) + ")",
                    path,
                    lineNumber: ex.LineNumber + 1,
                    bytePositionInLine: ex.BytePositionInLine + 1,
                    innerException: ex);
            }

            using (document)
            {
                return ReadDocument(document.RootElement, path);
            }
        }

        private static ServiceTagFile ReadDocument(JsonElement root, string? path)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Shape(path, null, "the document is not a JSON object");
            }

            var shape = ServiceTagFileShape.Download;

            // An ARM REST example file ({ parameters, responses: { 200: { body } } }) carries the response in its body.
            if (root.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Object
                && responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("body", out var body))
            {
                root = body;
                shape = ServiceTagFileShape.DiscoveryApi;
            }

            JsonElement values;
            if (root.TryGetProperty("values", out values) && values.ValueKind == JsonValueKind.Array)
            {
                if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    shape = ServiceTagFileShape.DiscoveryApi;
                }
            }
            else if (root.TryGetProperty("value", out values) && values.ValueKind == JsonValueKind.Array)
            {
                shape = ServiceTagFileShape.TagInformationList;
            }
            else
            {
                throw Shape(path, null, "the document has no 'values' (or 'value') array of tags");
            }

            var changeNumber = ReadChangeNumber(root, path, null);
            if (changeNumber.HasValue && root.TryGetProperty("changeNumber", out var rawChange) && rawChange.ValueKind == JsonValueKind.String)
            {
                shape = shape == ServiceTagFileShape.Download ? ServiceTagFileShape.DiscoveryApi : shape;
            }

            var cloud = root.TryGetProperty("cloud", out var cloudElement) && cloudElement.ValueKind == JsonValueKind.String ? cloudElement.GetString() : null;
            var tags = new List<ServiceTag>(values.GetArrayLength());
            var index = 0;
            foreach (var value in values.EnumerateArray())
            {
                tags.Add(ReadTag(value, index, path));
                index++;
            }

            return new ServiceTagFile(path, shape, changeNumber, cloud, tags);
        }

        private static ServiceTag ReadTag(JsonElement value, int index, string? path)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Shape(path, null, $"values[{index}] is not an object");
            }

            if (!value.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(nameElement.GetString()))
            {
                throw Shape(path, null, $"values[{index}] has no 'name'");
            }

            var name = nameElement.GetString()!;
            var id = value.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (!value.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                throw Shape(path, name, "the tag has no 'properties' object");
            }

            if (!properties.TryGetProperty("addressPrefixes", out var prefixesElement) || prefixesElement.ValueKind != JsonValueKind.Array)
            {
                throw Shape(path, name, "the tag has no 'properties.addressPrefixes' array");
            }

            var prefixes = new List<IpPrefix>(prefixesElement.GetArrayLength());
            foreach (var item in prefixesElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new ServiceTagException(ServiceTagErrorKind.MalformedPrefix, "an address prefix must be a string", path, name, item.GetRawText());
                }

                var text = item.GetString();
                if (!IpPrefix.TryParse(text, out var prefix, out var reason))
                {
                    throw new ServiceTagException(ServiceTagErrorKind.MalformedPrefix, "not a CIDR block: " + reason, path, name, text);
                }

                prefixes.Add(prefix);
            }

            return new ServiceTag(
                name,
                id,
                GetString(properties, "region") ?? string.Empty,
                properties.TryGetProperty("regionId", out var regionId) && regionId.ValueKind == JsonValueKind.Number && regionId.TryGetInt32(out var rid) ? rid : (int?)null,
                GetString(properties, "platform"),
                GetString(properties, "systemService"),
                ReadChangeNumber(properties, path, name),
                prefixes,
                ReadStrings(properties, "networkFeatures"));
        }

        private static long? ReadChangeNumber(JsonElement element, string? path, string? tagName)
        {
            if (!element.TryGetProperty("changeNumber", out var change) || change.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (change.ValueKind == JsonValueKind.Number && change.TryGetInt64(out var number))
            {
                return number;
            }

            if (change.ValueKind == JsonValueKind.String && long.TryParse(change.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            throw new ServiceTagException(ServiceTagErrorKind.InvalidShape, "'changeNumber' is not a whole number", path, tagName, change.GetRawText());
        }

        private static string? GetString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string>? ReadStrings(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<string>(array.GetArrayLength());
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }

            return list;
        }

        private static ServiceTagException Shape(string? path, string? tagName, string detail) =>
            new ServiceTagException(ServiceTagErrorKind.InvalidShape, detail, path, tagName);

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
        }
    }
}
