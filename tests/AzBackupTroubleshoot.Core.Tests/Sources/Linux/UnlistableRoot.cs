using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    /// <summary>
    /// A <see cref="FolderLinuxRoot"/> over a temp root in which some folders cannot be listed, answering as the folder root
    /// does for a mode-000 folder read without CAP_DAC_READ_SEARCH: the folder itself lists as Unreadable "permission
    /// denied"; what lies under it cannot be searched: it lists and reads as Unreadable, and GetKind (which has no such
    /// answer) says None. The tests run as root here, where chmod 000 denies
    /// nothing; tests/HostileInput.Tests.ps1 reads real mode-000 folders as uid 1000 in a user namespace (unshare -U).
    /// </summary>
    public sealed class UnlistableRoot : ILinuxRoot
    {
        private const string SearchDenied = "permission denied (a folder above it cannot be searched)";

        private readonly FolderLinuxRoot _inner;
        private readonly string[] _folders;

        public UnlistableRoot(TempRoot temp, params string[] folders)
        {
            _inner = new FolderLinuxRoot(temp.Path);
            _folders = folders.Select(RootPath.Normalize).ToArray();
        }

        public string Location => _inner.Location;

        public RootEntryKind GetKind(string path) => Under(path) ? RootEntryKind.None : _inner.GetKind(path);

        public RootListing List(string directory)
        {
            if (!RootPath.TryNormalize(directory, out var relative) || !_folders.Any(f => relative == f || relative.StartsWith(f + "/", StringComparison.Ordinal)))
            {
                return _inner.List(directory);
            }

            return RootListing.Unreadable(RootPath.Display(directory), _folders.Contains(relative) ? "permission denied" : SearchDenied);
        }

        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head) =>
            Under(path) ? RootFile.Unreadable(RootPath.Display(path), SearchDenied) : _inner.Read(path, maxBytes, window);

        public string? ReadLink(string path) => Under(path) ? null : _inner.ReadLink(path);

        public void Dispose() => _inner.Dispose();

        private bool Under(string path) =>
            RootPath.TryNormalize(path, out var relative) && _folders.Any(f => relative.StartsWith(f + "/", StringComparison.Ordinal));
    }
}
