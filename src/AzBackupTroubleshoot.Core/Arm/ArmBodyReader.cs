using System.Net.Http;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>Reads a Resource Manager answer's body as UTF-8 text, at most a stated number of bytes.</summary>
    internal static class ArmBodyReader
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>The body text, or null when it is longer than <paramref name="maxBytes"/> (declared or read).</summary>
        public static async Task<string?> ReadAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                return string.Empty;
            }

            if (content.Headers.ContentLength > maxBytes)
            {
                return null;
            }

            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        return null;
                    }

                    buffer.Write(chunk, 0, read);
                }

                var text = Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            }
        }
    }
}
