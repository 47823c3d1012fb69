using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Decides whether a program in a root is safe to run as this (root) process: every link on its path is resolved inside
    /// the root, the file it ends at is a regular executable file, and that file and every folder passed on the way (with
    /// the root folder's own parents) belong to a trusted owner (root) and cannot be written by group or others (a sticky
    /// folder such as /tmp is allowed: only a file's owner can rename it there). Anything else is refused with the reason.
    /// </summary>
    internal sealed class TrustedExecutable
    {
        /// <summary>The most links followed before the path counts as a loop (Linux's own limit).</summary>
        public const int MaxLinkHops = 40;

        private const int GroupOrOtherWrite = 0x12; // 0022
        private const int Sticky = 0x200; // 01000
        private const int AnyExecute = 0x49; // 0111

        private readonly IUnixFileMetadata _metadata;
        private readonly IReadOnlyCollection<int> _trusted;

        public TrustedExecutable(IUnixFileMetadata metadata, IReadOnlyCollection<int> trustedOwners)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _trusted = trustedOwners ?? throw new ArgumentNullException(nameof(trustedOwners));
        }

        /// <summary>
        /// Checks <paramref name="path"/> (absolute, in the root at <paramref name="rootFolder"/>); on success
        /// <paramref name="hostPath"/> is the resolved file on this machine, the one to run.
        /// </summary>
        /// <returns>Null when it is safe to run, else why not.</returns>
        public string? Check(string rootFolder, string path, out string hostPath)
        {
            hostPath = string.Empty;
            if (!RootPath.TryNormalize(path, out var relative) || relative.Length == 0)
            {
                return $"'{path}' is not a plain absolute path.";
            }

            var folders = new List<string>();
            for (var parent = rootFolder; parent != null; parent = Path.GetDirectoryName(parent))
            {
                folders.Add(parent);
            }

            var done = new List<string>();
            var pending = new LinkedList<string>(relative.Split('/'));
            var hops = 0;
            string? file = null;
            while (pending.Count > 0)
            {
                var part = pending.First!.Value;
                pending.RemoveFirst();
                if (part.Length == 0 || part == ".")
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

                var candidate = HostPath(rootFolder, done.Concat(new[] { part }));
                var kind = FileNode.GetKind(candidate, followLinks: false);
                if (kind == FileNodeKind.SymbolicLink)
                {
                    var target = RootPathResolver.LinkTarget(candidate);
                    if (target is null || ++hops > MaxLinkHops)
                    {
                        return target is null ? $"The link {candidate} cannot be read." : $"The links on {path} loop (more than {MaxLinkHops} hops).";
                    }

                    if (target.StartsWith("/", StringComparison.Ordinal))
                    {
                        done.Clear(); // an absolute target is the root's own file
                    }

                    foreach (var next in Enumerable.Reverse(target.Split('/')))
                    {
                        pending.AddFirst(next);
                    }

                    continue;
                }

                if (kind == FileNodeKind.None)
                {
                    return $"{candidate} does not exist (from {path}).";
                }

                if (pending.Count > 0)
                {
                    if (kind != FileNodeKind.Directory)
                    {
                        return $"{candidate} is {FileNode.Describe(kind)}, not a folder (from {path}).";
                    }

                    folders.Add(candidate);
                    done.Add(part);
                    continue;
                }

                if (kind != FileNodeKind.Regular)
                {
                    return $"{candidate} is {FileNode.Describe(kind)}, not a regular file; it is not run.";
                }

                file = candidate;
            }

            if (file is null)
            {
                return $"'{path}' does not name a file.";
            }

            foreach (var folder in folders.Distinct(StringComparer.Ordinal))
            {
                var refusal = Refusal(folder, isFolder: true);
                if (refusal != null)
                {
                    return refusal;
                }
            }

            var problem = Refusal(file, isFolder: false);
            if (problem != null)
            {
                return problem;
            }

            hostPath = file;
            return null;
        }

        private static string HostPath(string rootFolder, IEnumerable<string> parts) =>
            rootFolder == "/" ? "/" + string.Join("/", parts) : rootFolder + "/" + string.Join("/", parts);

        private string? Refusal(string path, bool isFolder)
        {
            var meta = _metadata.Get(path);
            if (meta is null)
            {
                return $"The owner and mode of {path} cannot be read; it is not run.";
            }

            var what = isFolder ? $"the folder {path}" : path;
            var mode = Convert.ToString(meta.Mode, 8).PadLeft(4, '0');
            if (!_trusted.Contains(meta.UserId))
            {
                return $"{Capital(what)} belongs to user id {meta.UserId.ToString(CultureInfo.InvariantCulture)}, not root; a program others can replace is not run as root.";
            }

            if ((meta.Mode & GroupOrOtherWrite) != 0 && !(isFolder && (meta.Mode & Sticky) != 0))
            {
                return $"{Capital(what)} can be written by its group or by others (mode {mode}); a program others can change is not run as root.";
            }

            if (!isFolder && (meta.Mode & AnyExecute) == 0)
            {
                return $"{path} is not executable (mode {mode}).";
            }

            return null;
        }

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
