using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Which Linux network namespace and boot this process is in: <c>/proc/self/ns/net</c> links to <c>net:[inode]</c>,
    /// the namespace's identity, and <c>/proc/sys/kernel/random/boot_id</c> changes at each boot. The route record uses them
    /// so a record is never applied to another namespace's table or to a table after a restart.
    /// </summary>
    internal static class NetworkNamespaceIdentity
    {
        /// <summary>The current namespace as <c>net-&lt;inode&gt;</c>, or null when it cannot be read.</summary>
        public static string? Current()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return null;
            }

            var buffer = new byte[256];
            try
            {
                var length = NativeMethods.readlink("/proc/self/ns/net", buffer, (UIntPtr)buffer.Length).ToInt64();
                if (length <= 0 || length >= buffer.Length)
                {
                    return null;
                }

                var text = Encoding.ASCII.GetString(buffer, 0, (int)length);
                return text.Replace(":[", "-").TrimEnd(']');
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return null;
            }
        }

        /// <summary>The kernel's boot id, or null when it cannot be read.</summary>
        public static string? BootId()
        {
            try
            {
                const string path = "/proc/sys/kernel/random/boot_id";
                return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static class NativeMethods
        {
#pragma warning disable SA1300, IDE1006 // libc names
            [DllImport("libc", SetLastError = true)]
            public static extern IntPtr readlink([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer, UIntPtr size);
#pragma warning restore SA1300, IDE1006
        }
    }
}
