namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>One access control entry of a DACL, as SDDL writes it: type, inheritance flags, rights and trustee.</summary>
    public sealed class SecurityAce
    {
        /// <summary>Creates an entry.</summary>
        public SecurityAce(SecurityAceKind kind, SecurityAceFlags flags, uint mask, string sid, string text)
        {
            Kind = kind;
            Flags = flags;
            Mask = mask;
            Sid = sid ?? throw new ArgumentNullException(nameof(sid));
            Text = text ?? string.Empty;
        }

        /// <summary>Allow, deny, or another kind (object, callback, audit) that grants nothing on a folder here.</summary>
        public SecurityAceKind Kind { get; }

        /// <summary>The inheritance flags.</summary>
        public SecurityAceFlags Flags { get; }

        /// <summary>The access mask, generic rights already mapped to file rights.</summary>
        public uint Mask { get; }

        /// <summary>The trustee's SID (<c>S-1-1-0</c>; aliases resolved).</summary>
        public string Sid { get; }

        /// <summary>The entry as written in the SDDL, parentheses included.</summary>
        public string Text { get; }

        /// <summary>True when the entry applies to the folder itself (not inherit-only).</summary>
        public bool AppliesToFolder => (Flags & SecurityAceFlags.InheritOnly) == 0;

        /// <summary>True when subfolders inherit it (CI).</summary>
        public bool AppliesToSubfolders => (Flags & SecurityAceFlags.ContainerInherit) != 0;

        /// <summary>True when files inherit it (OI).</summary>
        public bool AppliesToFiles => (Flags & SecurityAceFlags.ObjectInherit) != 0;

        /// <summary>True when the entry applies to <paramref name="scope"/>.</summary>
        public bool AppliesTo(AceScope scope) => scope switch
        {
            AceScope.Folder => AppliesToFolder,
            AceScope.Subfolders => AppliesToSubfolders,
            _ => AppliesToFiles,
        };

        /// <summary>Like icacls: <c>Everyone:(R,W)</c>, <c>NT AUTHORITY\SYSTEM:(OI)(CI)(F)</c>, <c>(DENY)</c> for a deny entry.</summary>
        public string Describe()
        {
            var text = new StringBuilder(WellKnownSids.Name(Sid)).Append(':');
            if (Kind == SecurityAceKind.Deny)
            {
                text.Append("(DENY)");
            }

            if (Kind == SecurityAceKind.Other)
            {
                return text.Append(Text).ToString();
            }

            foreach (var (flag, name) in new[] { (SecurityAceFlags.Inherited, "I"), (SecurityAceFlags.ObjectInherit, "OI"), (SecurityAceFlags.ContainerInherit, "CI"), (SecurityAceFlags.InheritOnly, "IO"), (SecurityAceFlags.NoPropagate, "NP") })
            {
                if ((Flags & flag) != 0)
                {
                    text.Append('(').Append(name).Append(')');
                }
            }

            return text.Append('(').Append(FileRights.Describe(Mask)).Append(')').ToString();
        }

        /// <inheritdoc />
        public override string ToString() => Text;
    }

    /// <summary>The kind of an ACE.</summary>
    public enum SecurityAceKind
    {
        /// <summary>ACCESS_ALLOWED (<c>A</c>).</summary>
        Allow,

        /// <summary>ACCESS_DENIED (<c>D</c>).</summary>
        Deny,

        /// <summary>Any other type (object, callback, audit, label): it does not grant or deny folder rights here.</summary>
        Other,
    }

    /// <summary>The inheritance flags of an ACE (the AceFlags bits).</summary>
    [Flags]
    public enum SecurityAceFlags
    {
        /// <summary>No flag: this folder only.</summary>
        None = 0,

        /// <summary><c>OI</c>: files inherit it.</summary>
        ObjectInherit = 0x1,

        /// <summary><c>CI</c>: subfolders inherit it.</summary>
        ContainerInherit = 0x2,

        /// <summary><c>NP</c>: only the immediate children inherit it.</summary>
        NoPropagate = 0x4,

        /// <summary><c>IO</c>: it applies to children only, not to this folder.</summary>
        InheritOnly = 0x8,

        /// <summary><c>ID</c>: it was inherited from the parent.</summary>
        Inherited = 0x10,
    }

    /// <summary>What an ACE is evaluated for.</summary>
    public enum AceScope
    {
        /// <summary>The folder itself.</summary>
        Folder,

        /// <summary>The subfolders (through inheritance).</summary>
        Subfolders,

        /// <summary>The files (through inheritance).</summary>
        Files,
    }
}
