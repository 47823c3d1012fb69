using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// Mode and owner through libc: <c>statx</c> (glibc 2.28 and later; its buffer layout is the same on every architecture)
    /// to read, <c>chmod</c> and <c>chown</c> to set. On Windows, or where libc lacks statx, <see cref="Get"/> returns null.
    /// </summary>
    public sealed class LibcFileMetadata : IUnixFileMetadata
    {
        private const int AtFdCwd = -100;
        private const uint StatxMode = 0x2;
        private const uint StatxUid = 0x8;
        private const uint StatxGid = 0x10;

        /// <inheritdoc />
        public UnixFileMetadata? Get(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return null;
            }

            var buffer = new byte[256];
            try
            {
                if (NativeMethods.statx(AtFdCwd, path, 0, StatxMode | StatxUid | StatxGid, buffer) != 0)
                {
                    return null;
                }
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
            catch (DllNotFoundException)
            {
                return null;
            }

            var uid = BitConverter.ToInt32(buffer, 20);
            var gid = BitConverter.ToInt32(buffer, 24);
            var mode = BitConverter.ToUInt16(buffer, 28) & 0xFFF;
            return new UnixFileMetadata(mode, uid, gid);
        }

        /// <inheritdoc />
        public bool Set(string path, UnixFileMetadata metadata)
        {
            if (metadata is null)
            {
                throw new ArgumentNullException(nameof(metadata));
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return false;
            }

            try
            {
                var owner = NativeMethods.chown(path, metadata.UserId, metadata.GroupId) == 0;
                return NativeMethods.chmod(path, (uint)metadata.Mode) == 0 && owner;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool SetMode(string path, int mode)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return false;
            }

            try
            {
                return NativeMethods.chmod(path, (uint)mode) == 0;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
        }

        private static class NativeMethods
        {
#pragma warning disable SA1300, IDE1006 // libc names
            [DllImport("libc", SetLastError = true)]
            public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string pathname, int flags, uint mask, byte[] statxbuf);

            [DllImport("libc", SetLastError = true)]
            public static extern int chmod([MarshalAs(UnmanagedType.LPStr)] string path, uint mode);

            [DllImport("libc", SetLastError = true)]
            public static extern int chown([MarshalAs(UnmanagedType.LPStr)] string path, int owner, int group);

#pragma warning restore SA1300, IDE1006
        }
    }
}
