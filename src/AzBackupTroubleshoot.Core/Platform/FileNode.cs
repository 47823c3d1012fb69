using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// Tells what a path is without opening it (<c>statx</c>, the same buffer layout on every Linux architecture), so a FIFO,
    /// a device or a socket is never opened by mistake. Elsewhere (Windows) only files and directories exist for this module.
    /// </summary>
    public static class FileNode
    {
        internal const int AtFdCwd = -100;
        internal const int AtSymlinkNoFollow = 0x100;
        internal const int AtEmptyPath = 0x1000;
        private const uint StatxType = 0x1;
        private const uint StatxSize = 0x200;

        /// <summary>What is at <paramref name="path"/>; a link is followed only when <paramref name="followLinks"/> is true.</summary>
        public static FileNodeKind GetKind(string path, bool followLinks = false)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return Directory.Exists(path) ? FileNodeKind.Directory : File.Exists(path) ? FileNodeKind.Regular : FileNodeKind.None;
            }

            var buffer = new byte[256];
            int rc;
            try
            {
                rc = NativeMethods.statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, buffer);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                return Directory.Exists(path) ? FileNodeKind.Directory : File.Exists(path) ? FileNodeKind.Regular : FileNodeKind.None;
            }

            if (rc != 0)
            {
                var errno = Marshal.GetLastWin32Error();
                return errno == Errno.NoEntry || errno == Errno.NotDirectory ? FileNodeKind.None : FileNodeKind.Unknown;
            }

            return KindOf(BitConverter.ToUInt16(buffer, 28));
        }

        /// <summary>How a kind reads in a message ("a FIFO (named pipe)").</summary>
        public static string Describe(FileNodeKind kind) => kind switch
        {
            FileNodeKind.None => "nothing",
            FileNodeKind.Regular => "a regular file",
            FileNodeKind.Directory => "a directory",
            FileNodeKind.SymbolicLink => "a symbolic link",
            FileNodeKind.Fifo => "a FIFO (named pipe)",
            FileNodeKind.CharacterDevice => "a character device",
            FileNodeKind.BlockDevice => "a block device",
            FileNodeKind.Socket => "a socket",
            _ => "not a regular file",
        };

        /// <summary>The kind from a <c>st_mode</c> value.</summary>
        internal static FileNodeKind KindOf(int mode) => (mode & 0xF000) switch
        {
            0x8000 => FileNodeKind.Regular,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.SymbolicLink,
            0x1000 => FileNodeKind.Fifo,
            0x2000 => FileNodeKind.CharacterDevice,
            0x6000 => FileNodeKind.BlockDevice,
            0xC000 => FileNodeKind.Socket,
            _ => FileNodeKind.Unknown,
        };

        /// <summary>The type and size of an open descriptor (<c>fstat</c> through <c>statx(fd, "", AT_EMPTY_PATH)</c>).</summary>
        internal static FileNodeKind KindOf(int descriptor, out long size)
        {
            var buffer = new byte[256];
            size = 0;
            if (NativeMethods.statx(descriptor, string.Empty, AtEmptyPath, StatxType | StatxSize, buffer) != 0)
            {
                return FileNodeKind.Unknown;
            }

            size = (long)BitConverter.ToUInt64(buffer, 40);
            return KindOf(BitConverter.ToUInt16(buffer, 28));
        }

        /// <summary>The errno values the module tells apart.</summary>
        internal static class Errno
        {
            public const int NotPermitted = 1;
            public const int NoEntry = 2;
            public const int AccessDenied = 13;
            public const int NotDirectory = 20;
            public const int Loop = 40;
        }

        private static class NativeMethods
        {
#pragma warning disable SA1300, IDE1006 // libc names
            [DllImport("libc", SetLastError = true)]
            public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string pathname, int flags, uint mask, byte[] statxbuf);
#pragma warning restore SA1300, IDE1006
        }
    }
}
