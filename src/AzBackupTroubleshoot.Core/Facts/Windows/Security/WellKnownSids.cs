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
            ["AO"] = ("S-1-5-32-548", @"BUILTIN\Account Operators"),
            ["SO"] = ("S-1-5-32-549", @"BUILTIN\Server Operators"),
            ["PO"] = ("S-1-5-32-550", @"BUILTIN\Print Operators"),
            ["RE"] = ("S-1-5-32-552", @"BUILTIN\Replicator"),
            ["RU"] = ("S-1-5-32-554", @"BUILTIN\Pre-Windows 2000 Compatible Access"),
            ["RD"] = ("S-1-5-32-555", @"BUILTIN\Remote Desktop Users"),
            ["NO"] = ("S-1-5-32-556", @"BUILTIN\Network Configuration Operators"),
            ["MU"] = ("S-1-5-32-558", @"BUILTIN\Performance Monitor Users"),
            ["LU"] = ("S-1-5-32-559", @"BUILTIN\Performance Log Users"),
            ["IS"] = ("S-1-5-32-568", @"BUILTIN\IIS_IUSRS"),
            ["CY"] = ("S-1-5-32-569", @"BUILTIN\Cryptographic Operators"),
            ["ER"] = ("S-1-5-32-573", @"BUILTIN\Event Log Readers"),
            ["CD"] = ("S-1-5-32-574", @"BUILTIN\Certificate Service DCOM Access"),
            ["ES"] = ("S-1-5-32-576", @"BUILTIN\RDS Endpoint Servers"),
            ["HA"] = ("S-1-5-32-578", @"BUILTIN\Hyper-V Administrators"),
            ["AA"] = ("S-1-5-32-579", @"BUILTIN\Access Control Assistance Operators"),
            ["RM"] = ("S-1-5-32-580", @"BUILTIN\Remote Management Users"),
            ["ED"] = ("S-1-5-9", @"NT AUTHORITY\ENTERPRISE DOMAIN CONTROLLERS"),
            ["RC"] = ("S-1-5-12", @"NT AUTHORITY\RESTRICTED"),
            ["WR"] = ("S-1-5-33", @"NT AUTHORITY\WRITE RESTRICTED"),
            ["LW"] = ("S-1-16-4096", @"Mandatory Label\Low Mandatory Level"),
            ["ME"] = ("S-1-16-8192", @"Mandatory Label\Medium Mandatory Level"),
            ["MP"] = ("S-1-16-8448", @"Mandatory Label\Medium Plus Mandatory Level"),
            ["HI"] = ("S-1-16-12288", @"Mandatory Label\High Mandatory Level"),
            ["SI"] = ("S-1-16-16384", @"Mandatory Label\System Mandatory Level"),
            ["AS"] = ("S-1-18-1", "Authentication authority asserted identity"),
            ["SS"] = ("S-1-18-2", "Service asserted identity"),
        };

        /// <summary>
        /// Aliases whose SID depends on the domain or machine (Domain Admins, the local Administrator account, ...): accepted
        /// as trustees and kept as the alias, since none of them is in SYSTEM's token or is Everyone or Administrators.
        /// </summary>
        private static readonly HashSet<string> RelativeAliases = new HashSet<string>(StringComparer.Ordinal)
        {
            "AP", "CA", "CN", "DA", "DC", "DD", "DG", "DU", "EA", "EK", "KA", "LA", "LG", "PA", "RO", "RS", "SA",
        };

        private static readonly Dictionary<string, string> Names = Aliases.Values.ToDictionary(v => v.Sid, v => v.Name, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The SID a trustee field stands for: an alias (<c>WD</c>) or an <c>S-1-...</c> string (kept, upper-cased <c>S</c>);
        /// a domain-relative alias (<c>DA</c>) stays the alias. False when it is none of these.
        /// </summary>
        public static bool TryResolve(string text, out string sid)
        {
            sid = string.Empty;
            if (Aliases.TryGetValue(text, out var alias))
            {
                sid = alias.Sid;
                return true;
            }

            if (RelativeAliases.Contains(text))
            {
                sid = text;
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

        /// <summary>The display name of a well-known SID, else the SID (or domain-relative alias) itself.</summary>
        public static string Name(string sid) => Names.TryGetValue(sid, out var name) ? name : sid;
    }
}
