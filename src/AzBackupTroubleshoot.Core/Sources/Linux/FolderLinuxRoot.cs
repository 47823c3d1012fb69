using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// A root in a folder: the running machine's <c>/</c> or an offline root such as an OS disk mounted at
    /// <c>/rescue</c>. In an offline root, symbolic links are resolved inside the root (an absolute link target such as
    /// <c>/lib/systemd/system/waagent.service</c> means the offline disk's file, never this machine's).
    /// </summary>
    public sealed class FolderLinuxRoot : ILinuxRoot
    {
        private const string SearchDeniedProblem = "permission denied (a folder above it cannot be searched)";

        private readonly string _folder;
        private readonly bool _isSystemRoot;
        private readonly RootPathResolver _resolver;
        private readonly int _maxListingEntries;

        /// <summary>Creates a root over <paramref name="folder"/>.</summary>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        public FolderLinuxRoot(string folder)
            : this(folder, RootLimits.MaxListingEntries)
        {
        }

        internal FolderLinuxRoot(string folder, int maxListingEntries)
        {
            _maxListingEntries = maxListingEntries;
            if (string.IsNullOrEmpty(folder))
            {
                throw new ArgumentException("A folder is required.", nameof(folder));
            }

            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                throw new DirectoryNotFoundException($"The folder '{full}' does not exist.");
            }

            _folder = full.Length > 1 ? full.TrimEnd('/', Path.DirectorySeparatorChar) : full;
            _isSystemRoot = _folder == "/";
            _resolver = new RootPathResolver(_folder, _isSystemRoot);
        }

        /// <summary>The running machine's root, <c>/</c>.</summary>
        public static FolderLinuxRoot System() => new FolderLinuxRoot("/");

        /// <inheritdoc />
        public string Location => _folder;

        /// <summary>True when this is the running machine's <c>/</c>.</summary>
        public bool IsSystemRoot => _isSystemRoot;

        /// <summary>The path on this machine of a root-relative path (links resolved inside the root), or null.</summary>
        public string? HostPath(string path) => RootPath.TryNormalize(path, out var relative) ? Resolve(relative) : null;

        /// <inheritdoc />
        public RootEntryKind GetKind(string path)
        {
            if (!RootPath.TryNormalize(path, out var relative))
            {
                return RootEntryKind.Other;
            }

            var host = Resolve(relative);
            if (host is null)
            {
                return RootEntryKind.Other;
            }

            try
            {
                if (Directory.Exists(host))
                {
                    return RootEntryKind.Directory;
                }

                if (File.Exists(host))
                {
                    return RootEntryKind.File;
                }

                return IsLink(host) || ReadLink(path) != null ? RootEntryKind.Other : RootEntryKind.None;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return RootEntryKind.Other;
            }
        }

        /// <inheritdoc />
        public RootListing List(string directory)
        {
            var display = RootPath.Display(directory);
            if (!RootPath.TryNormalize(directory, out var relative))
            {
                return RootListing.Unreadable(display, RootPath.ClimbingProblem);
            }

            var host = Resolve(relative);
            if (host is null)
            {
                return RootListing.Unreadable(display, "its links loop");
            }

            if (!Directory.Exists(host))
            {
                return SearchDenied(host) ? RootListing.Unreadable(display, SearchDeniedProblem) : RootListing.Absent(display);
            }

            string[] names;
            try
            {
                // Taken lazily and only one past the limit: a folder of millions of entries is not read to its end.
                names = Directory.EnumerateFileSystemEntries(host).Select(Path.GetFileName).Take(_maxListingEntries + 1).ToArray()!;
            }
            catch (UnauthorizedAccessException)
            {
                return RootListing.Unreadable(display, "permission denied");
            }
            catch (IOException ex)
            {
                return RootListing.Unreadable(display, ex.Message);
            }

            if (names.Length > _maxListingEntries)
            {
                return RootListing.Unreadable(display, $"it holds more than {_maxListingEntries} entries (RootLimits.MaxListingEntries); it was not listed");
            }

            return RootListing.Present(display, names
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new RootEntry(n, GetKind(RootPath.Combine(relative, n))))
                .ToArray());
        }

        /// <inheritdoc />
        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head)
        {
            if (!RootPath.TryNormalize(path, out var relative))
            {
                return RootFile.Unreadable(RootPath.Display(path), RootPath.ClimbingProblem);
            }

            var display = "/" + relative;
            var host = Resolve(relative);
            if (host is null)
            {
                return RootFile.Unreadable(display, "its links loop or lead outside the root");
            }

            try
            {
                if (Directory.Exists(host))
                {
                    return RootFile.Unreadable(display, "it is a directory");
                }

                if (!File.Exists(host))
                {
                    return IsLink(host) || ReadLink(relative) != null ? RootFile.Unreadable(display, "it is a dangling link")
                        : SearchDenied(host) ? RootFile.Unreadable(display, SearchDeniedProblem)
                        : RootFile.Absent(display);
                }

                // Only a regular file is read: a FIFO would block, /dev/zero would never end (RegularFile checks the opened handle).
                using var stream = RegularFile.OpenRead(host, followLinks: _isSystemRoot);
                return RootFile.Present(display, StreamLimit.Read(stream, maxBytes, window, out var truncated), truncated);
            }
            catch (NotRegularFileException ex)
            {
                return RootFile.Unreadable(display, $"it is {FileNode.Describe(ex.Kind)}; only regular files are read");
            }
            catch (UnauthorizedAccessException)
            {
                return RootFile.Unreadable(display, "permission denied");
            }
            catch (FileNotFoundException)
            {
                return RootFile.Absent(display);
            }
            catch (DirectoryNotFoundException)
            {
                return RootFile.Absent(display);
            }
            catch (IOException ex)
            {
                return RootFile.Unreadable(display, ex.Message);
            }
        }

        /// <inheritdoc />
        public string? ReadLink(string path)
        {
            if (!RootPath.TryNormalize(path, out var relative))
            {
                return null;
            }

            var parent = Resolve(RootPath.Parent(relative));
            return parent is null ? null : LinkTarget(Path.Combine(parent, RootPath.FileName(relative)));
        }

        /// <inheritdoc />
        public void Dispose()
        {
            // Nothing is held open between reads.
        }

        // File.Exists and Directory.Exists say false both for "not there" and for "a folder above it cannot be searched"
        // (EACCES, for a reader without CAP_DAC_READ_SEARCH): stat tells them apart, so that an unreadable folder's files are
        // unreadable, not absent. Asked only when a path looks absent.
        private static bool SearchDenied(string hostPath)
        {
            try
            {
                File.GetAttributes(hostPath);
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is NotSupportedException)
            {
                return false;
            }
        }

        private static bool IsLink(string hostPath)
        {
            try
            {
                return (File.GetAttributes(hostPath) & FileAttributes.ReparsePoint) != 0 || LinkTarget(hostPath) != null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return LinkTarget(hostPath) != null;
            }
        }

        private static string? LinkTarget(string hostPath) => RootPathResolver.LinkTarget(hostPath);

        private string? Resolve(string relative) => _resolver.ResolveForRead(relative);
    }
}
