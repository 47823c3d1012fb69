namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// Reads the REG_BINARY WinHttpSettings value that <c>netsh winhttp set proxy</c> writes: little-endian DWORDs
    /// size/version (0x18 or 0x28), a counter, the flags (1 direct, 3 proxy), then the proxy string's length and bytes and the
    /// bypass list's length and bytes. <c>18000000 00000000 01000000 00000000 00000000</c> is direct access (the default
    /// Microsoft's VM assist script compares with, Azure/azure-support-scripts@11c880a5 vmassist/windows/vmassist.ps1).
    /// A blob too short for what its lengths say is an <see cref="InvalidDataException"/> naming the offset.
    /// </summary>
    public static class WinHttpSettingsParser
    {
        /// <summary>The longest proxy or bypass string accepted (WinHTTP itself takes far less).</summary>
        public const int MaxStringBytes = 32 * 1024;

        /// <summary>Parses the value's bytes.</summary>
        public static WinHttpProxySettings Parse(byte[] data)
        {
            if (data is null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            var offset = 0;
            uint Next(string what)
            {
                if (data.Length < offset + 4)
                {
                    throw new InvalidDataException($"the value is truncated: {data.Length} bytes, the {what} at offset {offset} needs 4.");
                }

                var value = BitConverter.ToUInt32(data, offset);
                if (!BitConverter.IsLittleEndian)
                {
                    value = (value >> 24) | ((value >> 8) & 0xFF00) | ((value << 8) & 0xFF0000) | (value << 24);
                }

                offset += 4;
                return value;
            }

            string Text(string what)
            {
                var length = Next(what + " length");
                if (length > MaxStringBytes || data.Length - offset < length)
                {
                    throw new InvalidDataException($"the value is truncated: the {what} at offset {offset} says {length} bytes, {data.Length - offset} follow.");
                }

                var text = Encoding.ASCII.GetString(data, offset, (int)length).TrimEnd('\0');
                offset += (int)length;
                return text;
            }

            Next("size");
            Next("counter");
            var flags = Next("flags");
            var proxy = Text("proxy");
            var bypass = Text("bypass list");
            return new WinHttpProxySettings { Flags = flags, Proxy = proxy, Bypass = bypass, ValueExists = true };
        }
    }
}
