using System;
using System.Collections.Generic;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>Normalises the root-relative paths every <see cref="ILinuxRoot"/> takes.</summary>
    public static class RootPath
    {
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

            var parts = new List<string>();
            foreach (var part in path.Replace('\\', '/').Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    throw new ArgumentException($"The path '{path}' leaves the root.", nameof(path));
                }

                parts.Add(part);
            }

            return string.Join("/", parts);
        }

        /// <summary>The path as the guest sees it: <c>/etc/waagent.conf</c>.</summary>
        public static string Display(string path) => "/" + Normalize(path);

        /// <summary>Joins a directory and a name.</summary>
        public static string Combine(string directory, string name)
        {
            var dir = Normalize(directory);
            var child = Normalize(name);
            return dir.Length == 0 ? child : child.Length == 0 ? dir : dir + "/" + child;
        }

        /// <summary>The last component of a path.</summary>
        public static string FileName(string path)
        {
            var normalized = Normalize(path);
            var slash = normalized.LastIndexOf('/');
            return slash < 0 ? normalized : normalized.Substring(slash + 1);
        }

        /// <summary>The directory part of a path (empty for a top-level name).</summary>
        public static string Parent(string path)
        {
            var normalized = Normalize(path);
            var slash = normalized.LastIndexOf('/');
            return slash < 0 ? string.Empty : normalized.Substring(0, slash);
        }
    }
}
