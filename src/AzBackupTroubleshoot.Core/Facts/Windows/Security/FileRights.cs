namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>
    /// File and folder access masks (winnt.h) and the short forms icacls prints: <c>F</c>, <c>M</c>, <c>RX</c>, <c>R</c>,
    /// <c>W</c>. Generic rights in an ACE are mapped to these by <see cref="MapGeneric"/> before they are compared.
    /// </summary>
    public static class FileRights
    {
        /// <summary>FILE_ALL_ACCESS (icacls <c>F</c>, SDDL <c>FA</c>).</summary>
        public const uint FullControl = 0x1F01FF;

        /// <summary>Modify (icacls <c>M</c>): read, write, execute and delete.</summary>
        public const uint Modify = 0x1301BF;

        /// <summary>FILE_GENERIC_READ | FILE_GENERIC_EXECUTE (icacls <c>RX</c>).</summary>
        public const uint ReadAndExecute = 0x1200A9;

        /// <summary>FILE_GENERIC_READ (icacls <c>R</c>, SDDL <c>FR</c>).</summary>
        public const uint GenericRead = 0x120089;

        /// <summary>FILE_GENERIC_WRITE (icacls <c>W</c>, SDDL <c>FW</c>).</summary>
        public const uint GenericWrite = 0x120116;

        /// <summary>FILE_GENERIC_EXECUTE (SDDL <c>FX</c>).</summary>
        public const uint GenericExecute = 0x1200A0;

        /// <summary>
        /// What the article says Everyone needs on MachineKeys: list folder/read data, read attributes, read extended
        /// attributes, create files/write data, create folders/append data, write attributes, write extended attributes,
        /// read permissions (0x2019F; icacls shows it with SYNCHRONIZE as <c>(R,W)</c>, 0x12019F).
        /// </summary>
        public const uint MachineKeysEveryone = 0x2019F;

        /// <summary>The generic rights bits.</summary>
        public const uint GenericAllBit = 0x10000000, GenericExecuteBit = 0x20000000, GenericWriteBit = 0x40000000, GenericReadBit = 0x80000000;

        /// <summary>Replaces generic rights by the file rights they stand for (the file system's generic mapping).</summary>
        public static uint MapGeneric(uint mask)
        {
            var mapped = mask & ~(GenericAllBit | GenericExecuteBit | GenericWriteBit | GenericReadBit);
            if ((mask & GenericAllBit) != 0)
            {
                mapped |= FullControl;
            }

            if ((mask & GenericReadBit) != 0)
            {
                mapped |= GenericRead;
            }

            if ((mask & GenericWriteBit) != 0)
            {
                mapped |= GenericWrite;
            }

            if ((mask & GenericExecuteBit) != 0)
            {
                mapped |= GenericExecute;
            }

            return mapped;
        }

        /// <summary>The mask the way icacls shows it: <c>F</c>, or <c>M</c>/<c>RX</c>/<c>R</c>/<c>W</c> and the hex of what is left.</summary>
        public static string Describe(uint mask)
        {
            if ((mask & FullControl) == FullControl)
            {
                return "F";
            }

            var parts = new List<string>();
            var left = mask;
            foreach (var (bits, name) in new[] { (Modify, "M"), (ReadAndExecute, "RX"), (GenericRead, "R"), (GenericWrite, "W") })
            {
                if ((mask & bits) == bits && (left & bits) != 0)
                {
                    parts.Add(name);
                    left &= ~bits;
                }
            }

            if (left != 0)
            {
                parts.Add("0x" + left.ToString("x", CultureInfo.InvariantCulture));
            }

            return parts.Count == 0 ? "none" : string.Join(",", parts);
        }
    }
}
