namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>The CRC-32 a zip entry carries (IEEE 802.3, reflected polynomial 0xEDB88320), computed as bytes stream by.</summary>
    internal sealed class Crc32
    {
        private static readonly uint[] Table = BuildTable();
        private uint _state = 0xFFFFFFFFu;

        /// <summary>The CRC of the bytes so far.</summary>
        public uint Value => ~_state;

        /// <summary>Adds bytes.</summary>
        public void Append(byte[] buffer, int offset, int count)
        {
            var state = _state;
            for (var i = offset; i < offset + count; i++)
            {
                state = Table[(state ^ buffer[i]) & 0xFF] ^ (state >> 8);
            }

            _state = state;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
