using System;
using System.Globalization;
using System.IO;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>
    /// Replaces a file's content atomically: the new content goes to a temporary file in the same folder, gets the original's
    /// mode and owner, is flushed to disk, and is renamed over the original. A reader sees the old file or the new one, never
    /// a half-written one; on failure the temporary file is removed and the original is untouched.
    /// </summary>
    public sealed class AtomicFileWriter
    {
        private readonly IUnixFileMetadata _metadata;
        private readonly Func<DateTime> _clock;

        /// <summary>Creates a writer.</summary>
        public AtomicFileWriter(IUnixFileMetadata metadata, Func<DateTime>? clock = null)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _clock = clock ?? (() => DateTime.UtcNow);
        }

        /// <summary>Copies <paramref name="path"/> to a time-stamped backup beside it (same mode and owner) and returns the backup's path.</summary>
        public string Backup(string path)
        {
            var stamp = _clock().ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var backup = $"{path}.{stamp}.azbt.bak";
            for (var i = 1; File.Exists(backup); i++)
            {
                backup = $"{path}.{stamp}-{i.ToString(CultureInfo.InvariantCulture)}.azbt.bak";
            }

            File.Copy(path, backup);
            var original = _metadata.Get(path);
            if (original != null)
            {
                _metadata.Set(backup, original);
            }

            return backup;
        }

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically; a new file gets <paramref name="newFileMode"/>.</summary>
        public void Write(string path, byte[] content, int newFileMode = 420)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no folder.", nameof(path));
            var temp = Path.Combine(folder, "." + Path.GetFileName(full) + ".azbt-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            var original = File.Exists(full) ? _metadata.Get(full) : null;
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                if (original != null)
                {
                    _metadata.Set(temp, original);
                }
                else
                {
                    _metadata.SetMode(temp, newFileMode);
                }

                if (File.Exists(full))
                {
                    File.Replace(temp, full, null);
                }
                else
                {
                    File.Move(temp, full);
                }
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
