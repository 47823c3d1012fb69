using System.IO;

namespace AzBackupTroubleshoot.Core.Linux.Bundle
{
    /// <summary>Reads a stream to its end, refusing more than a limit (a gzip bomb stops there).</summary>
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
    }
}
