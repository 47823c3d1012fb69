namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>Reads the space figures of a mounted file system on the running machine (statvfs). Tests pass a stand-in.</summary>
    public interface IFilesystemStats
    {
        /// <summary>
        /// The figures of the file system mounted at <paramref name="mountPoint"/>, or a failed usage saying why; a mount that
        /// does not answer within <paramref name="timeout"/> (a hung network mount) is failed, never waited on longer.
        /// </summary>
        FilesystemUsage Query(string mountPoint, TimeSpan timeout);
    }
}
