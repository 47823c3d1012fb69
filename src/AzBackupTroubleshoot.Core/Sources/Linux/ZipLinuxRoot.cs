using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// A root inside a zip file (a bundle written by Save-AzBackupAgentLog, or any zip laid out as a root). Entries are read
    /// into memory on demand; nothing is extracted to disk. Entry names with a <c>..</c> component are ignored.
    /// </summary>
    public sealed class ZipLinuxRoot : ILinuxRoot
    {
        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly ZipArchive _archive;
        private readonly Dictionary<string, ZipArchiveEntry> _files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> _children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);

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

            var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
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

        /// <summary>True when the file starts with the zip local-header signature (PK\x03\x04) or is an empty zip.</summary>
        public static bool LooksLikeZip(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
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
            var key = RootPath.Normalize(path);
            if (_files.ContainsKey(key))
            {
                return RootEntryKind.File;
            }

            return _children.ContainsKey(key) ? RootEntryKind.Directory : RootEntryKind.None;
        }

        /// <inheritdoc />
        public IReadOnlyList<RootEntry> List(string directory)
        {
            var key = RootPath.Normalize(directory);
            if (!_children.TryGetValue(key, out var names))
            {
                return Array.Empty<RootEntry>();
            }

            return names.Select(n => new RootEntry(n, GetKind(RootPath.Combine(key, n)))).ToArray();
        }

        /// <inheritdoc />
        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head)
        {
            var key = RootPath.Normalize(path);
            var display = "/" + key;
            if (!_files.TryGetValue(key, out var entry))
            {
                return _children.ContainsKey(key) ? RootFile.Unreadable(display, "it is a directory") : RootFile.Absent(display);
            }

            lock (_gate)
            {
                try
                {
                    using var stream = entry.Open();
                    return RootFile.Present(display, StreamWindow.Read(stream, maxBytes, window, out var truncated), truncated);
                }
                catch (InvalidDataException ex)
                {
                    return RootFile.Unreadable(display, $"the zip entry is corrupt ({ex.Message})");
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

            _files[key] = entry;
            AddDirectory(RootPath.Parent(key));
            _children[RootPath.Parent(key)].Add(RootPath.FileName(key));
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
