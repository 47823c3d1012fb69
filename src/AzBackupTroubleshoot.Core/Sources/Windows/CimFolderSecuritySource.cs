using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Reads a folder's security descriptor through CIM, on the local machine or over a remote session alike:
    /// <c>Win32_LogicalFileSecuritySetting</c> where <c>Path</c> is the folder, its <c>GetSecurityDescriptor</c> method,
    /// and the returned <c>Win32_SecurityDescriptor</c> (embedded <c>Win32_ACE</c> and <c>Win32_Trustee</c> instances)
    /// written as SDDL, so that live machines and captures go through the same parser. No process is started.
    /// </summary>
    public sealed class CimFolderSecuritySource : IFolderSecuritySource
    {
        private const string Cimv2 = "root/cimv2";
        private const uint DaclPresent = 0x0004, DaclAutoInherited = 0x0400, DaclProtected = 0x1000;
        private readonly ICimGateway _gateway;

        /// <summary>Reads through <paramref name="gateway"/>.</summary>
        public CimFolderSecuritySource(ICimGateway gateway)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        }

        /// <inheritdoc />
        public FolderSecurityRecord Read(string path, CancellationToken cancellationToken)
        {
            var setting = _gateway.QueryInstances(Cimv2, "Win32_LogicalFileSecuritySetting", $"Path='{SnapshotExtensionReader.Escape(path)}'", cancellationToken)
                .FirstOrDefault(s => string.Equals(s.GetString("Path")?.TrimEnd('\\'), path.TrimEnd('\\'), StringComparison.OrdinalIgnoreCase));
            if (setting == null)
            {
                return FolderSecurityRecord.Missing();
            }

            var output = _gateway.InvokeMethod(setting, "GetSecurityDescriptor", new Dictionary<string, object?>(), cancellationToken);
            var code = output.TryGetValue("ReturnValue", out var value) ? CimValue.ToInt64(value) : null;
            if (code != 0)
            {
                throw new InvalidOperationException($"Win32_LogicalFileSecuritySetting.GetSecurityDescriptor for {path} returned {code?.ToString(CultureInfo.InvariantCulture) ?? "no value"} ({Meaning(code)}).");
            }

            var descriptor = output.TryGetValue("Descriptor", out var d) ? d as CimObject : null;
            return FolderSecurityRecord.Found(ToSddl(descriptor ?? throw new InvalidOperationException($"Win32_LogicalFileSecuritySetting.GetSecurityDescriptor for {path} returned no Descriptor.")));
        }

        /// <summary>Writes a <c>Win32_SecurityDescriptor</c> instance as SDDL (owner, group and DACL).</summary>
        public static string ToSddl(CimObject descriptor)
        {
            if (descriptor is null)
            {
                throw new ArgumentNullException(nameof(descriptor));
            }

            var control = (uint)(CimValue.ToInt64(descriptor["ControlFlags"]) ?? 0);
            var text = new StringBuilder();
            if (Sid(descriptor["Owner"] as CimObject) is string owner)
            {
                text.Append("O:").Append(owner);
            }

            if (Sid(descriptor["Group"] as CimObject) is string group)
            {
                text.Append("G:").Append(group);
            }

            var aces = descriptor["DACL"] as IEnumerable<object?>;
            text.Append("D:");
            if ((control & DaclPresent) == 0 || aces == null)
            {
                return text.Append("NO_ACCESS_CONTROL").ToString();
            }

            text.Append((control & DaclProtected) != 0 ? "P" : string.Empty).Append((control & DaclAutoInherited) != 0 ? "AI" : string.Empty);
            foreach (var item in aces)
            {
                var ace = item as CimObject ?? throw new FormatException("a DACL entry of Win32_SecurityDescriptor is not a Win32_ACE instance.");
                var type = CimValue.ToInt64(ace["AceType"]) switch
                {
                    0 => "A",
                    1 => "D",
                    var other => throw new FormatException($"a Win32_ACE has AceType {other?.ToString(CultureInfo.InvariantCulture) ?? "null"}, not 0 (allow) or 1 (deny)."),
                };
                var flags = (uint)(CimValue.ToInt64(ace["AceFlags"]) ?? 0);
                var mask = (uint)(CimValue.ToInt64(ace["AccessMask"]) ?? throw new FormatException("a Win32_ACE has no AccessMask."));
                var sid = Sid(ace["Trustee"] as CimObject) ?? throw new FormatException("a Win32_ACE has no Trustee SID.");
                text.Append('(').Append(type).Append(';').Append(Flags(flags)).Append(";0x").Append(mask.ToString("x", CultureInfo.InvariantCulture)).Append(";;;").Append(sid).Append(')');
            }

            return text.ToString();
        }

        private static string Flags(uint flags)
        {
            var text = new StringBuilder();
            foreach (var (bit, code) in new[] { (0x1u, "OI"), (0x2u, "CI"), (0x4u, "NP"), (0x8u, "IO"), (0x10u, "ID") })
            {
                if ((flags & bit) != 0)
                {
                    text.Append(code);
                }
            }

            return text.ToString();
        }

        /// <summary>A Win32_Trustee's SIDString, else its binary SID written as S-1-...; null when it has neither.</summary>
        private static string? Sid(CimObject? trustee)
        {
            if (trustee == null)
            {
                return null;
            }

            var text = trustee.GetString("SIDString");
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text!.Trim();
            }

            var bytes = CimValue.ToInt64Array(trustee["SID"]);
            if (bytes == null || bytes.Count < 8 || bytes.Count != 8 + (4 * bytes[1]))
            {
                return null;
            }

            long authority = 0;
            for (var i = 2; i < 8; i++)
            {
                authority = (authority << 8) | bytes[i];
            }

            var sid = new StringBuilder("S-").Append(bytes[0]).Append('-').Append(authority);
            for (var k = 0; k < bytes[1]; k++)
            {
                var at = 8 + (4 * k);
                sid.Append('-').Append((uint)(bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)));
            }

            return sid.ToString();
        }

        private static string Meaning(long? code) => code switch
        {
            2 => "access denied: run as an administrator",
            8 => "unknown failure",
            9 => "privilege missing",
            21 => "invalid parameter",
            _ => "see Win32_LogicalFileSecuritySetting.GetSecurityDescriptor",
        };
    }
}
