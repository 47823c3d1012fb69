using System.IO.Compression;

namespace AzBackupTroubleshoot.Core.Sources
{
    /// <summary>
    /// Recognises compressed files by their first bytes (and, for formats without a reliable signature, their names), and
    /// decompresses gzip within limits. Only gzip can be opened with what netstandard2.0 has, so only gzip logs can be
    /// redacted and recompressed; every other compressed or archive file is named here so the bundle leaves it out: its
    /// bytes are never copied (the secrets inside are unseen) and never redacted byte by byte (that corrupts the frame).
    /// </summary>
    internal static class CompressedLog
    {
        /// <summary>A gzip file may expand at most this many times its compressed size (beyond <see cref="MinAllowance"/>).</summary>
        public const int MaxRatio = 200;

        /// <summary>Any gzip file may expand to this many bytes, whatever its ratio.</summary>
        public const int MinAllowance = 1024 * 1024;

        private static readonly (string Format, byte[] Magic, int Offset, bool Archive)[] Signatures =
        {
            ("zstd", new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, 0, false),
            ("xz", new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }, 0, false),
            ("lz4", new byte[] { 0x04, 0x22, 0x4D, 0x18 }, 0, false),
            ("lzip", new byte[] { 0x4C, 0x5A, 0x49, 0x50 }, 0, false),
            ("compress (.Z)", new byte[] { 0x1F, 0x9D }, 0, false),
            ("zip", new byte[] { 0x50, 0x4B, 0x03, 0x04 }, 0, true),
            ("zip", new byte[] { 0x50, 0x4B, 0x05, 0x06 }, 0, true),
            ("7-Zip", new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }, 0, true),
            ("rar", new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07 }, 0, true),
            ("tar", new byte[] { 0x75, 0x73, 0x74, 0x61, 0x72 }, 257, true),
        };

        private static readonly (string Suffix, string Format, bool Archive)[] Names =
        {
            (".zst", "zstd", false), (".zstd", "zstd", false), (".xz", "xz", false), (".txz", "xz", true), (".bz2", "bzip2", false),
            (".tbz2", "bzip2", true), (".lz4", "lz4", false), (".lzma", "lzma", false), (".lz", "lzip", false), (".lzo", "lzo", false),
            (".br", "brotli", false), (".Z", "compress (.Z)", false), (".zip", "zip", true), (".tgz", "gzip", true), (".7z", "7-Zip", true),
            (".rar", "rar", true), (".tar", "tar", true), (".cab", "cab", true),
        };

        /// <summary>True when <paramref name="content"/> starts like a gzip file.</summary>
        public static bool IsGzip(byte[] content) => content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B;

        /// <summary>
        /// The reason a file cannot be taken because it is compressed in a form this module cannot redact inside (null when
        /// it is not, or is gzip): an archive, or a zstd, xz, bzip2, lz4 ... stream.
        /// </summary>
        public static string? Unredactable(string fileName, byte[] content)
        {
            if (fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
            {
                return Archive;
            }

            if (IsGzip(content))
            {
                return null;
            }

            foreach (var (format, magic, offset, archive) in Signatures)
            {
                if (content.Length >= offset + magic.Length && magic.Select((b, i) => content[offset + i] == b).All(x => x))
                {
                    return archive ? Archive : Stream(format);
                }
            }

            if (content.Length >= 4 && content[0] == (byte)'B' && content[1] == (byte)'Z' && content[2] == (byte)'h' && content[3] >= (byte)'1' && content[3] <= (byte)'9')
            {
                return Stream("bzip2");
            }

            foreach (var (suffix, format, archive) in Names)
            {
                var comparison = suffix == ".Z" ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                if (fileName.EndsWith(suffix, comparison))
                {
                    return archive ? Archive : Stream(format);
                }
            }

            return null;
        }

        /// <summary>
        /// Decompresses a gzip file within <paramref name="maxBytes"/> and the ratio limit. Null, with the reason, when the
        /// file is not valid gzip or would expand past a limit (the reading stops there: a bomb is never inflated).
        /// </summary>
        public static byte[]? Gunzip(byte[] content, long maxBytes, out string? reason)
        {
            var allowed = Math.Min(maxBytes, Math.Max(MinAllowance, (long)content.Length * MaxRatio));
            try
            {
                using var input = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
                if (!StreamLimit.TryReadAll(input, allowed, out var inflated))
                {
                    reason = $"gzip file over the decompression limit ({MaxRatio}:1 beyond {MinAllowance / (1024 * 1024)} MiB, at most {maxBytes / (1024 * 1024)} MiB; left out)";
                    return null;
                }

                reason = null;
                return inflated;
            }
            catch (InvalidDataException)
            {
                reason = "not a valid gzip file (left out)";
                return null;
            }
        }

        /// <summary>Compresses <paramref name="content"/> as gzip.</summary>
        public static byte[] Gzip(byte[] content)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(content, 0, content.Length);
            }

            return output.ToArray();
        }

        private const string Archive = "compressed archive that cannot be checked for secrets (left out)";

        private static string Stream(string format) =>
            $"{format} compressed file that cannot be checked for secrets (only gzip can be decompressed here; left out)";
    }
}
