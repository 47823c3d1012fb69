using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Linux.Facts;
using AzBackupTroubleshoot.Core.Linux.Redaction;
using AzBackupTroubleshoot.Core.Linux.Roots;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Linux.Bundle
{
    /// <summary>
    /// Writes a log bundle: a zip laid out as a root (so Test-AzBackupAgentHealth -Path can analyse it), plus the health
    /// results as JSON. Secrets are redacted before anything reaches the zip; key and certificate files are left out. The zip
    /// is created with mode 0600 under a temporary name and renamed into place only when complete.
    /// </summary>
    public sealed class AgentLogBundleWriter
    {
        /// <summary>The name of the results file at the top of the bundle.</summary>
        public const string ResultsEntry = "AzBackupTroubleshoot.results.json";

        /// <summary>The counter name for files left out because they hold keys or certificates.</summary>
        public const string KeyOrCertificateFile = "KeyOrCertificateFile";

        private const int MaxFileBytes = 64 * 1024 * 1024;
        private static readonly string[] KeyExtensions = { ".prv", ".pem", ".crt", ".p7m", ".key", ".pfx", ".p12" };
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        private readonly IUnixFileMetadata _metadata;
        private readonly SecretRedactor _redactor = new SecretRedactor();

        /// <summary>Creates a writer.</summary>
        public AgentLogBundleWriter(IUnixFileMetadata metadata)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        }

        /// <summary>Writes the bundle for <paramref name="root"/> to <paramref name="destination"/> (replacing an existing file).</summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        public Task<BundleReport> WriteAsync(ILinuxRoot root, LinuxFacts facts, IReadOnlyList<HealthCheckResult> results, string destination, CancellationToken cancellationToken = default)
        {
            if (root is null || facts is null || results is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : facts is null ? nameof(facts) : nameof(results));
            }

            var full = Path.GetFullPath(destination ?? throw new ArgumentNullException(nameof(destination)));
            var folder = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
            }

            return Task.Run(() => Write(root, facts, results, full, folder, cancellationToken), cancellationToken);
        }

        private BundleReport Write(ILinuxRoot root, LinuxFacts facts, IReadOnlyList<HealthCheckResult> results, string full, string folder, CancellationToken cancellationToken)
        {
            var (files, directories) = new BundleFileSelector().Select(root, facts);
            var counts = new Dictionary<SecretKind, int>();
            var leftOut = new List<string>();
            var keyFiles = 0;
            var written = 0;
            var temp = Path.Combine(folder, "." + Path.GetFileName(full) + ".azbt-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
                {
                    _metadata.SetMode(temp, 384); // 0600 before a single byte is written
                    using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        foreach (var directory in directories)
                        {
                            zip.CreateEntry(directory + "/");
                        }

                        foreach (var path in files)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            var content = Prepare(root, path, counts, out var reason);
                            if (content is null)
                            {
                                leftOut.Add($"/{path}: {reason}");
                                keyFiles += reason!.StartsWith("key", StringComparison.Ordinal) ? 1 : 0;
                                continue;
                            }

                            AddEntry(zip, path, content);
                            written++;
                        }

                        var redactions = counts.ToDictionary(k => k.Key.ToString(), k => k.Value);
                        if (keyFiles > 0)
                        {
                            redactions[KeyOrCertificateFile] = keyFiles;
                        }

                        AddEntry(zip, ResultsEntry, ResultsJson(root, results, redactions, leftOut));
                        written++;
                    }

                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(full))
                {
                    File.Replace(temp, full, null);
                }
                else
                {
                    File.Move(temp, full);
                }

                var final = counts.ToDictionary(k => k.Key.ToString(), k => k.Value);
                if (keyFiles > 0)
                {
                    final[KeyOrCertificateFile] = keyFiles;
                }

                return new BundleReport(full, written, new FileInfo(full).Length, final, leftOut);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        private byte[]? Prepare(ILinuxRoot root, string path, IDictionary<SecretKind, int> counts, out string? reason)
        {
            reason = null;
            var name = RootPath.FileName(path);
            if (KeyExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || name.StartsWith("Certificates.", StringComparison.Ordinal))
            {
                reason = "key or certificate file (left out)";
                return null;
            }

            var link = root.ReadLink(path);
            var file = root.Read(path, MaxFileBytes, path.StartsWith("var/log/", StringComparison.Ordinal) ? ReadWindow.Tail : ReadWindow.Head);
            if (file.Status != RootReadStatus.Present)
            {
                if (link == null)
                {
                    reason = file.Problem ?? "not readable";
                    return null;
                }

                // A link the bundle cannot hold: a masked unit (/dev/null) becomes an empty file, an enable link its target's path.
                return link == "/dev/null" ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(link);
            }

            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return RedactGzip(file.Content, counts, out reason);
            }

            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
            {
                reason = "compressed archive that cannot be checked for secrets (left out)";
                return null;
            }

            return RedactBytes(path, file.Content, counts, out reason);
        }

        // The text is handled as Latin-1 (one char per byte) so that every byte, valid UTF-8 or not, comes back unchanged
        // except where a secret was replaced: the patterns are all ASCII.
        private byte[]? RedactBytes(string path, byte[] content, IDictionary<SecretKind, int> counts, out string? reason)
        {
            var text = Latin1.GetString(content);
            if (text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0)
            {
                reason = "key or certificate file: it holds a private key (left out)";
                return null;
            }

            reason = null;
            var network = path.StartsWith("etc/NetworkManager/", StringComparison.Ordinal) || path.StartsWith("etc/netplan/", StringComparison.Ordinal) ||
                          path.StartsWith("etc/sysconfig/network", StringComparison.Ordinal);
            var redacted = _redactor.Redact(text, counts, network);
            return ReferenceEquals(redacted, text) || redacted == text ? content : Latin1.GetBytes(redacted);
        }

        private byte[]? RedactGzip(byte[] content, IDictionary<SecretKind, int> counts, out string? reason)
        {
            byte[] plain;
            try
            {
                using var input = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
                plain = StreamLimit.ReadAll(input, MaxFileBytes);
            }
            catch (InvalidDataException)
            {
                reason = "not a valid gzip file (left out)";
                return null;
            }

            var redacted = RedactBytes(string.Empty, plain, counts, out reason);
            if (redacted is null)
            {
                return null;
            }

            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(redacted, 0, redacted.Length);
            }

            return output.ToArray();
        }

        private static void AddEntry(ZipArchive zip, string name, byte[] content)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var stream = entry.Open();
            stream.Write(content, 0, content.Length);
        }

        private static byte[] ResultsJson(ILinuxRoot root, IReadOnlyList<HealthCheckResult> results, IReadOnlyDictionary<string, int> redactions, IReadOnlyList<string> leftOut)
        {
            var options = new JsonSerializerOptions { WriteIndented = true };
            options.Converters.Add(new JsonStringEnumConverter());
            var document = new
            {
                createdUtc = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                source = root.Location,
                redactions,
                leftOut,
                results = results.Select(r => new
                {
                    r.Target, r.CheckId, r.Cause, r.Status, r.Message, r.Evidence, r.Remediation, r.RepairAction,
                }),
            };
            return JsonSerializer.SerializeToUtf8Bytes(document, options);
        }
    }
}
