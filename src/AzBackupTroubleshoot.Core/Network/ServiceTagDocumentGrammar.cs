using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The JSON grammar of a Service Tags document, for <see cref="ServiceTagFileReader"/>: the root or an ARM example's
    /// response body, its change number and cloud, the values array, each tag's name, id and properties (region, system
    /// service, address prefixes, validated from their UTF-8 bytes). One forward pass with <see cref="Utf8JsonReader"/>;
    /// a shape problem is a <see cref="ServiceTagException"/> naming the file, the tag and the value.
    /// </summary>
    internal static class ServiceTagDocumentGrammar
    {
        /// <summary>The root object, or an ARM example's response body; the reader is on its StartObject.</summary>
        internal static void ReadResponseObject(ref Utf8JsonReader reader, ServiceTagDocumentState state)
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

        internal static ServiceTag ReadTag(ref Utf8JsonReader reader, int index, ServiceTagDocumentState state, List<IpPrefix> scratch)
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

        internal static ServiceTagException Shape(string? path, string? tagName, string detail) =>
            new ServiceTagException(ServiceTagErrorKind.InvalidShape, detail, path, tagName);
    }
}
