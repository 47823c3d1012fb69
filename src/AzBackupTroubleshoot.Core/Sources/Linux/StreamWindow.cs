using System;
using System.IO;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>Reads the head or the tail of a stream within a byte limit.</summary>
    internal static class StreamWindow
    {
        public static byte[] Read(Stream stream, int maxBytes, ReadWindow window, out bool truncated)
        {
            if (maxBytes <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes));
            }

            long? length = null;
            try
            {
                if (stream.CanSeek && stream.Length > 0)
                {
                    length = stream.Length;
                }
            }
            catch (NotSupportedException)
            {
                length = null;
            }

            if (window == ReadWindow.Tail && length > maxBytes && stream.CanSeek)
            {
                stream.Seek(length.Value - maxBytes, SeekOrigin.Begin);
                truncated = true;
                return ReadUpTo(stream, maxBytes, out _);
            }

            if (window == ReadWindow.Tail)
            {
                // Length unknown (a proc file, a zip entry): keep the last maxBytes while reading.
                return ReadTail(stream, maxBytes, out truncated);
            }

            return ReadUpTo(stream, maxBytes, out truncated);
        }

        private static byte[] ReadUpTo(Stream stream, int maxBytes, out bool more)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
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

        private static byte[] ReadTail(Stream stream, int maxBytes, out bool truncated)
        {
            var ring = new byte[maxBytes];
            long total = 0;
            var chunk = new byte[81920];
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
