using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    /// <summary>
    /// Builds what Win32_LogicalFileSecuritySetting.GetSecurityDescriptor returns (a Win32_SecurityDescriptor with embedded
    /// Win32_ACE and Win32_Trustee instances, the shape MmiCimGateway hands on) from an SDDL string, so that test machines
    /// answer the CIM calls a live machine answers.
    /// </summary>
    internal static class SecurityDescriptorInstances
    {
        public static CimObject FromSddl(string sddl)
        {
            var sd = SddlParser.Parse(sddl);
            uint control = 0x8000; // SE_SELF_RELATIVE
            control |= sd.NullDacl ? 0u : 0x4u;
            control |= sd.Protected ? 0x1000u : 0u;
            return new CimObject("root/cimv2", "Win32_SecurityDescriptor", new Dictionary<string, object?>
            {
                ["ControlFlags"] = control,
                ["Owner"] = sd.Owner == null ? null : Trustee(sd.Owner),
                ["Group"] = sd.Group == null ? null : Trustee(sd.Group),
                ["DACL"] = sd.NullDacl ? null : sd.Aces.Where(a => a.Kind != SecurityAceKind.Other).Select(a => (object?)Ace(a)).ToArray(),
            });
        }

        public static CimObject Trustee(string sid, bool withSidString = true) =>
            new CimObject("root/cimv2", "Win32_Trustee", new Dictionary<string, object?>
            {
                ["SIDString"] = withSidString ? sid : null,
                ["Name"] = WellKnownSids.Name(sid),
                ["SID"] = withSidString ? null : BinarySid(sid),
            });

        public static CimObject Ace(SecurityAce ace) =>
            new CimObject("root/cimv2", "Win32_ACE", new Dictionary<string, object?>
            {
                ["AccessMask"] = ace.Mask,
                ["AceFlags"] = (uint)ace.Flags,
                ["AceType"] = ace.Kind == SecurityAceKind.Deny ? 1u : 0u,
                ["Trustee"] = Trustee(ace.Sid),
            });

        /// <summary>The binary form of a SID (revision, count, 48-bit authority big-endian, sub-authorities little-endian), as uint8[].</summary>
        public static byte[] BinarySid(string sid)
        {
            var parts = sid.Split('-');
            var subs = parts.Skip(3).Select(p => uint.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var authority = ulong.Parse(parts[2], CultureInfo.InvariantCulture);
            var bytes = new List<byte> { byte.Parse(parts[1], CultureInfo.InvariantCulture), (byte)subs.Length };
            for (var i = 5; i >= 0; i--)
            {
                bytes.Add((byte)(authority >> (8 * i)));
            }

            foreach (var sub in subs)
            {
                bytes.AddRange(BitConverter.GetBytes(sub));
            }

            return bytes.ToArray();
        }
    }
}
