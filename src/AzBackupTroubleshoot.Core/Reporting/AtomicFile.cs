using System;
using System.IO;
using System.Threading;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// Writes a file so that readers see either the old file or the whole new one: the content goes to a temporary file in
    /// the same folder, which is flushed to disk and then renamed over the target. If anything fails or the work is
    /// cancelled, the temporary file is deleted and the target is left as it was.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts in the stream it is given.</summary>
        /// <exception cref="IOException">The temporary file could not be written or renamed.</exception>
        /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
        /// <exception cref="NotRegularFileException">The path is a device, FIFO, socket or folder: it is never replaced.</exception>
        /// <exception cref="OperationCanceledException">The work was cancelled; nothing was changed.</exception>
        public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default)
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
            var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
            var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                {
                    write(stream);
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Flush(flushToDisk: true);
                }

                RegularFile.EnsureReplaceable(full); // a device, FIFO or folder is never replaced
                if (File.Exists(full))
                {
                    File.Replace(temp, full, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(temp, full);
                }
            }
            catch
            {
                TryDelete(temp);
                throw;
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
