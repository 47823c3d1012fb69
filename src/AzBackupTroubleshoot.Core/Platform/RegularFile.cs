using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// The one way the module opens a file to read it and checks a file it is about to replace: only regular files. On Linux
    /// the file is opened with <c>O_NONBLOCK</c> (so opening a FIFO cannot wait for a writer) and <c>O_NOCTTY</c>, optionally
    /// <c>O_NOFOLLOW</c>, and the opened descriptor is checked with fstat before a byte is read: a FIFO, a device or a socket
    /// is refused with <see cref="NotRegularFileException"/>, even if it was swapped in after an earlier check.
    /// </summary>
    public static class RegularFile
    {
        private const int ReadOnly = 0;
        private const int NoControllingTty = 0x100;
        private const int NonBlocking = 0x800;
        private const int CloseOnExec = 0x80000;

        /// <summary>Opens <paramref name="path"/> for reading; with <paramref name="followLinks"/> false a link at the last component is refused.</summary>
        /// <exception cref="FileNotFoundException">Nothing is there.</exception>
        /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
        /// <exception cref="NotRegularFileException">It is not a regular file.</exception>
        /// <exception cref="IOException">Another I/O error.</exception>
        public static FileStream OpenRead(string path, bool followLinks = true, int bufferSize = 4096)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A path is required.", nameof(path));
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                if (Directory.Exists(path))
                {
                    throw new NotRegularFileException(path, FileNodeKind.Directory);
                }

                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize);
            }

            var flags = ReadOnly | NonBlocking | NoControllingTty | CloseOnExec | (followLinks ? 0 : NoFollow);
            int descriptor;
            try
            {
                descriptor = NativeMethods.open(path, flags, 0);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                var kind = FileNode.GetKind(path, followLinks);
                if (kind != FileNodeKind.Regular)
                {
                    throw kind == FileNodeKind.None ? new FileNotFoundException($"'{path}' does not exist.", path) : new NotRegularFileException(path, kind);
                }

                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize);
            }

            if (descriptor < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                throw errno switch
                {
                    FileNode.Errno.NoEntry or FileNode.Errno.NotDirectory => new FileNotFoundException($"'{path}' does not exist.", path),
                    FileNode.Errno.AccessDenied or FileNode.Errno.NotPermitted => new UnauthorizedAccessException($"Access to '{path}' is denied."),
                    FileNode.Errno.Loop when !followLinks => new NotRegularFileException(path, FileNodeKind.SymbolicLink, "links are not followed here"),
                    _ => new IOException($"'{path}' cannot be opened (errno {errno})."),
                };
            }

            var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
            try
            {
                var kind = FileNode.KindOf(descriptor, out _);
                if (kind != FileNodeKind.Regular)
                {
                    throw new NotRegularFileException(path, kind);
                }

                return new FileStream(handle, FileAccess.Read, bufferSize);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Refuses a destination that exists and is not a regular file (a device, a FIFO, a socket, a directory), so a
        /// rename never replaces one, whatever <c>-Force</c> says. A symbolic link is judged as itself: a rename replaces the
        /// link, never what it points to.
        /// </summary>
        /// <exception cref="NotRegularFileException">The destination is not a regular file.</exception>
        public static void EnsureReplaceable(string path)
        {
            var kind = FileNode.GetKind(path ?? throw new ArgumentNullException(nameof(path)));
            if (kind != FileNodeKind.None && kind != FileNodeKind.Regular && kind != FileNodeKind.SymbolicLink)
            {
                throw new NotRegularFileException(path, kind, "it is never replaced, not even with -Force");
            }
        }

        /// <summary>True when <paramref name="path"/> is a regular file (links followed); false for nothing or anything else.</summary>
        public static bool Exists(string path) => FileNode.GetKind(path, followLinks: true) == FileNodeKind.Regular;

        private static int NoFollow => RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 or Architecture.Arm => 0x8000,
            _ => 0x20000,
        };

        private static class NativeMethods
        {
#pragma warning disable SA1300, IDE1006 // libc names
            [DllImport("libc", SetLastError = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPStr)] string pathname, int flags, int mode);
#pragma warning restore SA1300, IDE1006
        }
    }
}
