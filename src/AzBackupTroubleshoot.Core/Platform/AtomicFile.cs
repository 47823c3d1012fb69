namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// The one temp-then-rename writer: the content goes to a temporary file in the same folder, which is flushed to disk and
    /// then renamed over the target, so readers see either the old file or the whole new one. If anything fails or the work
    /// is cancelled, the temporary file is deleted and the target is left as it was. A device, FIFO, socket or folder at the
    /// target is never replaced. Repairs under a root (mode, owner, containment) build on it in <c>AtomicFileWriter</c>.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts in the stream it is given.</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="write">Writes the content.</param>
        /// <param name="cancellationToken">Checked after the content is written; nothing is changed when it is cancelled.</param>
        /// <param name="beforeRename">Runs on the flushed temporary file right before the rename (to set its mode and owner, or to check the path again); throwing leaves the target as it was.</param>
        /// <exception cref="IOException">The temporary file could not be written or renamed.</exception>
        /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
        /// <exception cref="NotRegularFileException">The path is a device, FIFO, socket or folder: it is never replaced.</exception>
        /// <exception cref="OperationCanceledException">The work was cancelled; nothing was changed.</exception>
        public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default, Action<string>? beforeRename = null)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            if (write is null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            var full = Path.GetFullPath(path);
            var temp = TempPathFor(full);
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                {
                    write(stream);
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Flush(flushToDisk: true);
                }

                beforeRename?.Invoke(temp);
                Commit(temp, full);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>A new temporary file name beside <paramref name="full"/> (hidden, with a random part), for writers that keep the stream open themselves.</summary>
        /// <exception cref="ArgumentException">The path has no folder.</exception>
        public static string TempPathFor(string full)
        {
            var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{full}' has no parent folder.", nameof(full));
            return Path.Combine(folder, "." + Path.GetFileName(full) + ".azbt-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        }

        /// <summary>Renames the flushed <paramref name="temp"/> over <paramref name="full"/> (replacing a regular file, or creating it).</summary>
        /// <exception cref="NotRegularFileException">The target is a device, FIFO, socket or folder: it is never replaced.</exception>
        public static void Commit(string temp, string full)
        {
            RegularFile.EnsureReplaceable(full);
            if (File.Exists(full))
            {
                File.Replace(temp, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, full);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: the original error matters more.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort.
            }
        }
    }
}
