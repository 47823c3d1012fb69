using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>
    /// Replaces a file's content atomically: the new content goes to a temporary file in the same folder, gets the original's
    /// mode and owner, is flushed to disk, and is renamed over the original. A reader sees the old file or the new one, never
    /// a half-written one; on failure the temporary file is removed and the original is untouched. Every path goes through the
    /// root's <see cref="RootPathResolver"/> first: nothing is written, backed up or renamed outside the root or through a link.
    /// </summary>
    public sealed class AtomicFileWriter
    {
        /// <summary>The largest file copied as a backup (the files repaired are a few KiB).</summary>
        public const int MaxBackupBytes = RootLimits.DefaultMaxBytes;

        private readonly IUnixFileMetadata _metadata;
        private readonly Func<DateTime> _clock;
        private readonly RootPathResolver _resolver;

        /// <summary>
        /// Creates a writer for the root <paramref name="resolver"/> names; without one, the running machine's <c>/</c> with
        /// its strict rule (no link anywhere on a written path).
        /// </summary>
        public AtomicFileWriter(IUnixFileMetadata metadata, Func<DateTime>? clock = null, RootPathResolver? resolver = null)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _clock = clock ?? (() => DateTime.UtcNow);
            _resolver = resolver ?? new RootPathResolver("/", isLive: true);
        }

        /// <summary>The resolver every path goes through.</summary>
        public RootPathResolver Resolver => _resolver;

        /// <summary>
        /// Copies <paramref name="path"/> to a time-stamped backup beside it (same mode and owner) and returns the backup's
        /// path. The original is opened without following a link and must be a regular file; the backup is created new
        /// (never through an existing name or link).
        /// </summary>
        /// <exception cref="ContainmentException">The path leaves the root or is a link.</exception>
        public string Backup(string path)
        {
            var source = _resolver.ResolveForWrite(path);
            var stamp = _clock().ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            using var input = RegularFile.OpenRead(source, followLinks: false);
            if (input.Length > MaxBackupBytes)
            {
                throw new IOException($"'{source}' is larger than {MaxBackupBytes} bytes; it is not copied as a backup.");
            }

            for (var i = 0; ; i++)
            {
                var backup = i == 0 ? $"{source}.{stamp}.azbt.bak" : $"{source}.{stamp}-{i.ToString(CultureInfo.InvariantCulture)}.azbt.bak";
                if (FileNode.GetKind(backup) != FileNodeKind.None)
                {
                    continue;
                }

                using (var output = new FileStream(backup, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    input.CopyTo(output);
                    output.Flush(flushToDisk: true);
                }

                var original = _metadata.Get(source);
                if (original != null)
                {
                    _metadata.Set(backup, original);
                }

                return backup;
            }
        }

        /// <summary>Creates a folder (and missing parents) under the root with <paramref name="mode"/>; returns where it is.</summary>
        /// <exception cref="ContainmentException">The path leaves the root or is a link.</exception>
        public string CreateDirectory(string path, int mode = 493)
        {
            var folder = _resolver.ResolveFolderForWrite(path);
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                _metadata.SetMode(folder, mode);
            }

            return folder;
        }

        /// <summary>Where a write to <paramref name="path"/> lands (links of its folders resolved inside the root).</summary>
        /// <exception cref="ContainmentException">The path leaves the root or is a link.</exception>
        public string Resolve(string path) => _resolver.ResolveForWrite(path);

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically; a new file gets <paramref name="newFileMode"/>.</summary>
        /// <exception cref="ContainmentException">The path leaves the root or is a link.</exception>
        public void Write(string path, byte[] content, int newFileMode = 420)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            var full = _resolver.ResolveForWrite(path);
            RegularFile.EnsureReplaceable(full);
            var original = FileNode.GetKind(full) == FileNodeKind.Regular ? _metadata.Get(full) : null;
            AtomicFile.Write(full, stream => stream.Write(content, 0, content.Length), beforeRename: temp =>
            {
                if (original != null)
                {
                    _metadata.Set(temp, original);
                }
                else
                {
                    _metadata.SetMode(temp, newFileMode);
                }

                // The folders are resolved again right before the rename: a link swapped in meanwhile is refused.
                if (_resolver.ResolveForWrite(path) != full)
                {
                    throw new ContainmentException(path, $"The folders of '{path}' changed while it was written; nothing was changed.");
                }
            });
        }
    }
}
