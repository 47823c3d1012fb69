using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Reads the weekly Service Tags download and the Discovery API responses (<c>ServiceTags_List</c>, also inside an ARM
    /// example file's <c>responses.200.body</c>, and <c>ServiceTagInformation_List</c>). Change numbers may be integers or
    /// strings. One forward pass with <see cref="Utf8JsonReader"/>; prefixes are validated from their UTF-8 bytes. Any
    /// problem is a <see cref="ServiceTagException"/> naming the file, the tag and the value (and the line for bad JSON).
    /// </summary>
    /// <remarks>
    /// Without a selection every tag is read and every prefix validated. With a <see cref="ServiceTagSelection"/> the pass
    /// reads only each tag's name and region and skips the rest (<see cref="Utf8JsonReader.Skip"/> still tokenizes it, so a
    /// JSON syntax error anywhere is still reported with its line), selects, and then reads the selected tags in full from
    /// their bytes with the same code and the same errors as a full read. The other tags come back
    /// <see cref="ServiceTag.Skipped"/>; a malformed prefix in one of them is not looked at.
    /// </remarks>
    public sealed class ServiceTagFileReader
    {
        /// <summary>Reads a file, every tag's prefixes.</summary>
        public ServiceTagFile Read(string path) => Read(path, null);

        /// <summary>The largest Service Tags file read: 64 MiB (the published file is about 4 MB).</summary>
        public const int MaxFileBytes = 64 * 1024 * 1024;

        /// <summary>Reads a file; with <paramref name="selection"/>, only the selected tags' prefixes.</summary>
        public ServiceTagFile Read(string path, ServiceTagSelection? selection)
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
                    // A regular file only (a FIFO would block, a device never end) and at most MaxFileBytes (the real file is ~4 MB).
                    using var stream = RegularFile.OpenRead(path, bufferSize: 1);
                    if (stream.Length > MaxFileBytes)
                    {
                        throw new IOException($"the file is {stream.Length} bytes, more than the {MaxFileBytes} a Service Tags file may have (ServiceTagFileReader.MaxFileBytes)");
                    }

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

                return Parse(new ReadOnlyMemory<byte>(buffer, 0, length), path, selection);
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
        public ServiceTagFile Parse(ReadOnlyMemory<byte> utf8Json, string? path) => Parse(utf8Json, path, null);

        /// <summary>Parses a document held in memory; with <paramref name="selection"/>, only the selected tags' prefixes.</summary>
        public ServiceTagFile Parse(ReadOnlyMemory<byte> utf8Json, string? path, ServiceTagSelection? selection)
        {
            var span = utf8Json.Span;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
            {
                span = span.Slice(3);
            }

            var state = new ServiceTagDocumentState(path, deferTags: selection != null);
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

            var file = new ServiceTagFile(path, state.Shape, state.ChangeNumber, state.Cloud, state.Tags);
            return selection is null ? file : ReadSelectedTags(span, file, state, selection);
        }

        /// <summary>Selects on the skeleton tags, then reads the selected tags in full from their bytes.</summary>
        private static ServiceTagFile ReadSelectedTags(ReadOnlySpan<byte> span, ServiceTagFile skeleton, ServiceTagDocumentState state, ServiceTagSelection selection)
        {
            var selected = new HashSet<ServiceTag>(selection.SelectFrom(skeleton));
            var tags = state.Tags!;
            var full = new ServiceTagDocumentState(state.Path, deferTags: false);
            var scratch = new List<IpPrefix>(1024);
            for (var i = 0; i < tags.Count; i++)
            {
                if (selected.Contains(tags[i]))
                {
                    // The bytes were valid JSON in the first pass; what can fail here is what fails in a full read.
                    var range = state.TagRanges[i];
                    var reader = new Utf8JsonReader(span.Slice(range.Start, range.Length));
                    reader.Read();
                    tags[i] = ReadTag(ref reader, i, full, scratch);
                }
            }

            return skeleton.WithTags(tags);
        }

        /// <summary>The root object, or an ARM example's response body; the reader is on its StartObject.</summary>
        private static void ReadResponseObject(ref Utf8JsonReader reader, ServiceTagDocumentState state)
        {
            while (NextProperty(ref reader, out var name, out var text))
            {
                switch (name)
                {
                    case JsonName.ChangeNumber:
                        state.ChangeNumber = ServiceTagPrefixReader.ReadChangeNumber(ref reader, state.Path, out var quoted);
                        state.ChangeNumberQuoted = quoted;
                        break;
                    case JsonName.Cloud:
                        state.Cloud = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case JsonName.Type:
                        state.HasArmType = reader.TokenType == JsonTokenType.String;
                        break;
                    case JsonName.Values:
                    case JsonName.Value:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Shape(state.Path, null, $"'{text}' is not an array");
                        }

                        ReadTags(ref reader, state);
                        state.Shape = name == JsonName.Value ? ServiceTagFileShape.TagInformationList
                            : state.HasArmType || state.ChangeNumberQuoted || state.InArmExample ? ServiceTagFileShape.DiscoveryApi
                            : ServiceTagFileShape.Download;
                        break;
                    case JsonName.Responses when reader.TokenType == JsonTokenType.StartObject:
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
            while (NextProperty(ref reader, out var status, out _))
            {
                if (status != JsonName.Ok || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (NextProperty(ref reader, out var part, out _))
                {
                    if (part == JsonName.Body && reader.TokenType == JsonTokenType.StartObject)
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

        private static void ReadTags(ref Utf8JsonReader reader, ServiceTagDocumentState state)
        {
            var tags = new List<ServiceTag>(4096);
            state.Tags = tags;
            state.TagRanges.Clear();
            var scratch = new List<IpPrefix>(state.DeferTags ? 0 : 8192);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Shape(state.Path, null, $"values[{tags.Count}] is not an object");
                }

                if (state.DeferTags)
                {
                    var start = checked((int)reader.TokenStartIndex);
                    tags.Add(ReadTagSkeleton(ref reader, tags.Count, state));
                    state.TagRanges.Add(new ByteRange(start, checked((int)reader.BytesConsumed) - start));
                }
                else
                {
                    tags.Add(ReadTag(ref reader, tags.Count, state, scratch));
                }
            }
        }

        /// <summary>
        /// A tag's name and region, all a selection looks at; everything else is skipped (<see cref="Utf8JsonReader.Skip"/>
        /// still reads every token, so bad JSON is still found).
        /// </summary>
        private static ServiceTag ReadTagSkeleton(ref Utf8JsonReader reader, int index, ServiceTagDocumentState state)
        {
            string? name = null;
            string? region = null;
            while (NextProperty(ref reader, out var property, out _))
            {
                if (property == JsonName.Name && reader.TokenType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else if (property == JsonName.Properties && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (NextProperty(ref reader, out var inner, out _))
                    {
                        if (inner == JsonName.Region && reader.TokenType == JsonTokenType.String)
                        {
                            region = state.Strings.Get(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                throw Shape(state.Path, null, $"values[{index}] has no 'name'");
            }

            return new ServiceTag(name!, null, region ?? string.Empty, null, null, null, null, Array.Empty<IpPrefix>(), null, skipped: true);
        }

        private static ServiceTag ReadTag(ref Utf8JsonReader reader, int index, ServiceTagDocumentState state, List<IpPrefix> scratch)
        {
            var tag = new ServiceTagEntryState { Scratch = scratch };
            while (NextProperty(ref reader, out var name, out _))
            {
                switch (name)
                {
                    case JsonName.Name:
                        tag.Name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case JsonName.Id:
                        // The id is the name in the public files: no second string for it then.
                        tag.Id = reader.TokenType != JsonTokenType.String ? null
                            : tag.Name != null && reader.ValueTextEquals(tag.Name) ? tag.Name
                            : reader.GetString();
                        break;
                    case JsonName.Properties when reader.TokenType == JsonTokenType.StartObject:
                        tag.HasProperties = true;
                        ReadProperties(ref reader, tag, state);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (string.IsNullOrEmpty(tag.Name))
            {
                throw Shape(state.Path, null, $"values[{index}] has no 'name'");
            }

            if (tag.BadPrefix != null)
            {
                throw new ServiceTagException(ServiceTagErrorKind.MalformedPrefix, tag.BadPrefixReason!, state.Path, tag.Name, tag.BadPrefix);
            }

            if (tag.BadChangeNumber != null)
            {
                throw new ServiceTagException(ServiceTagErrorKind.InvalidShape, "'changeNumber' is not a whole number", state.Path, tag.Name, tag.BadChangeNumber);
            }

            if (!tag.HasProperties)
            {
                throw Shape(state.Path, tag.Name, "the tag has no 'properties' object");
            }

            if (tag.Prefixes is null)
            {
                throw Shape(state.Path, tag.Name, "the tag has no 'properties.addressPrefixes' array");
            }

            return new ServiceTag(tag.Name!, tag.Id, tag.Region ?? string.Empty, tag.RegionId, tag.Platform, tag.SystemService, tag.ChangeNumber, tag.Prefixes, tag.NetworkFeatures);
        }

        private static void ReadProperties(ref Utf8JsonReader reader, ServiceTagEntryState tag, ServiceTagDocumentState state)
        {
            while (NextProperty(ref reader, out var name, out _))
            {
                switch (name)
                {
                    case JsonName.Region:
                        tag.Region = reader.TokenType == JsonTokenType.String ? state.Strings.Get(ref reader) : null;
                        break;
                    case JsonName.RegionId:
                        tag.RegionId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) ? id : (int?)null;
                        break;
                    case JsonName.Platform:
                        tag.Platform = reader.TokenType == JsonTokenType.String ? state.Strings.Get(ref reader) : null;
                        break;
                    case JsonName.SystemService:
                        tag.SystemService = reader.TokenType == JsonTokenType.String ? state.Strings.Get(ref reader) : null;
                        break;
                    case JsonName.ChangeNumber:
                        try
                        {
                            tag.ChangeNumber = ServiceTagPrefixReader.ReadChangeNumber(ref reader, state.Path, out _);
                        }
                        catch (ServiceTagException ex)
                        {
                            tag.BadChangeNumber = ex.Value;
                        }

                        break;
                    case JsonName.AddressPrefixes when reader.TokenType == JsonTokenType.StartArray:
                        tag.Prefixes = ServiceTagPrefixReader.ReadPrefixes(ref reader, tag);
                        break;
                    case JsonName.NetworkFeatures when reader.TokenType == JsonTokenType.StartArray:
                        var features = new List<string>();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                features.Add(state.Strings.Get(ref reader));
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

        /// <summary>
        /// Moves to the next property of the current object and onto its value; false at the end of the object.
        /// <paramref name="name"/> is the property when it is one the reader knows; <paramref name="text"/> is its text
        /// only for the properties whose name goes into a message.
        /// </summary>
        private static bool NextProperty(ref Utf8JsonReader reader, out JsonName name, out string? text)
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
            {
                name = JsonName.Other;
                text = null;
                return false;
            }

            name = JsonNames.Of(ref reader);
            text = name == JsonName.Values ? "values" : name == JsonName.Value ? "value" : null;
            reader.Read();
            return true;
        }

        private static ServiceTagException Shape(string? path, string? tagName, string detail) =>
            new ServiceTagException(ServiceTagErrorKind.InvalidShape, detail, path, tagName);

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
        }
    }
}
