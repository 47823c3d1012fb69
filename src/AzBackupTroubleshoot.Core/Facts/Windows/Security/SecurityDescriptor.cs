namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>A folder's security descriptor as far as the checks need it: owner, group and the DACL (see <see cref="SddlParser"/>).</summary>
    public sealed class SecurityDescriptor
    {
        /// <summary>Creates a descriptor.</summary>
        public SecurityDescriptor(string sddl, string? owner, string? group, bool nullDacl, bool protectedDacl, IReadOnlyList<SecurityAce> aces)
        {
            Sddl = sddl ?? throw new ArgumentNullException(nameof(sddl));
            Owner = owner;
            Group = group;
            NullDacl = nullDacl;
            Protected = protectedDacl;
            Aces = aces?.ToArray() ?? Array.Empty<SecurityAce>();
        }

        /// <summary>The SDDL text it was read from.</summary>
        public string Sddl { get; }

        /// <summary>The owner's SID, or null when the SDDL has none.</summary>
        public string? Owner { get; }

        /// <summary>The primary group's SID, or null.</summary>
        public string? Group { get; }

        /// <summary>True when there is no DACL (<c>D:NO_ACCESS_CONTROL</c>, or no <c>D:</c> part): everyone has full access.</summary>
        public bool NullDacl { get; }

        /// <summary>True when the DACL does not inherit from the parent (<c>P</c>).</summary>
        public bool Protected { get; }

        /// <summary>The DACL's entries in order (empty for a null DACL; an empty DACL denies everyone).</summary>
        public IReadOnlyList<SecurityAce> Aces { get; }

        /// <summary>
        /// The rights a token with <paramref name="sids"/> gets on <paramref name="scope"/>: the entries that apply, in
        /// order; a deny entry takes the bits not yet granted, an allow entry grants the bits not yet denied (the access
        /// check's order). A null DACL grants everything. The owner's implicit rights are not counted.
        /// </summary>
        public uint EffectiveRights(IEnumerable<string> sids, AceScope scope)
        {
            if (NullDacl)
            {
                return FileRights.FullControl;
            }

            var set = new HashSet<string>(sids ?? throw new ArgumentNullException(nameof(sids)), StringComparer.OrdinalIgnoreCase);
            uint granted = 0, denied = 0;
            foreach (var ace in Aces)
            {
                if (ace.Kind == SecurityAceKind.Other || !set.Contains(ace.Sid) || !ace.AppliesTo(scope))
                {
                    continue;
                }

                if (ace.Kind == SecurityAceKind.Deny)
                {
                    denied |= ace.Mask & ~granted;
                }
                else
                {
                    granted |= ace.Mask & ~denied;
                }
            }

            return granted & FileRights.FullControl;
        }

        /// <summary>The DACL like icacls lists it, one entry a line.</summary>
        public IEnumerable<string> Describe() =>
            NullDacl ? new[] { "no DACL (NO_ACCESS_CONTROL): everyone has full access" }
            : Aces.Count == 0 ? new[] { "an empty DACL: nobody has access" }
            : Aces.Select(a => a.Describe());

        /// <inheritdoc />
        public override string ToString() => Sddl;
    }
}
