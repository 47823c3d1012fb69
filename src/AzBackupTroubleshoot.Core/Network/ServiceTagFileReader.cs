using System.Buffers;
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
                    throw ServiceTagDocumentGrammar.Shape(path, null, "the document is not a JSON object");
                }

                ServiceTagDocumentGrammar.ReadResponseObject(ref reader, state);

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
                throw ServiceTagDocumentGrammar.Shape(path, null, "the document has no 'values' (or 'value') array of tags");
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
                    tags[i] = ServiceTagDocumentGrammar.ReadTag(ref reader, i, full, scratch);
                }
            }

            return skeleton.WithTags(tags);
        }

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
        }
    }
}
