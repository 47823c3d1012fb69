using System;
using System.IO;

namespace AzBackupTroubleshoot.Core.Sources
{
    /// <summary>Reads a stream within a byte limit: all of it or refuse (a gzip bomb stops there), or its last bytes.</summary>
    internal static class StreamLimit
    {
        public static byte[] ReadAll(Stream stream, int maxBytes)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new InvalidDataException($"The content is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        /// <summary>The last <paramref name="maxBytes"/> bytes of a seekable stream (a log still being written stops there).</summary>
        public static byte[] ReadTail(Stream stream, int maxBytes, out bool truncated)
        {
            var length = stream.Length;
            truncated = length > maxBytes;
            if (truncated)
            {
                stream.Seek(length - maxBytes, SeekOrigin.Begin);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            var remaining = maxBytes;
            int read;
            while (remaining > 0 && (read = stream.Read(chunk, 0, Math.Min(chunk.Length, remaining))) > 0)
            {
                buffer.Write(chunk, 0, read);
                remaining -= read;
            }

            return buffer.ToArray();
        }
    }
}
