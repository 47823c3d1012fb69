using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Reads the weekly Service Tags download and the Discovery API responses (<c>ServiceTags_List</c>, also inside an ARM
    /// example file's <c>responses.200.body</c>, and <c>ServiceTagInformation_List</c>). Change numbers may be integers or
    /// strings. One forward pass with <see cref="Utf8JsonReader"/>; every prefix is validated from its UTF-8 bytes. Any
    /// problem is a <see cref="ServiceTagException"/> naming the file, the tag and the value (and the line for bad JSON).
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

            // A pooled buffer: the 4 MB file would otherwise be a new large-object-heap array on every read.
            byte[]? buffer = null;
            try
            {
                int length;
                try
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    length = checked((int)stream.Length);
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                    var read = 0;
                    while (read < length)
                    {
                        var n = stream.Read(buffer, read, length - read);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    length = read;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is OverflowException)
                {
                    throw new ServiceTagException(ServiceTagErrorKind.FileUnreadable, ex.Message, path, innerException: ex);
                }

                return Parse(new ReadOnlyMemory<byte>(buffer, 0, length), path);
            }
            finally
            {
                if (buffer != null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        /// <summary>Parses a document held in memory; <paramref name="path"/> names it in errors and gives the file date.</summary>
        public ServiceTagFile Parse(ReadOnlyMemory<byte> utf8Json, string? path)
        {
            var span = utf8Json.Span;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
            {
                span = span.Slice(3);
            }

            var state = new ServiceTagDocumentState(path);
            var reader = new Utf8JsonReader(span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Shape(path, null, "the document is not a JSON object");
                }

                ReadResponseObject(ref reader, state);

                // Anything but white space after the document makes the reader throw.
                reader.Read();
            }
            catch (JsonException ex)
            {
                throw new ServiceTagException(
                    ServiceTagErrorKind.InvalidJson,
                    "the file is not valid JSON (" + FirstSentence(ex.Message) + ")",
                    path,
                    lineNumber: (ex.LineNumber ?? 0) + 1,
                    bytePositionInLine: (ex.BytePositionInLine ?? 0) + 1,
                    innerException: ex);
            }

            if (state.Tags is null)
            {
                throw Shape(path, null, "the document has no 'values' (or 'value') array of tags");
            }

            return new ServiceTagFile(path, state.Shape, state.ChangeNumber, state.Cloud, state.Tags);
        }

        /// <summary>The root object, or an ARM example's response body; the reader is on its StartObject.</summary>
        private static void ReadResponseObject(ref Utf8JsonReader reader, ServiceTagDocumentState state)
        {
            while (NextProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "changeNumber":
                        state.ChangeNumber = ReadChangeNumber(ref reader, state.Path, null, out var quoted);
                        state.ChangeNumberQuoted = quoted;
                        break;
                    case "cloud":
                        state.Cloud = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "type":
                        state.HasArmType = reader.TokenType == JsonTokenType.String;
                        break;
                    case "values":
                    case "value":
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Shape(state.Path, null, $"'{name}' is not an array");
                        }

                        state.Tags = ReadTags(ref reader, state.Path);
                        state.Shape = name == "value" ? ServiceTagFileShape.TagInformationList
                            : state.HasArmType || state.ChangeNumberQuoted || state.InArmExample ? ServiceTagFileShape.DiscoveryApi
                            : ServiceTagFileShape.Download;
                        break;
                    case "responses" when reader.TokenType == JsonTokenType.StartObject:
                        ReadArmResponses(ref reader, state);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (state.Tags != null && state.Shape == ServiceTagFileShape.Download && (state.HasArmType || state.ChangeNumberQuoted))
            {
                state.Shape = ServiceTagFileShape.DiscoveryApi;
            }
        }

        /// <summary>An ARM REST example's <c>responses</c>: the <c>200</c> response's <c>body</c> is the document.</summary>
        private static void ReadArmResponses(ref Utf8JsonReader reader, ServiceTagDocumentState state)
        {
            while (NextProperty(ref reader, out var status))
            {
                if (status != "200" || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (NextProperty(ref reader, out var part))
                {
                    if (part == "body" && reader.TokenType == JsonTokenType.StartObject)
                    {
                        state.InArmExample = true;
                        ReadResponseObject(ref reader, state);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }

        private static List<ServiceTag> ReadTags(ref Utf8JsonReader reader, string? path)
        {
            var tags = new List<ServiceTag>(4096);
            var scratch = new List<IpPrefix>(8192);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Shape(path, null, $"values[{tags.Count}] is not an object");
                }

                tags.Add(ReadTag(ref reader, tags.Count, path, scratch));
            }

            return tags;
        }

        private static ServiceTag ReadTag(ref Utf8JsonReader reader, int index, string? path, List<IpPrefix> scratch)
        {
            var tag = new ServiceTagEntryState { Scratch = scratch };
            while (NextProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "name":
                        tag.Name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "id":
                        tag.Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "properties" when reader.TokenType == JsonTokenType.StartObject:
                        tag.HasProperties = true;
                        ReadProperties(ref reader, tag, path);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (string.IsNullOrEmpty(tag.Name))
            {
                throw Shape(path, null, $"values[{index}] has no 'name'");
            }

            if (tag.BadPrefix != null)
            {
                throw new ServiceTagException(ServiceTagErrorKind.MalformedPrefix, tag.BadPrefixReason!, path, tag.Name, tag.BadPrefix);
            }

            if (tag.BadChangeNumber != null)
            {
                throw new ServiceTagException(ServiceTagErrorKind.InvalidShape, "'changeNumber' is not a whole number", path, tag.Name, tag.BadChangeNumber);
            }

            if (!tag.HasProperties)
            {
                throw Shape(path, tag.Name, "the tag has no 'properties' object");
            }

            if (tag.Prefixes is null)
            {
                throw Shape(path, tag.Name, "the tag has no 'properties.addressPrefixes' array");
            }

            return new ServiceTag(tag.Name!, tag.Id, tag.Region ?? string.Empty, tag.RegionId, tag.Platform, tag.SystemService, tag.ChangeNumber, tag.Prefixes, tag.NetworkFeatures);
        }

        private static void ReadProperties(ref Utf8JsonReader reader, ServiceTagEntryState tag, string? path)
        {
            while (NextProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "region":
                        tag.Region = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "regionId":
                        tag.RegionId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) ? id : (int?)null;
                        break;
                    case "platform":
                        tag.Platform = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "systemService":
                        tag.SystemService = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "changeNumber":
                        try
                        {
                            tag.ChangeNumber = ReadChangeNumber(ref reader, path, null, out _);
                        }
                        catch (ServiceTagException ex)
                        {
                            tag.BadChangeNumber = ex.Value;
                        }

                        break;
                    case "addressPrefixes" when reader.TokenType == JsonTokenType.StartArray:
                        tag.Prefixes = ReadPrefixes(ref reader, tag);
                        break;
                    case "networkFeatures" when reader.TokenType == JsonTokenType.StartArray:
                        var features = new List<string>();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                features.Add(reader.GetString()!);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        tag.NetworkFeatures = features;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        /// <summary>The prefixes; the first bad one is kept on <paramref name="tag"/> and reported once the name is known.</summary>
        private static IpPrefix[] ReadPrefixes(ref Utf8JsonReader reader, ServiceTagEntryState tag)
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

        /// <summary>Moves to the next property of the current object and onto its value; false at the end of the object.</summary>
        private static bool NextProperty(ref Utf8JsonReader reader, out string name)
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
            {
                name = string.Empty;
                return false;
            }

            name = reader.GetString()!;
            reader.Read();
            return true;
        }

        private static long? ReadChangeNumber(ref Utf8JsonReader reader, string? path, string? tagName, out bool quoted)
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
            throw new ServiceTagException(ServiceTagErrorKind.InvalidShape, "'changeNumber' is not a whole number", path, tagName, raw);
        }

        private static string Raw(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());

        private static ServiceTagException Shape(string? path, string? tagName, string detail) =>
            new ServiceTagException(ServiceTagErrorKind.InvalidShape, detail, path, tagName);

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
        }
    }
}
