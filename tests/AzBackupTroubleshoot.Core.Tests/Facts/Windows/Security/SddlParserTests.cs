using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows.Security
{
    public class SddlParserTests
    {
        [Fact]
        public void Reads_the_default_MachineKeys_descriptor_that_VM_assist_compares_with()
        {
            var sd = SddlParser.Parse("O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;FA;;;BA)");
            Assert.Equal(WellKnownSids.LocalSystem, sd.Owner);
            Assert.Equal(WellKnownSids.LocalSystem, sd.Group);
            Assert.True(sd.Protected);
            Assert.False(sd.NullDacl);
            Assert.Equal(2, sd.Aces.Count);
            Assert.Equal((SecurityAceKind.Allow, SecurityAceFlags.None, 0x12019Fu, WellKnownSids.Everyone), (sd.Aces[0].Kind, sd.Aces[0].Flags, sd.Aces[0].Mask, sd.Aces[0].Sid));
            Assert.Equal((SecurityAceKind.Allow, FileRights.FullControl, WellKnownSids.Administrators), (sd.Aces[1].Kind, sd.Aces[1].Mask, sd.Aces[1].Sid));
            Assert.Equal(new[] { "Everyone:(R,W)", @"BUILTIN\Administrators:(F)" }, sd.Describe());
        }

        [Fact]
        public void Maps_generic_rights_and_rights_codes_and_keeps_inheritance_flags_and_sid_strings()
        {
            var sd = SddlParser.Parse("D:AI(A;OICIID;GA;;;S-1-5-21-1-2-3-1001)(A;CIIO;GR;;;CO)(D;NP;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;s-1-5-11)S:AI(AU;SAFA;FA;;;WD)");
            Assert.Null(sd.Owner);
            Assert.False(sd.Protected);
            Assert.Equal(3, sd.Aces.Count);
            Assert.Equal((SecurityAceFlags.ObjectInherit | SecurityAceFlags.ContainerInherit | SecurityAceFlags.Inherited, FileRights.FullControl, "S-1-5-21-1-2-3-1001"), (sd.Aces[0].Flags, sd.Aces[0].Mask, sd.Aces[0].Sid));
            Assert.Equal((SecurityAceFlags.ContainerInherit | SecurityAceFlags.InheritOnly, FileRights.GenericRead, "S-1-3-0"), (sd.Aces[1].Flags, sd.Aces[1].Mask, sd.Aces[1].Sid));
            Assert.Equal((SecurityAceKind.Deny, 0xF01FFu, WellKnownSids.AuthenticatedUsers), (sd.Aces[2].Kind, sd.Aces[2].Mask, sd.Aces[2].Sid));
            Assert.Equal("S-1-5-21-1-2-3-1001:(I)(OI)(CI)(F)", sd.Aces[0].Describe());
        }

        [Fact]
        public void Takes_builtin_aliases_as_their_SIDs_and_keeps_domain_relative_aliases_as_they_are()
        {
            var sd = SddlParser.Parse("O:DAG:DUD:(A;;FA;;;RD)(A;;FR;;;DA)");
            Assert.Equal(("DA", "DU"), (sd.Owner, sd.Group));
            Assert.Equal(new[] { "S-1-5-32-555", "DA" }, sd.Aces.Select(a => a.Sid));
            Assert.Equal(new[] { @"BUILTIN\Remote Desktop Users:(F)", "DA:(R)" }, sd.Describe());
            Assert.Equal(0u, sd.EffectiveRights(WellKnownSids.LocalSystemToken, AceScope.Folder));
        }

        [Theory]
        [InlineData("O:SYG:SYD:NO_ACCESS_CONTROL", true, 0)]
        [InlineData("O:SYG:SY", true, 0)]
        [InlineData("D:P", false, 0)]
        public void Tells_a_null_DACL_from_an_empty_one(string sddl, bool nullDacl, int aces)
        {
            var sd = SddlParser.Parse(sddl);
            Assert.Equal(nullDacl, sd.NullDacl);
            Assert.Equal(aces, sd.Aces.Count);
            Assert.Equal(nullDacl ? FileRights.FullControl : 0u, sd.EffectiveRights(new[] { WellKnownSids.Everyone }, AceScope.Folder));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("X:SY", "does not start with O:, G:, D: or S:")]
        [InlineData("O:XX", "'XX' at position 2 is neither a SID")]
        [InlineData("D:(A;;FA;;;XX)", "the account 'XX'")]
        [InlineData("D:(A;;ZZ;;;WD)", "the right 'ZZ'")]
        [InlineData("D:(A;;0xZZ;;;WD)", "not a 32-bit hex number")]
        [InlineData("D:(A;;FA;;WD)", "has 5 fields, not 6")]
        [InlineData("D:(A;;FA;;;WD", "a '(' is not closed")]
        [InlineData("D:(A;;FA;;;WD))", "a ')' without '('")]
        [InlineData("D:Q(A;;FA;;;WD)", "the DACL flags 'Q'")]
        [InlineData("D:(Q;;FA;;;WD)", "the ACE type 'Q'")]
        [InlineData("D:(A;QQ;FA;;;WD)", "the ACE flag 'QQ'")]
        [InlineData("D:NO_ACCESS_CONTROL(A;;FA;;;WD)", "followed by ACEs")]
        [InlineData("D:(A;;FA;;;WD)D:(A;;FA;;;BA)", "a second D: part")]
        [InlineData("D:(A;;FA;;;WD)x(A;;FA;;;BA)", "expected '(' at position 14")]
        public void Malformed_SDDL_is_a_format_error_saying_what_and_where(string sddl, string expected)
        {
            var error = Assert.Throws<FormatException>(() => SddlParser.Parse(sddl));
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Refuses_SDDL_longer_than_the_cap()
        {
            var error = Assert.Throws<FormatException>(() => SddlParser.Parse("D:" + string.Concat(Enumerable.Repeat("(A;;FA;;;WD)", 22000))));
            Assert.Contains("264002 characters long, more than the 262144 read", error.Message);
            Assert.Equal(1800, SddlParser.Parse("D:" + string.Concat(Enumerable.Repeat("(A;OICI;0x1301bf;;;S-1-5-21-1004336348-1177238915-682003330-1001)", 1800))).Aces.Count);
        }

        [Fact]
        public void Effective_rights_follow_the_order_of_the_entries_and_their_scope()
        {
            // A deny before the allow takes its bits; a deny after a full allow takes nothing.
            var denyFirst = SddlParser.Parse("D:(D;;WDWO;;;WD)(A;;FA;;;SY)");
            Assert.Equal(FileRights.FullControl & ~0xC0000u, denyFirst.EffectiveRights(WellKnownSids.LocalSystemToken, AceScope.Folder));
            var allowFirst = SddlParser.Parse("D:(A;;FA;;;SY)(D;;WDWO;;;WD)");
            Assert.Equal(FileRights.FullControl, allowFirst.EffectiveRights(WellKnownSids.LocalSystemToken, AceScope.Folder));

            // Inherit-only entries reach children only; CI reaches subfolders, OI files.
            var scoped = SddlParser.Parse("D:(A;OIIO;FA;;;SY)(A;CI;FR;;;SY)");
            Assert.Equal(FileRights.GenericRead, scoped.EffectiveRights(new[] { WellKnownSids.LocalSystem }, AceScope.Folder));
            Assert.Equal(FileRights.GenericRead, scoped.EffectiveRights(new[] { WellKnownSids.LocalSystem }, AceScope.Subfolders));
            Assert.Equal(FileRights.FullControl, scoped.EffectiveRights(new[] { WellKnownSids.LocalSystem }, AceScope.Files));

            // Entries for SIDs outside the token do not count.
            Assert.Equal(0u, scoped.EffectiveRights(new[] { WellKnownSids.Everyone }, AceScope.Files));
        }

        [Theory]
        [InlineData(0x1F01FFu, "F")]
        [InlineData(0x12019Fu, "R,W")]
        [InlineData(0x1301BFu, "M")]
        [InlineData(0x1200A9u, "RX")]
        [InlineData(0x120089u, "R")]
        [InlineData(0x2019Fu, "0x2019f")]
        [InlineData(0x100000u, "0x100000")]
        [InlineData(0u, "none")]
        public void Describes_masks_like_icacls(uint mask, string expected) => Assert.Equal(expected, FileRights.Describe(mask));
    }
}
