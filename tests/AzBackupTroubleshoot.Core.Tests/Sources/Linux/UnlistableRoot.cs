using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Linux
{
    /// <summary>
    /// A <see cref="FolderLinuxRoot"/> over a temp root in which some folders cannot be listed, answering as the folder root
    /// does for a mode-000 folder read without CAP_DAC_READ_SEARCH: the folder itself lists as Unreadable "permission
    /// denied"; what lies under it is not found (stat of a child fails). The tests run as root here, where chmod 000 denies
    /// nothing; tests/HostileInput.Tests.ps1 reads real mode-000 folders as uid 1000 in a user namespace (unshare -U).
    /// </summary>
    public sealed class UnlistableRoot : ILinuxRoot
    {
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

            return _folders.Contains(relative) ? RootListing.Unreadable(RootPath.Display(directory), "permission denied") : RootListing.Absent(RootPath.Display(directory));
        }

        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head) =>
            Under(path) ? RootFile.Absent(RootPath.Display(path)) : _inner.Read(path, maxBytes, window);

        public string? ReadLink(string path) => Under(path) ? null : _inner.ReadLink(path);

        public void Dispose() => _inner.Dispose();

        private bool Under(string path) =>
            RootPath.TryNormalize(path, out var relative) && _folders.Any(f => relative.StartsWith(f + "/", StringComparison.Ordinal));
    }
}
