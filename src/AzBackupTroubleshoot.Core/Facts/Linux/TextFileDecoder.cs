using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Turns the bytes of a text file into text, refusing binary input: a NUL byte or bytes that are not UTF-8 make the
    /// file malformed, with the offset named, so a check can say exactly what is wrong.
    /// </summary>
    public static class TextFileDecoder
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Decodes <paramref name="bytes"/>; on failure <paramref name="problem"/> says why and the result is null.</summary>
        public static string? TryDecode(byte[] bytes, out string? problem)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            var nul = Array.IndexOf(bytes, (byte)0);
            if (nul >= 0)
            {
                problem = $"binary content (NUL byte at offset {nul})";
                return null;
            }

            try
            {
                var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                problem = null;
                return StrictUtf8.GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException ex)
            {
                problem = $"not UTF-8 text (invalid byte at offset {ex.Index})";
                return null;
            }
        }

        /// <summary>Decodes a read file; an absent, unreadable or cut (larger than the read limit) file, or binary content, gives a fact without text.</summary>
        public static FileFact<string> Decode(RootFile file)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            if (file.Status != RootReadStatus.Present)
            {
                return FileFact<string>.FromUnusableRead(file);
            }

            if (file.Truncated)
            {
                // A configuration or status file cut at the read limit would make a setting after the cut read as its default.
                return FileFact<string>.Malformed(file.Path, $"is larger than the read limit: only its first {file.Content.Length} bytes were read, so a setting after them would be missed (the file is not used)");
            }

            var text = TryDecode(file.Content, out var problem);
            return text is null ? FileFact<string>.Malformed(file.Path, problem!) : FileFact<string>.Present(file.Path, text);
        }

        /// <summary>Splits text into lines on LF, dropping a trailing CR from each (CRLF files read the same).</summary>
        public static IReadOnlyList<string> Lines(string text)
        {
            var lines = text.Split('\n');
            var count = lines.Length;
            if (count > 0 && lines[count - 1].Length == 0)
            {
                count--;
            }

            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                var line = lines[i];
                result[i] = line.EndsWith("\r", StringComparison.Ordinal) ? line.Substring(0, line.Length - 1) : line;
            }

            return result;
        }
    }
}
