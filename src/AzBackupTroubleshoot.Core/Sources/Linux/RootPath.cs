namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>Normalises the root-relative paths every <see cref="ILinuxRoot"/> takes.</summary>
    public static class RootPath
    {
        /// <summary>Why a path with a <c>..</c> component is not read (it comes from a file in the root, such as waagent.conf).</summary>
        public const string ClimbingProblem = "the path has a '..' component, which the module does not follow (it could lead out of the root)";

        /// <summary>
        /// <c>/etc//waagent.conf</c>, <c>./etc/waagent.conf</c> and <c>etc/waagent.conf</c> all become <c>etc/waagent.conf</c>;
        /// the root itself is the empty string. A <c>..</c> component is refused: no path may leave the root.
        /// </summary>
        /// <exception cref="ArgumentException">The path has a <c>..</c> component.</exception>
        public static string Normalize(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            return TryNormalize(path, out var normalized) ? normalized : throw new ArgumentException($"The path '{path}' leaves the root.", nameof(path));
        }

        /// <summary>Like <see cref="Normalize"/>, but false (never an exception) for a path with a <c>..</c> component.</summary>
        public static bool TryNormalize(string path, out string normalized)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            var parts = new List<string>();
            foreach (var part in path.Replace('\\', '/').Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    normalized = path;
                    return false;
                }

                parts.Add(part);
            }

            normalized = string.Join("/", parts);
            return true;
        }

        /// <summary>The path as the guest sees it: <c>/etc/waagent.conf</c> (a path with <c>..</c> is shown as given).</summary>
        public static string Display(string path) => "/" + (TryNormalize(path, out var normalized) ? normalized : path.TrimStart('/'));

        /// <summary>
        /// Joins a directory and a name. When either has a <c>..</c> component (a path read from a file in the root), the two
        /// are joined as they are, so that the read of the result reports the problem instead of this join throwing.
        /// </summary>
        public static string Combine(string directory, string name)
        {
            if (!TryNormalize(directory, out var dir) || !TryNormalize(name, out var child))
            {
                return directory.TrimEnd('/') + "/" + name.TrimStart('/');
            }

            return dir.Length == 0 ? child : child.Length == 0 ? dir : dir + "/" + child;
        }

        /// <summary>The last component of a path.</summary>
        public static string FileName(string path)
        {
            var normalized = TryNormalize(path, out var n) ? n : path.TrimEnd('/');
            var slash = normalized.LastIndexOf('/');
            return slash < 0 ? normalized : normalized.Substring(slash + 1);
        }

        /// <summary>The directory part of a path (empty for a top-level name).</summary>
        public static string Parent(string path)
        {
            var normalized = TryNormalize(path, out var n) ? n : path.TrimEnd('/');
            var slash = normalized.LastIndexOf('/');
            return slash < 0 ? string.Empty : normalized.Substring(0, slash);
        }
    }
}
