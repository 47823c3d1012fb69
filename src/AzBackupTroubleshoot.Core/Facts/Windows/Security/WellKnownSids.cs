namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>The SDDL aliases of well-known SIDs that an ACE may use instead of an <c>S-1-...</c> string, and their display names.</summary>
    public static class WellKnownSids
    {
        /// <summary>Everyone (<c>WD</c>).</summary>
        public const string Everyone = "S-1-1-0";

        /// <summary>NT AUTHORITY\SYSTEM (<c>SY</c>).</summary>
        public const string LocalSystem = "S-1-5-18";

        /// <summary>BUILTIN\Administrators (<c>BA</c>).</summary>
        public const string Administrators = "S-1-5-32-544";

        /// <summary>NT AUTHORITY\Authenticated Users (<c>AU</c>).</summary>
        public const string AuthenticatedUsers = "S-1-5-11";

        /// <summary>The groups in LocalSystem's token that file ACLs name: SYSTEM itself, Administrators, Everyone, Authenticated Users.</summary>
        public static readonly IReadOnlyList<string> LocalSystemToken = new[] { LocalSystem, Administrators, Everyone, AuthenticatedUsers };

        private static readonly Dictionary<string, (string Sid, string Name)> Aliases = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["WD"] = (Everyone, "Everyone"),
            ["SY"] = (LocalSystem, @"NT AUTHORITY\SYSTEM"),
            ["BA"] = (Administrators, @"BUILTIN\Administrators"),
            ["AU"] = (AuthenticatedUsers, @"NT AUTHORITY\Authenticated Users"),
            ["BU"] = ("S-1-5-32-545", @"BUILTIN\Users"),
            ["BG"] = ("S-1-5-32-546", @"BUILTIN\Guests"),
            ["PU"] = ("S-1-5-32-547", @"BUILTIN\Power Users"),
            ["BO"] = ("S-1-5-32-551", @"BUILTIN\Backup Operators"),
            ["CO"] = ("S-1-3-0", "CREATOR OWNER"),
            ["CG"] = ("S-1-3-1", "CREATOR GROUP"),
            ["OW"] = ("S-1-3-4", "OWNER RIGHTS"),
            ["IU"] = ("S-1-5-4", @"NT AUTHORITY\INTERACTIVE"),
            ["SU"] = ("S-1-5-6", @"NT AUTHORITY\SERVICE"),
            ["AN"] = ("S-1-5-7", @"NT AUTHORITY\ANONYMOUS LOGON"),
            ["PS"] = ("S-1-5-10", @"NT AUTHORITY\SELF"),
            ["NU"] = ("S-1-5-2", @"NT AUTHORITY\NETWORK"),
            ["LS"] = ("S-1-5-19", @"NT AUTHORITY\LOCAL SERVICE"),
            ["NS"] = ("S-1-5-20", @"NT AUTHORITY\NETWORK SERVICE"),
            ["AC"] = ("S-1-15-2-1", @"APPLICATION PACKAGE AUTHORITY\ALL APPLICATION PACKAGES"),
        };

        private static readonly Dictionary<string, string> Names = Aliases.Values.ToDictionary(v => v.Sid, v => v.Name, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The SID a trustee field stands for: an alias (<c>WD</c>) or an <c>S-1-...</c> string (kept, upper-cased <c>S</c>).
        /// False when it is neither.
        /// </summary>
        public static bool TryResolve(string text, out string sid)
        {
            sid = string.Empty;
            if (Aliases.TryGetValue(text, out var alias))
            {
                sid = alias.Sid;
                return true;
            }

            if (!IsSidString(text))
            {
                return false;
            }

            sid = "S" + text.Substring(1);
            return true;
        }

        /// <summary>True for <c>S-1-</c> followed by dash-separated decimal numbers (at most 15 sub-authorities).</summary>
        public static bool IsSidString(string text)
        {
            if (text.Length < 5 || (text[0] != 'S' && text[0] != 's') || string.CompareOrdinal(text, 1, "-1-", 0, 3) != 0)
            {
                return false;
            }

            var parts = text.Substring(4).Split('-');
            return parts.Length >= 1 && parts.Length <= 16 && parts.All(p => p.Length > 0 && p.Length <= 20 && p.All(c => c >= '0' && c <= '9'));
        }

        /// <summary>The display name of a well-known SID, else the SID itself.</summary>
        public static string Name(string sid) => Names.TryGetValue(sid, out var name) ? name : sid;
    }
}
