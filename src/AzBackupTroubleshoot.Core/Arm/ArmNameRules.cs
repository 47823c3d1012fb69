namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Which text may stand in one segment of a Resource Manager path. The rules follow Microsoft's "Naming rules and
    /// restrictions for Azure resources"
    /// (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, read in the
    /// MicrosoftDocs/azure-docs source, articles/azure-resource-manager/management/resource-name-rules.md, ms.date
    /// 03/14/2025):
    /// <list type="bullet">
    /// <item><description>resource groups: 1-90 characters; underscores, hyphens, periods, parentheses and letters or digits as
    /// <c>Char.IsLetterOrDigit</c> defines them (UnicodeCategory UppercaseLetter, LowercaseLetter, TitlecaseLetter,
    /// ModifierLetter, OtherLetter, DecimalDigitNumber); can't end with a period.</description></item>
    /// <item><description>virtual machines: the article's limits (1-15 Windows, 1-64 Linux; no spaces, control characters
    /// or <c>~ ! @ # $ % ^ &amp; * ( ) = + [ ] { } \ | ; : ' " , &lt; &gt; / ?</c>; can't end with a period or hyphen) are
    /// for the host name; the resource name may have up to 64 characters. Taken here as 1-64 ASCII letters, digits,
    /// hyphens, underscores and periods, starting with a letter or digit and not ending with a period or hyphen.</description></item>
    /// <item><description>Recovery Services vaults: 2-50 alphanumerics and hyphens, starting with a letter.</description></item>
    /// <item><description>VM extensions: the article has no row for them; the rule of their Microsoft.Compute neighbours
    /// (images, snapshots, availability sets: alphanumerics, underscores, periods and hyphens, starting with an
    /// alphanumeric) is used, with up to 128 characters, ending with an alphanumeric or underscore.</description></item>
    /// <item><description>The article also says: don't use <c>#</c> in a resource name, it interferes with URL parsing of
    /// Resource Manager requests. Every other segment (a fabric, a container, a protected item such as
    /// <c>VM;iaasvmcontainerv2;rg;vm</c>) may hold 1-260 characters but never a control character, white space,
    /// <c>/ \ ? # % &amp; : * &lt; &gt; | "</c>, and is never <c>.</c> or <c>..</c>.</description></item>
    /// </list>
    /// Subscriptions are GUIDs. Percent signs are refused everywhere, so an encoded slash (<c>%2F</c>, <c>%5C</c>) or any
    /// other pre-encoded text cannot slip through; the request path is encoded by <see cref="Escape"/> only.
    /// </summary>
    internal static class ArmNameRules
    {
        private const string GenericForbidden = "/\\?#%&:*<>|\"";

        /// <summary>Null when <paramref name="value"/> is a subscription id (a GUID); otherwise why not.</summary>
        public static string? Subscription(string value) =>
            Guid.TryParseExact(value, "D", out _) ? null : "a subscription id is a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)";

        /// <summary>Null when <paramref name="value"/> is a valid resource group name; otherwise why not.</summary>
        public static string? ResourceGroup(string value)
        {
            if (value.Length < 1 || value.Length > 90)
            {
                return "a resource group name has 1-90 characters";
            }

            foreach (var c in value)
            {
                if (!(c == '_' || c == '-' || c == '.' || c == '(' || c == ')' || IsLetterOrDigit(c)))
                {
                    return $"a resource group name holds only letters, digits, '_', '-', '.', '(' and ')' (found {Describe(c)})";
                }
            }

            return value[value.Length - 1] == '.' ? "a resource group name can't end with a period" : null;
        }

        /// <summary>Null when <paramref name="value"/> is a valid virtual machine resource name; otherwise why not.</summary>
        public static string? VirtualMachine(string value) =>
            AsciiName(value, "a virtual machine name", 64, allowPeriod: true, endWithUnderscore: true);

        /// <summary>Null when <paramref name="value"/> is a valid VM extension name; otherwise why not.</summary>
        public static string? Extension(string value) =>
            AsciiName(value, "an extension name", 128, allowPeriod: true, endWithUnderscore: true);

        /// <summary>Null when <paramref name="value"/> is a valid Recovery Services vault name; otherwise why not.</summary>
        public static string? Vault(string value)
        {
            if (value.Length < 2 || value.Length > 50)
            {
                return "a vault name has 2-50 characters";
            }

            if (!IsAsciiLetter(value[0]))
            {
                return "a vault name starts with a letter";
            }

            foreach (var c in value)
            {
                if (!(IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return $"a vault name holds only letters, digits and '-' (found {Describe(c)})";
                }
            }

            return null;
        }

        /// <summary>Null when <paramref name="value"/> is a provider namespace such as Microsoft.Compute; otherwise why not.</summary>
        public static string? Namespace(string value)
        {
            var parts = value.Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0 || !IsAsciiLetter(part[0]) || !IsAsciiWord(part))
                {
                    return "a provider namespace is dot-separated words of letters and digits (for example Microsoft.Compute)";
                }
            }

            return parts.Length >= 2 && value.Length <= 128 ? null : "a provider namespace is dot-separated words of letters and digits (for example Microsoft.Compute)";
        }

        /// <summary>Null when <paramref name="value"/> is a resource type segment such as virtualMachines; otherwise why not.</summary>
        public static string? TypeName(string value) =>
            value.Length >= 1 && value.Length <= 128 && IsAsciiLetter(value[0]) && IsAsciiWord(value) ? null : "a resource type holds only letters and digits (for example virtualMachines)";

        /// <summary>Null when <paramref name="value"/> may stand as a name segment of any other type; otherwise why not.</summary>
        public static string? Generic(string value)
        {
            if (value.Length < 1 || value.Length > 260)
            {
                return "a name has 1-260 characters";
            }

            if (value.Trim('.').Length == 0)
            {
                return "'.' and '..' are not names";
            }

            foreach (var c in value)
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c) || GenericForbidden.IndexOf(c) >= 0 || char.IsSurrogate(c) || c == '\u00A0' || IsFormat(c))
                {
                    return $"a name can't hold {Describe(c)}";
                }
            }

            return null;
        }

        /// <summary>
        /// Percent-encodes a validated segment for a request path: ASCII letters, digits and <c>-._~!$'()*+,;=@</c> stay,
        /// every other character is written as its UTF-8 bytes in <c>%XX</c> form.
        /// </summary>
        public static string Escape(string segment)
        {
            StringBuilder? builder = null;
            for (var i = 0; i < segment.Length; i++)
            {
                var c = segment[i];
                if (IsAsciiLetterOrDigit(c) || "-._~!$'()*+,;=@".IndexOf(c) >= 0)
                {
                    builder?.Append(c);
                    continue;
                }

                builder ??= new StringBuilder(segment, 0, i, segment.Length * 3);
                var length = char.IsHighSurrogate(c) && i + 1 < segment.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(segment.Substring(i, length)))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }

            return builder?.ToString() ?? segment;
        }

        /// <summary>A character named for a message: printable ASCII as itself, anything else as U+XXXX.</summary>
        public static string Describe(char c) =>
            c > ' ' && c < 0x7F ? "'" + c + "'" : "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private static string? AsciiName(string value, string what, int max, bool allowPeriod, bool endWithUnderscore)
        {
            if (value.Length < 1 || value.Length > max)
            {
                return $"{what} has 1-{max.ToString(CultureInfo.InvariantCulture)} characters";
            }

            foreach (var c in value)
            {
                if (!(IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || (allowPeriod && c == '.')))
                {
                    return $"{what} holds only ASCII letters, digits, '-', '_' and '.' (found {Describe(c)})";
                }
            }

            if (!IsAsciiLetterOrDigit(value[0]))
            {
                return $"{what} starts with a letter or digit";
            }

            var last = value[value.Length - 1];
            return IsAsciiLetterOrDigit(last) || (endWithUnderscore && last == '_') ? null : $"{what} can't end with {Describe(last)}";
        }

        private static bool IsLetterOrDigit(char c)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsFormat(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');

        private static bool IsAsciiWord(string value)
        {
            foreach (var c in value)
            {
                if (!IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
