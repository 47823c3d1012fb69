using System.Reflection;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// The one place that turns a path under a root into a path on this machine, for reads and for every write, backup and
    /// rename. Each component is resolved inside the root: an absolute link target means the root's own file (re-rooted), a
    /// <c>..</c> stops at the root, a loop is refused. For a write the last component must not be a link (nothing is written
    /// through one, nor copied from one as a backup); on the running machine (<see cref="IsLive"/>) no component may be a link
    /// at all, because the module expects none on the paths it repairs.
    /// </summary>
    public sealed class RootPathResolver
    {
        private const int MaxLinkHops = 40;

        // FileSystemInfo.LinkTarget exists from .NET 6 on; netstandard2.0 cannot name it, so it is looked up once.
        private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

        /// <summary>Creates a resolver for the root folder <paramref name="folder"/>.</summary>
        public RootPathResolver(string folder, bool isLive)
        {
            if (string.IsNullOrEmpty(folder))
            {
                throw new ArgumentException("A folder is required.", nameof(folder));
            }

            var full = Path.GetFullPath(folder);
            Folder = full.Length > 1 ? full.TrimEnd('/', Path.DirectorySeparatorChar) : full;
            IsLive = isLive;
        }

        /// <summary>The root folder on this machine.</summary>
        public string Folder { get; }

        /// <summary>True for the running machine: links on a written path are refused, not resolved.</summary>
        public bool IsLive { get; }

        /// <summary>True when links can be read on this runtime (.NET 6 and later).</summary>
        internal static bool CanReadLinks => LinkTargetProperty != null;

        /// <summary>The target of a link as written, or null when <paramref name="hostPath"/> is not a link.</summary>
        public static string? LinkTarget(string hostPath)
        {
            if (LinkTargetProperty is null)
            {
                return null;
            }

            try
            {
                return LinkTargetProperty.GetValue(new FileInfo(hostPath)) as string;
            }
            catch (TargetInvocationException)
            {
                return null;
            }
        }

        /// <summary>
        /// The path on this machine of the root-relative <paramref name="relative"/> with every link (the last one too)
        /// resolved inside the root; null when the links loop.
        /// </summary>
        public string? ResolveForRead(string relative) => Walk(RootPath.Normalize(relative), forWrite: false, out _);

        /// <summary>
        /// The path on this machine where a write to <paramref name="hostPath"/> (a path under <see cref="Folder"/>, as
        /// the repairs name it) must go: folders resolved inside the root, the last component not a link.
        /// </summary>
        /// <exception cref="ContainmentException">The path is outside the root, loops, or goes through a refused link.</exception>
        public string ResolveForWrite(string hostPath)
        {
            var resolved = Walk(Relative(hostPath), forWrite: true, out var refusal);
            return resolved ?? throw new ContainmentException(hostPath, refusal!);
        }

        /// <summary>
        /// Like <see cref="ResolveForWrite"/> for a folder that files will be created in: offline, a link at its last
        /// component is resolved inside the root like any other folder link.
        /// </summary>
        /// <exception cref="ContainmentException">The path is outside the root, loops, or goes through a refused link.</exception>
        public string ResolveFolderForWrite(string hostPath)
        {
            var resolved = Walk(Relative(hostPath), forWrite: true, out var refusal, lastIsFolder: true);
            return resolved ?? throw new ContainmentException(hostPath, refusal!);
        }

        /// <summary>The root-relative form of a host path under <see cref="Folder"/>.</summary>
        /// <exception cref="ContainmentException">The path is not under the root.</exception>
        public string Relative(string hostPath)
        {
            var full = Path.GetFullPath(hostPath ?? throw new ArgumentNullException(nameof(hostPath)));
            if (Folder == "/")
            {
                return RootPath.Normalize(full);
            }

            if (full == Folder)
            {
                return string.Empty;
            }

            if (!full.StartsWith(Folder + "/", StringComparison.Ordinal))
            {
                throw new ContainmentException(hostPath, $"'{hostPath}' is outside the root '{Folder}'; nothing is written there.");
            }

            return RootPath.Normalize(full.Substring(Folder.Length + 1));
        }

        private string? Walk(string relative, bool forWrite, out string? refusal, bool lastIsFolder = false)
        {
            refusal = null;
            if (!CanReadLinks || (Folder == "/" && !forWrite))
            {
                // The running machine's own links are its truth when reading it.
                return relative.Length == 0 ? Folder : Path.Combine(Folder, relative);
            }

            var done = new List<string>();
            var pending = new LinkedList<string>(relative.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries));
            var hops = 0;
            while (pending.Count > 0)
            {
                var part = pending.First!.Value;
                pending.RemoveFirst();
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (done.Count > 0)
                    {
                        done.RemoveAt(done.Count - 1);
                    }

                    continue;
                }

                var candidate = Path.Combine(Folder, string.Join("/", done.Concat(new[] { part })));
                var target = LinkTarget(candidate);
                if (target is null)
                {
                    done.Add(part);
                    continue;
                }

                if (forWrite && IsLive)
                {
                    refusal = $"'{candidate}' is a symbolic link (to '{target}'); a repair on the running machine does not write through a link it did not expect. Nothing was changed.";
                    return null;
                }

                if (forWrite && pending.Count == 0 && !lastIsFolder)
                {
                    refusal = $"'{candidate}' is a symbolic link (to '{target}'); it is neither written through nor copied as a backup. Replace it with a regular file by hand if it should be edited.";
                    return null;
                }

                if (++hops > MaxLinkHops)
                {
                    refusal = $"The links under '{candidate}' loop (more than {MaxLinkHops} hops); nothing is written there.";
                    return null;
                }

                if (target.StartsWith("/", StringComparison.Ordinal))
                {
                    done.Clear();
                }

                var parts = target.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
                for (var i = parts.Length - 1; i >= 0; i--)
                {
                    pending.AddFirst(parts[i]);
                }
            }

            return done.Count == 0 ? Folder : Path.Combine(Folder, string.Join("/", done));
        }
    }
}
