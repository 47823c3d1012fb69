using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Sources
{
    /// <summary>
    /// The one capped stream reader: all of a stream or refuse (a gzip bomb stops there), its head, or its tail, never more
    /// than a byte limit. Roots, captures, bundles and compressed logs read through it.
    /// </summary>
    internal static class StreamLimit
    {
        private const int ChunkBytes = 81920;

        /// <summary>All of the stream; <see cref="InvalidDataException"/> as soon as it passes <paramref name="maxBytes"/>.</summary>
        /// <exception cref="InvalidDataException">The content is larger than the limit.</exception>
        public static byte[] ReadAll(Stream stream, int maxBytes) =>
            TryReadAll(stream, maxBytes, out var content) ? content! : throw new InvalidDataException($"The content is larger than {maxBytes} bytes.");

        /// <summary>All of the stream, or false (and null) as soon as it passes <paramref name="maxBytes"/>: the reading stops there.</summary>
        public static bool TryReadAll(Stream stream, long maxBytes, out byte[]? content)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    content = null;
                    return false;
                }

                buffer.Write(chunk, 0, read);
            }

            content = buffer.ToArray();
            return true;
        }

        /// <summary>The head or the tail of the stream, at most <paramref name="maxBytes"/>; <paramref name="truncated"/> says whether more was there.</summary>
        public static byte[] Read(Stream stream, int maxBytes, ReadWindow window, out bool truncated)
        {
            if (maxBytes <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes));
            }

            return window == ReadWindow.Tail ? ReadTail(stream, maxBytes, out truncated) : ReadHead(stream, maxBytes, out truncated);
        }

        /// <summary>
        /// The last <paramref name="maxBytes"/> bytes: a seekable stream longer than that seeks there; otherwise (a short file,
        /// a proc file, a zip entry) the last bytes are kept while reading to the end.
        /// </summary>
        public static byte[] ReadTail(Stream stream, int maxBytes, out bool truncated)
        {
            var length = KnownLength(stream);
            if (length > maxBytes)
            {
                stream.Seek(length.Value - maxBytes, SeekOrigin.Begin);
                truncated = true;
                return ReadHead(stream, maxBytes, out _);
            }

            return ReadKeepingTail(stream, maxBytes, out truncated);
        }

        private static long? KnownLength(Stream stream)
        {
            try
            {
                return stream.CanSeek && stream.Length > 0 ? stream.Length : (long?)null;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }

        private static byte[] ReadHead(Stream stream, int maxBytes, out bool more)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            var remaining = maxBytes;
            while (remaining > 0)
            {
                var read = stream.Read(chunk, 0, Math.Min(chunk.Length, remaining));
                if (read <= 0)
                {
                    more = false;
                    return buffer.ToArray();
                }

                buffer.Write(chunk, 0, read);
                remaining -= read;
            }

            more = stream.Read(chunk, 0, 1) > 0;
            return buffer.ToArray();
        }

        private static byte[] ReadKeepingTail(Stream stream, int maxBytes, out bool truncated)
        {
            var ring = new byte[maxBytes];
            long total = 0;
            var chunk = new byte[ChunkBytes];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    ring[(total + i) % maxBytes] = chunk[i];
                }

                total += read;
            }

            truncated = total > maxBytes;
            if (!truncated)
            {
                var result = new byte[total];
                Array.Copy(ring, result, total);
                return result;
            }

            var start = (int)(total % maxBytes);
            var tail = new byte[maxBytes];
            Array.Copy(ring, start, tail, 0, maxBytes - start);
            Array.Copy(ring, 0, tail, maxBytes - start, start);
            return tail;
        }
    }
}
