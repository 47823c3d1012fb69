using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// A root in a folder: the running machine's <c>/</c> or an offline root such as an OS disk mounted at
    /// <c>/rescue</c>. In an offline root, symbolic links are resolved inside the root (an absolute link target such as
    /// <c>/lib/systemd/system/waagent.service</c> means the offline disk's file, never this machine's).
    /// </summary>
    public sealed class FolderLinuxRoot : ILinuxRoot
    {
        private const int MaxLinkHops = 40;

        // FileSystemInfo.LinkTarget exists from .NET 6 on; netstandard2.0 cannot name it, so it is looked up once.
        private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

        private readonly string _folder;
        private readonly bool _isSystemRoot;

        /// <summary>Creates a root over <paramref name="folder"/>.</summary>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        public FolderLinuxRoot(string folder)
        {
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
        }

        /// <summary>The running machine's root, <c>/</c>.</summary>
        public static FolderLinuxRoot System() => new FolderLinuxRoot("/");

        /// <inheritdoc />
        public string Location => _folder;

        /// <summary>True when this is the running machine's <c>/</c>.</summary>
        public bool IsSystemRoot => _isSystemRoot;

        /// <summary>The path on this machine of a root-relative path (links resolved inside the root), or null.</summary>
        public string? HostPath(string path) => Resolve(RootPath.Normalize(path));

        /// <inheritdoc />
        public RootEntryKind GetKind(string path)
        {
            var host = Resolve(RootPath.Normalize(path));
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
        public IReadOnlyList<RootEntry> List(string directory)
        {
            var relative = RootPath.Normalize(directory);
            var host = Resolve(relative);
            if (host is null || !Directory.Exists(host))
            {
                return Array.Empty<RootEntry>();
            }

            string[] names;
            try
            {
                names = Directory.EnumerateFileSystemEntries(host).Select(Path.GetFileName).ToArray()!;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<RootEntry>();
            }

            return names
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new RootEntry(n, GetKind(RootPath.Combine(relative, n))))
                .ToArray();
        }

        /// <inheritdoc />
        public RootFile Read(string path, int maxBytes = RootLimits.DefaultMaxBytes, ReadWindow window = ReadWindow.Head)
        {
            var relative = RootPath.Normalize(path);
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
                    return IsLink(host) || ReadLink(relative) != null ? RootFile.Unreadable(display, "it is a dangling link") : RootFile.Absent(display);
                }

                using var stream = new FileStream(host, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
                return RootFile.Present(display, StreamWindow.Read(stream, maxBytes, window, out var truncated), truncated);
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
            var relative = RootPath.Normalize(path);
            var parent = Resolve(RootPath.Parent(relative));
            return parent is null ? null : LinkTarget(Path.Combine(parent, RootPath.FileName(relative)));
        }

        /// <inheritdoc />
        public void Dispose()
        {
            // Nothing is held open between reads.
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

        private static string? LinkTarget(string hostPath)
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

        // Walks the path a component at a time so that every link, absolute or relative, stays inside the root.
        private string? Resolve(string relative)
        {
            if (_isSystemRoot || LinkTargetProperty is null)
            {
                return relative.Length == 0 ? _folder : Path.Combine(_folder, relative);
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

                var candidate = Path.Combine(_folder, string.Join("/", done.Concat(new[] { part })));
                var target = LinkTarget(candidate);
                if (target is null)
                {
                    done.Add(part);
                    continue;
                }

                if (++hops > MaxLinkHops)
                {
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

            return done.Count == 0 ? _folder : Path.Combine(_folder, string.Join("/", done));
        }
    }
}
