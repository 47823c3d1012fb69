using System.IO.Compression;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// A root inside a zip file (a bundle written by Save-AzBackupAgentLog, or any zip laid out as a root). Entries are read
    /// into memory on demand; nothing is extracted to disk. Entry names with a <c>..</c> component are ignored. Reads stay
    /// within <see cref="ZipLimits"/> (size, ratio, total); a name given twice and an entry that fails its CRC-32 are
    /// unreadable, never read silently.
    /// </summary>
    public sealed class ZipLinuxRoot : ILinuxRoot
    {
        // ZipArchiveEntry.Crc32 exists from .NET Core 3.0 on; netstandard2.0 cannot name it (on .NET Framework no CRC is checked).
        private static readonly System.Reflection.PropertyInfo? Crc32Property = typeof(ZipArchiveEntry).GetProperty("Crc32");

        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly ZipArchive _archive;
        private readonly Dictionary<string, ZipArchiveEntry> _files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> _children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _duplicates = new Dictionary<string, int>(StringComparer.Ordinal);
        private long _expanded;

        private ZipLinuxRoot(string path, FileStream stream, ZipArchive archive)
        {
            Location = path;
            _stream = stream;
            _archive = archive;
            _children[string.Empty] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                Index(entry);
            }
        }

        /// <inheritdoc />
        public string Location { get; }

        /// <summary>Opens a zip file as a root.</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not a zip archive.</exception>
        public static ZipLinuxRoot Open(string zipPath)
        {
            var full = Path.GetFullPath(zipPath ?? throw new ArgumentNullException(nameof(zipPath)));
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"The bundle '{full}' does not exist.", full);
            }

            FileStream stream;
            try
            {
                stream = RegularFile.OpenRead(full); // a FIFO or device named as a bundle is refused, never waited on
            }
            catch (NotRegularFileException ex)
            {
                throw new InvalidDataException($"'{full}' is {FileNode.Describe(ex.Kind)}, not a folder or a zip bundle.", ex);
            }

            string? tooMany;
            try
            {
                tooMany = EntryCountProblem(stream);
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            if (tooMany != null)
            {
                stream.Dispose();
                throw new InvalidDataException($"'{full}' {tooMany}; it was not opened.");
            }

            try
            {
                var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                return new ZipLinuxRoot(full, stream, archive);
            }
            catch (InvalidDataException ex)
            {
                stream.Dispose();
                throw new InvalidDataException($"'{full}' is not a zip archive: {ex.Message}", ex);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        // ZipArchive parses the whole central directory into memory; its entry count is in the end-of-central-directory
        // record (the last 22 bytes plus a comment of up to 65,535), read here first. APPNOTE.TXT 4.3.16: signature
        // 0x06054b50, total entries (2 bytes) at offset 10; 0xFFFF means the count is in a Zip64 record.
        private static string? EntryCountProblem(FileStream stream)
        {
            var tail = (int)Math.Min(stream.Length, 22 + 65535);
            var buffer = new byte[tail];
            stream.Seek(-tail, SeekOrigin.End);
            var read = 0;
            while (read < tail)
            {
                var n = stream.Read(buffer, read, tail - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            stream.Seek(0, SeekOrigin.Begin);
            for (var i = read - 22; i >= 0; i--)
            {
                if (buffer[i] == 0x50 && buffer[i + 1] == 0x4B && buffer[i + 2] == 0x05 && buffer[i + 3] == 0x06)
                {
                    var entries = buffer[i + 10] | (buffer[i + 11] << 8);
                    return entries == 0xFFFF
                        ? $"counts its entries in a Zip64 record (more than 65,534), more than the {ZipLimits.MaxEntries} allowed (ZipLimits.MaxEntries)"
                        : entries > ZipLimits.MaxEntries ? $"has {entries} entries, more than the {ZipLimits.MaxEntries} allowed (ZipLimits.MaxEntries)" : null;
                }
            }

            return null; // no record: ZipArchive says it is not a zip archive
        }

        /// <summary>True when the file starts with the zip local-header signature (PK\x03\x04) or is an empty zip.</summary>
        public static bool LooksLikeZip(string path)
        {
            try
            {
                using var stream = RegularFile.OpenRead(path);
                var head = new byte[4];
                var read = stream.Read(head, 0, 4);
                return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' &&
                       ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public RootEntryKind GetKind(string path)
        {
            if (!RootPath.TryNormalize(path, out var key))
            {
                return RootEntryKind.Other;
            }

            if (_files.ContainsKey(key))
            {
                return RootEntryKind.File;
            }

            return _children.ContainsKey(key) ? RootEntryKind.Directory : RootEntryKind.None;
        }

        /// <inheritdoc />
        public RootListing List(string directory)
        {
            if (!RootPath.TryNormalize(directory, out var key))
            {
                return RootListing.Unreadable(RootPath.Display(directory), RootPath.ClimbingProblem);
            }

            if (!_children.TryGetValue(key, out var names))
            {
                return RootListing.Absent("/" + key);
            }

            return RootListing.Present("/" + key, names.Select(n => new RootEntry(n, GetKind(RootPath.Combine(key, n)))).ToArray());
        }

        /// <inheritdoc />
        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head)
        {
            if (!RootPath.TryNormalize(path, out var key))
            {
                return RootFile.Unreadable(RootPath.Display(path), RootPath.ClimbingProblem);
            }

            var display = "/" + key;
            if (!_files.TryGetValue(key, out var entry))
            {
                return _children.ContainsKey(key) ? RootFile.Unreadable(display, "it is a directory") : RootFile.Absent(display);
            }

            if (_duplicates.TryGetValue(key, out var count))
            {
                return RootFile.Unreadable(display, $"the zip holds {count} entries named '{key}', so which one is meant is unknown (a tampered or corrupt bundle)");
            }

            lock (_gate)
            {
                try
                {
                    var problem = LimitProblem(entry);
                    if (problem != null)
                    {
                        return RootFile.Unreadable(display, problem);
                    }

                    using var stream = new CheckedEntryStream(entry.Open(), key, entry.Length, StoredCrc(entry), ZipLimits.MaxTotalBytes - _expanded);
                    try
                    {
                        return RootFile.Present(display, StreamLimit.Read(stream, maxBytes, window, out var truncated), truncated);
                    }
                    finally
                    {
                        _expanded += stream.BytesRead;
                    }
                }
                catch (InvalidDataException ex)
                {
                    return RootFile.Unreadable(display, $"the zip entry cannot be used ({ex.Message})");
                }
                catch (IOException ex)
                {
                    return RootFile.Unreadable(display, ex.Message);
                }
            }
        }

        /// <inheritdoc />
        public string? ReadLink(string path) => null;

        /// <inheritdoc />
        public void Dispose()
        {
            _archive.Dispose();
            _stream.Dispose();
        }

        private void Index(ZipArchiveEntry entry)
        {
            var raw = entry.FullName.Replace('\\', '/');
            var isDirectory = raw.EndsWith("/", StringComparison.Ordinal);
            string key;
            try
            {
                key = RootPath.Normalize(raw);
            }
            catch (ArgumentException)
            {
                return; // a name that climbs out of the root is not part of it
            }

            if (key.Length == 0)
            {
                return;
            }

            if (isDirectory)
            {
                AddDirectory(key);
                return;
            }

            if (_files.ContainsKey(key))
            {
                _duplicates[key] = _duplicates.TryGetValue(key, out var count) ? count + 1 : 2;
            }

            _files[key] = entry;
            AddDirectory(RootPath.Parent(key));
            _children[RootPath.Parent(key)].Add(RootPath.FileName(key));
        }

        private static uint? StoredCrc(ZipArchiveEntry entry) => Crc32Property?.GetValue(entry) is uint crc ? crc : (uint?)null;

        // The header's sizes are checked before a byte is expanded; CheckedEntryStream holds the entry to them while reading.
        private string? LimitProblem(ZipArchiveEntry entry)
        {
            if (entry.Length > ZipLimits.MaxEntryBytes)
            {
                return $"it expands to {entry.Length} bytes, more than the {ZipLimits.MaxEntryBytes} allowed for one entry (ZipLimits.MaxEntryBytes); it was not decompressed";
            }

            if (entry.Length > ZipLimits.RatioFloorBytes && entry.Length > (long)ZipLimits.MaxRatio * Math.Max(1, entry.CompressedLength))
            {
                return $"it expands {entry.Length / Math.Max(1, entry.CompressedLength)} to 1, more than the {ZipLimits.MaxRatio} to 1 allowed (ZipLimits.MaxRatio; a zip bomb); it was not decompressed";
            }

            if (_expanded + entry.Length > ZipLimits.MaxTotalBytes)
            {
                return $"the bundle's entries together expand past {ZipLimits.MaxTotalBytes} bytes (ZipLimits.MaxTotalBytes); it was not decompressed";
            }

            return null;
        }

        private void AddDirectory(string key)
        {
            while (true)
            {
                if (!_children.ContainsKey(key))
                {
                    _children[key] = new SortedSet<string>(StringComparer.Ordinal);
                }

                if (key.Length == 0)
                {
                    return;
                }

                var parent = RootPath.Parent(key);
                if (!_children.ContainsKey(parent))
                {
                    _children[parent] = new SortedSet<string>(StringComparer.Ordinal);
                }

                _children[parent].Add(RootPath.FileName(key));
                key = parent;
            }
        }
    }
}
