using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Sources
{
    /// <summary>
    /// One log bundle in the making, for any guest OS: a zip created with mode 0600 under a temporary name beside the
    /// destination, filled with files whose secrets are redacted by <see cref="SecretRedactor"/> before they reach it
    /// (UTF-8/Latin-1 and UTF-16 text; gzip files are decompressed within limits, redacted and recompressed), closed with the
    /// health results as <see cref="ResultsEntry"/> (redacted too), and renamed into place only by <see cref="Complete"/>.
    /// Left out and listed: key and certificate files, files that hold a private key, archives and compressed files other
    /// than gzip (zstd, xz, bzip2, lz4 ...: never copied, never redacted byte by byte), gzip files over the decompression
    /// limits, and text the redactor could not check in time. Disposed before completion, it removes the temporary file:
    /// nothing half-written is left behind.
    /// </summary>
    public sealed class BundleZipWriter : IDisposable
    {
        /// <summary>The name of the results file at the top of a bundle.</summary>
        public const string ResultsEntry = "AzBackupTroubleshoot.results.json";

        /// <summary>The counter name for files left out because they hold keys or certificates.</summary>
        public const string KeyOrCertificateFile = "KeyOrCertificateFile";

        /// <summary>The most bytes taken of one file (for logs, the last ones), and the most one gzip file may expand to.</summary>
        public const int MaxFileBytes = 64 * 1024 * 1024;

        /// <summary>The most bytes all the gzip files of one bundle may expand to together.</summary>
        public const long MaxDecompressedBytes = 256L * 1024 * 1024;

        private const string KeyReason = "key or certificate file (left out)";
        private static readonly string[] KeyExtensions = { ".prv", ".pem", ".crt", ".cer", ".p7m", ".key", ".pfx", ".p12" };
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        private readonly SecretRedactor _redactor = new SecretRedactor();
        private readonly Dictionary<SecretKind, int> _counts = new Dictionary<SecretKind, int>();
        private readonly List<string> _leftOut = new List<string>();
        private readonly string _destination;
        private readonly string _temp;
        private FileStream? _stream;
        private ZipArchive? _zip;
        private int _keyFiles;
        private int _written;
        private long _decompressed;

        private BundleZipWriter(string destination, string temp, FileStream stream)
        {
            _destination = destination;
            _temp = temp;
            _stream = stream;
            _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        }

        /// <summary>Files left out so far, each as "path: reason".</summary>
        public IReadOnlyList<string> LeftOut => _leftOut;

        /// <summary>Starts a bundle that will replace <paramref name="destination"/> (a full path) when complete.</summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        public static BundleZipWriter Create(string destination, IUnixFileMetadata metadata)
        {
            if (metadata is null)
            {
                throw new ArgumentNullException(nameof(metadata));
            }

            var full = ResolveDestination(destination);
            var temp = AtomicFile.TempPathFor(full);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            try
            {
                metadata.SetMode(temp, 384); // 0600 before a single byte is written
                return new BundleZipWriter(full, temp, stream);
            }
            catch
            {
                stream.Dispose();
                File.Delete(temp);
                throw;
            }
        }

        /// <summary>The full path of a bundle's destination, checked early (before any work) so a wrong folder fails at once.</summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        /// <exception cref="NotRegularFileException">The destination is a device, FIFO, socket or folder (never replaced).</exception>
        public static string ResolveDestination(string destination)
        {
            var full = Path.GetFullPath(destination ?? throw new ArgumentNullException(nameof(destination)));
            var folder = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
            }

            RegularFile.EnsureReplaceable(full);
            return full;
        }

        /// <summary>True for a file name that marks a key or certificate (<c>*.pem</c>, <c>*.pfx</c>, <c>Certificates.*</c> ...).</summary>
        public static bool IsKeyOrCertificateName(string fileName) =>
            KeyExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || fileName.StartsWith("Certificates.", StringComparison.Ordinal);

        /// <summary>
        /// Leaves a key or certificate file out by its name, before it is read: true (and the file is listed as left out)
        /// when <paramref name="entryName"/>'s file name marks one.
        /// </summary>
        public bool LeavesOutByName(string entryName, string displayPath)
        {
            if (!IsKeyOrCertificateName(FileName(entryName)))
            {
                return false;
            }

            LeaveOutKey(displayPath, KeyReason);
            return true;
        }

        /// <summary>Adds an empty directory entry (<paramref name="entryName"/> without the trailing slash).</summary>
        public void AddDirectory(string entryName) => Zip.CreateEntry(entryName.TrimEnd('/') + "/");

        /// <summary>
        /// Adds a file with its secrets redacted; gzip files are redacted inside. The file is left out (and listed with
        /// <paramref name="displayPath"/>) when its name marks a key or certificate, when it holds a private key, or when it
        /// is an archive that cannot be scanned. <paramref name="networkConfiguration"/> also redacts <c>psk=</c> and
        /// <c>password=</c> lines.
        /// </summary>
        /// <returns>True when the file is in the bundle.</returns>
        public bool AddFile(string entryName, string displayPath, byte[] content, bool networkConfiguration = false)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            if (LeavesOutByName(entryName, displayPath))
            {
                return false;
            }

            var name = FileName(entryName);
            byte[]? prepared = null;
            var reason = CompressedLog.Unredactable(name, content);
            if (reason != null)
            {
                // Compressed in a form that cannot be opened here: copying it would carry its secrets, redacting its bytes would corrupt it.
            }
            else if (CompressedLog.IsGzip(content))
            {
                prepared = RedactGzip(content, out reason);
            }
            else if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                reason = "not a valid gzip file (left out)";
            }
            else
            {
                prepared = RedactBytes(content, networkConfiguration, out reason);
            }

            if (prepared is null)
            {
                if (reason!.StartsWith("key", StringComparison.Ordinal))
                {
                    LeaveOutKey(displayPath, reason);
                }
                else
                {
                    LeaveOut(displayPath, reason);
                }

                return false;
            }

            AddEntry(entryName, prepared);
            return true;
        }

        /// <summary>Lists a file that could not be taken (not readable, too large ...).</summary>
        public void LeaveOut(string displayPath, string reason) => _leftOut.Add($"{displayPath}: {reason}");

        /// <summary>
        /// Writes the results entry (with the redaction counts and the files left out), closes the zip and moves it into
        /// place, replacing an existing file.
        /// </summary>
        /// <param name="source">What the bundle was taken from (a root, a computer name), recorded in the results entry.</param>
        /// <param name="results">The health results.</param>
        public BundleReport Complete(string source, IReadOnlyList<HealthCheckResult> results)
        {
            if (results is null)
            {
                throw new ArgumentNullException(nameof(results));
            }

            var redactions = _counts.ToDictionary(k => k.Key.ToString(), k => k.Value);
            if (_keyFiles > 0)
            {
                redactions[KeyOrCertificateFile] = _keyFiles;
            }

            // The results were redacted when they were made; the file is redacted again as written (JSON escapes & and +),
            // and kept as it is if that second pass cannot finish.
            var resultsJson = ResultsJson(source, results, redactions);
            var resultsText = Latin1.GetString(resultsJson);
            AddEntry(ResultsEntry, _redactor.TryRedact(resultsText, out var redactedResults) && redactedResults != resultsText ? Latin1.GetBytes(redactedResults) : resultsJson);
            Zip.Dispose();
            _zip = null;
            _stream!.Flush(flushToDisk: true);
            _stream.Dispose();
            _stream = null;
            AtomicFile.Commit(_temp, _destination);
            return new BundleReport(_destination, _written, new FileInfo(_destination).Length, redactions, _leftOut.ToArray());
        }

        /// <summary>Closes the zip; a bundle that was not completed is deleted.</summary>
        public void Dispose()
        {
            try
            {
                _zip?.Dispose();
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException)
            {
                // The bundle is being thrown away: a failure to finish it does not matter.
            }

            _zip = null;
            _stream?.Dispose();
            _stream = null;
            if (File.Exists(_temp))
            {
                File.Delete(_temp);
            }
        }

        private ZipArchive Zip => _zip ?? throw new ObjectDisposedException(nameof(BundleZipWriter));

        private static string FileName(string entryName)
        {
            var slash = entryName.LastIndexOf('/');
            return slash < 0 ? entryName : entryName.Substring(slash + 1);
        }

        private void LeaveOutKey(string displayPath, string reason)
        {
            LeaveOut(displayPath, reason);
            _keyFiles++;
        }

        private void AddEntry(string name, byte[] content)
        {
            var entry = Zip.CreateEntry(name, CompressionLevel.Optimal);
            using (var stream = entry.Open())
            {
                stream.Write(content, 0, content.Length);
            }

            _written++;
        }

        // The text is handled as Latin-1 (one char per byte) so that every byte, valid UTF-8 or not, comes back unchanged
        // except where a secret was replaced: the patterns are all ASCII. UTF-16 text (a byte order mark, or zeros in every
        // other byte) is decoded as UTF-16 instead, so its secrets are seen, and written back in the same encoding.
        private byte[]? RedactBytes(byte[] content, bool networkConfiguration, out string? reason)
        {
            var encoding = Utf16Encoding(content, out var preamble);
            var text = encoding.GetString(content, preamble, content.Length - preamble);
            if (text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0)
            {
                reason = "key or certificate file: it holds a private key (left out)";
                return null;
            }

            var counts = new Dictionary<SecretKind, int>();
            if (!_redactor.TryRedact(text, out var redacted, counts, networkConfiguration))
            {
                reason = "text that could not be checked for secrets in time (left out)";
                return null;
            }

            foreach (var count in counts)
            {
                _counts[count.Key] = (_counts.TryGetValue(count.Key, out var n) ? n : 0) + count.Value;
            }

            reason = null;
            if (ReferenceEquals(redacted, text) || redacted == text)
            {
                return content;
            }

            var body = encoding.GetBytes(redacted);
            return preamble == 0 ? body : content.Take(preamble).Concat(body).ToArray();
        }

        private static Encoding Utf16Encoding(byte[] content, out int preamble)
        {
            preamble = 0;
            if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
            {
                preamble = 2;
                return Encoding.Unicode;
            }

            if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
            {
                preamble = 2;
                return Encoding.BigEndianUnicode;
            }

            // No byte order mark: UTF-16LE text of ASCII characters has a zero in every odd byte.
            var sample = Math.Min(content.Length, 512) & ~1;
            if (sample >= 8)
            {
                var oddZeros = 0;
                var evenZeros = 0;
                for (var i = 0; i < sample; i += 2)
                {
                    evenZeros += content[i] == 0 ? 1 : 0;
                    oddZeros += content[i + 1] == 0 ? 1 : 0;
                }

                if (oddZeros * 10 >= (sample / 2) * 9 && evenZeros == 0)
                {
                    return Encoding.Unicode;
                }
            }

            return Latin1;
        }

        private byte[]? RedactGzip(byte[] content, out string? reason)
        {
            var plain = CompressedLog.Gunzip(content, Math.Min(MaxFileBytes, MaxDecompressedBytes - _decompressed), out reason);
            if (plain is null)
            {
                return null;
            }

            _decompressed += plain.Length;
            var redacted = RedactBytes(plain, false, out reason);
            return redacted is null ? null : ReferenceEquals(redacted, plain) ? content : CompressedLog.Gzip(redacted);
        }

        private byte[] ResultsJson(string source, IReadOnlyList<HealthCheckResult> results, IReadOnlyDictionary<string, int> redactions)
        {
            var options = new JsonSerializerOptions { WriteIndented = true };
            options.Converters.Add(new JsonStringEnumConverter());
            var document = new
            {
                createdUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                source,
                redactions,
                leftOut = _leftOut,
                results = results.Select(r => new
                {
                    r.Target, r.CheckId, r.Cause, r.Status, r.Message, r.Evidence, r.Remediation, r.RepairAction,
                }),
            };
            return JsonSerializer.SerializeToUtf8Bytes(document, options);
        }
    }
}
