namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// The live <see cref="IFilesystemStats"/>: .NET's <see cref="DriveInfo"/>, which on Linux calls statvfs on the mount
    /// point (a read-only query; nothing is opened for writing, no device is touched). A call that does not return within
    /// the timeout (statvfs on a hung NFS mount blocks) is reported failed; its thread is left to finish on its own.
    /// </summary>
    public sealed class StatvfsFilesystemStats : IFilesystemStats
    {
        /// <inheritdoc />
        public FilesystemUsage Query(string mountPoint, TimeSpan timeout)
        {
            if (mountPoint is null)
            {
                throw new ArgumentNullException(nameof(mountPoint));
            }

            var query = Task.Run(() => Read(mountPoint));
            if (!query.Wait(timeout))
            {
                return FilesystemUsage.Failed(mountPoint, $"statvfs did not answer within {timeout.TotalSeconds:0.#} s (a hung or stale mount)");
            }

            return query.Result;
        }

        private static FilesystemUsage Read(string mountPoint)
        {
            try
            {
                var drive = new DriveInfo(mountPoint);
                var size = drive.TotalSize;
                var free = Math.Min(drive.TotalFreeSpace, size);
                return FilesystemUsage.Measured(mountPoint, size, free, Math.Min(drive.AvailableFreeSpace, free));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return FilesystemUsage.Failed(mountPoint, "statvfs failed: " + ex.Message);
            }
        }
    }
}
