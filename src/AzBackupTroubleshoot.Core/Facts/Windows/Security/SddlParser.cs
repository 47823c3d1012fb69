namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>
    /// Parses the parts of an SDDL string (the security descriptor string format, learn.microsoft.com "Security Descriptor
    /// String Format" and "ACE Strings") that the folder checks need: <c>O:</c> owner, <c>G:</c> group and the <c>D:</c>
    /// DACL with its flags (<c>P</c>, <c>AI</c>, <c>AR</c>, <c>NO_ACCESS_CONTROL</c>) and ACEs
    /// <c>(type;flags;rights;object_guid;inherit_object_guid;account_sid[;(resource_attribute)])</c>. The <c>S:</c> SACL
    /// is skipped. Trustees are well-known aliases (<see cref="WellKnownSids"/>) or <c>S-1-...</c> strings; rights are a
    /// number (<c>0x1f01ff</c>) or two-letter codes (<c>FA</c>, <c>GR</c>, ...). Anything else is a
    /// <see cref="FormatException"/> naming the position.
    /// </summary>
    public static class SddlParser
    {
        /// <summary>
        /// The longest SDDL read: an ACL is at most 64 KB in binary, about 1,800 ACEs with domain SIDs, which SDDL writes in
        /// about 70 characters each (some 130,000 characters); longer text is refused as malformed, not cut.
        /// </summary>
        public const int MaxLength = 262144;

        private static readonly Dictionary<string, uint> RightCodes = new Dictionary<string, uint>(StringComparer.Ordinal)
        {
            ["GA"] = FileRights.GenericAllBit, ["GR"] = FileRights.GenericReadBit, ["GW"] = FileRights.GenericWriteBit, ["GX"] = FileRights.GenericExecuteBit,
            ["RC"] = 0x20000, ["SD"] = 0x10000, ["WD"] = 0x40000, ["WO"] = 0x80000,
            ["RP"] = 0x10, ["WP"] = 0x20, ["CC"] = 0x1, ["DC"] = 0x2, ["LC"] = 0x4, ["SW"] = 0x8, ["LO"] = 0x80, ["DT"] = 0x40, ["CR"] = 0x100,
            ["FA"] = FileRights.FullControl, ["FR"] = FileRights.GenericRead, ["FW"] = FileRights.GenericWrite, ["FX"] = FileRights.GenericExecute,
            ["KA"] = 0xF003F, ["KR"] = 0x20019, ["KW"] = 0x20006, ["KX"] = 0x20019,
        };

        private static readonly Dictionary<string, SecurityAceFlags> FlagCodes = new Dictionary<string, SecurityAceFlags>(StringComparer.Ordinal)
        {
            ["OI"] = SecurityAceFlags.ObjectInherit, ["CI"] = SecurityAceFlags.ContainerInherit, ["NP"] = SecurityAceFlags.NoPropagate,
            ["IO"] = SecurityAceFlags.InheritOnly, ["ID"] = SecurityAceFlags.Inherited, ["SA"] = SecurityAceFlags.None, ["FA"] = SecurityAceFlags.None,
            ["TP"] = SecurityAceFlags.None, ["CR"] = SecurityAceFlags.None,
        };

        /// <summary>Parses <paramref name="sddl"/>; throws <see cref="FormatException"/> saying what is wrong and where.</summary>
        public static SecurityDescriptor Parse(string sddl)
        {
            if (sddl is null)
            {
                throw new ArgumentNullException(nameof(sddl));
            }

            if (sddl.Length > MaxLength)
            {
                throw new FormatException($"the SDDL is {sddl.Length} characters long, more than the {MaxLength} read.");
            }

            var text = sddl.Trim();
            if (text.Length == 0)
            {
                throw new FormatException("the SDDL is empty.");
            }

            string? owner = null, group = null;
            var dacl = (Found: false, Null: false, Protected: false, Aces: (IReadOnlyList<SecurityAce>)Array.Empty<SecurityAce>());
            foreach (var (letter, start, value) in Components(text))
            {
                switch (letter)
                {
                    case 'O':
                        owner = Trustee(value, start);
                        break;
                    case 'G':
                        group = Trustee(value, start);
                        break;
                    case 'D':
                        if (dacl.Found)
                        {
                            throw new FormatException($"a second D: part at position {start}.");
                        }

                        var (isNull, isProtected, aces) = Acl(value, start);
                        dacl = (true, isNull, isProtected, aces);
                        break;
                    default:
                        break; // S: (the SACL) is not needed.
                }
            }

            return new SecurityDescriptor(text, owner, group, !dacl.Found || dacl.Null, dacl.Protected, dacl.Aces);
        }

        /// <summary>Splits <c>O:..G:..D:..S:..</c> at the component letters that stand outside parentheses.</summary>
        private static IEnumerable<(char Letter, int Start, string Value)> Components(string text)
        {
            if (text.Length < 2 || "OGDS".IndexOf(text[0]) < 0 || text[1] != ':')
            {
                throw new FormatException($"it does not start with O:, G:, D: or S: ('{Clip(text)}').");
            }

            var starts = new List<int>();
            var depth = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                    if (depth < 0)
                    {
                        throw new FormatException($"a ')' without '(' at position {i}.");
                    }
                }
                else if (depth == 0 && i + 1 < text.Length && text[i + 1] == ':' && "OGDS".IndexOf(c) >= 0)
                {
                    starts.Add(i);
                    i++;
                }
                else if (depth == 0 && c == ':')
                {
                    throw new FormatException($"an unexpected ':' at position {i}.");
                }
            }

            if (depth != 0)
            {
                throw new FormatException("a '(' is not closed.");
            }

            for (var k = 0; k < starts.Count; k++)
            {
                var begin = starts[k] + 2;
                var end = k + 1 < starts.Count ? starts[k + 1] : text.Length;
                yield return (text[starts[k]], begin, text.Substring(begin, end - begin));
            }
        }

        private static string Trustee(string value, int position)
        {
            var trimmed = value.Trim();
            return WellKnownSids.TryResolve(trimmed, out var sid)
                ? sid
                : throw new FormatException($"'{Clip(trimmed)}' at position {position} is neither a SID (S-1-...) nor a known alias (WD, SY, BA, ...).");
        }

        private static (bool Null, bool Protected, IReadOnlyList<SecurityAce> Aces) Acl(string value, int position)
        {
            var open = value.IndexOf('(');
            var flags = open < 0 ? value : value.Substring(0, open);
            var isNull = false;
            var isProtected = false;
            var rest = flags;
            while (rest.Length > 0)
            {
                if (rest.StartsWith("NO_ACCESS_CONTROL", StringComparison.Ordinal))
                {
                    isNull = true;
                    rest = rest.Substring("NO_ACCESS_CONTROL".Length);
                }
                else if (rest.StartsWith("P", StringComparison.Ordinal))
                {
                    isProtected = true;
                    rest = rest.Substring(1);
                }
                else if (rest.StartsWith("AI", StringComparison.Ordinal) || rest.StartsWith("AR", StringComparison.Ordinal))
                {
                    rest = rest.Substring(2);
                }
                else
                {
                    throw new FormatException($"the DACL flags '{Clip(flags)}' at position {position} are not P, AI, AR or NO_ACCESS_CONTROL.");
                }
            }

            var aces = new List<SecurityAce>();
            var i = open < 0 ? value.Length : open;
            while (i < value.Length)
            {
                if (value[i] != '(')
                {
                    throw new FormatException($"expected '(' at position {position + i}, found '{value[i]}'.");
                }

                var depth = 0;
                var j = i;
                for (; j < value.Length; j++)
                {
                    depth += value[j] == '(' ? 1 : value[j] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                aces.Add(Ace(value.Substring(i, j - i + 1), position + i));
                i = j + 1;
            }

            if (isNull && aces.Count > 0)
            {
                throw new FormatException($"NO_ACCESS_CONTROL at position {position} is followed by ACEs.");
            }

            return (isNull, isProtected, aces);
        }

        private static SecurityAce Ace(string text, int position)
        {
            var inner = text.Substring(1, text.Length - 2);
            var fields = inner.Split(new[] { ';' }, 7);
            if (fields.Length < 6)
            {
                throw new FormatException($"the ACE {Clip(text)} at position {position} has {fields.Length} fields, not 6 (type;flags;rights;object;inherited object;account).");
            }

            var kind = fields[0] switch
            {
                "A" => SecurityAceKind.Allow,
                "D" => SecurityAceKind.Deny,
                "OA" or "OD" or "XA" or "XD" or "ZA" or "AU" or "AL" or "OU" or "OL" or "ML" or "XU" or "SP" or "RA" or "SA" => SecurityAceKind.Other,
                _ => throw new FormatException($"the ACE type '{Clip(fields[0])}' in {Clip(text)} at position {position} is not an SDDL ACE type."),
            };

            var flags = SecurityAceFlags.None;
            for (var k = 0; k < fields[1].Length; k += 2)
            {
                var code = k + 2 <= fields[1].Length ? fields[1].Substring(k, 2) : fields[1].Substring(k);
                flags |= FlagCodes.TryGetValue(code, out var flag) ? flag : throw new FormatException($"the ACE flag '{code}' in {Clip(text)} at position {position} is not an SDDL flag (OI, CI, NP, IO, ID).");
            }

            var mask = FileRights.MapGeneric(Rights(fields[2], text, position));
            var sid = WellKnownSids.TryResolve(fields[5].Trim(), out var resolved)
                ? resolved
                : throw new FormatException($"the account '{Clip(fields[5])}' in {Clip(text)} at position {position} is neither a SID (S-1-...) nor a known alias (WD, SY, BA, ...).");
            return new SecurityAce(kind, flags, mask, sid, text);
        }

        private static uint Rights(string field, string ace, int position)
        {
            var value = field.Trim();
            if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return uint.TryParse(value.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                    ? hex
                    : throw new FormatException($"the rights '{Clip(value)}' in {Clip(ace)} at position {position} are not a 32-bit hex number.");
            }

            if (value.Length > 0 && char.IsDigit(value[0]))
            {
                return uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw new FormatException($"the rights '{Clip(value)}' in {Clip(ace)} at position {position} are not a 32-bit number.");
            }

            if (value.Length == 0 || value.Length % 2 != 0)
            {
                throw new FormatException($"the rights '{Clip(value)}' in {Clip(ace)} at position {position} are neither a number nor two-letter codes.");
            }

            uint mask = 0;
            for (var k = 0; k < value.Length; k += 2)
            {
                var code = value.Substring(k, 2);
                mask |= RightCodes.TryGetValue(code, out var bits) ? bits : throw new FormatException($"the right '{code}' in {Clip(ace)} at position {position} is not an SDDL rights code.");
            }

            return mask;
        }

        private static string Clip(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";
    }
}
