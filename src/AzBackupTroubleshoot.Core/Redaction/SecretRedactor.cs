using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Redaction
{
    /// <summary>
    /// The module's one redactor: removes secrets from text before it is shown, logged or saved (bundle files, results,
    /// evidence, error messages, verbose output, Resource Manager messages). It knows the forms in <see cref="SecretKind"/>
    /// in plain, URL-encoded, double-encoded, JSON-escaped (<c>\"</c>, <c>\u0022</c>, <c>\u0027</c>, <c>\u0026</c>,
    /// <c>\u002B</c>), XML-escaped (<c>&amp;quot;</c>, <c>&amp;#39;</c>, <c>&amp;amp;</c>) and single-quoted (Python dict) spellings, and the exact values of tokens
    /// registered with <see cref="AddKnownSecret"/>, which become <see cref="KnownSecretMask"/>. A pattern's secret becomes
    /// <see cref="Replacement"/> and the structure around it stays, so JSON, XML and YAML still parse. Every pattern is linear
    /// and has a time limit: text that cannot be checked in time is not returned (see <see cref="TryRedact"/>).
    /// </summary>
    public sealed class SecretRedactor
    {
        /// <summary>The text a secret found by its form is replaced with.</summary>
        public const string Replacement = "REDACTED";

        /// <summary>The text a registered secret (<see cref="AddKnownSecret"/>) is replaced with.</summary>
        public const string KnownSecretMask = "***";

        /// <summary>What <see cref="Redact(string, IDictionary{SecretKind, int}, bool)"/> returns for text it could not check in time.</summary>
        public const string Unchecked = "[REDACTED: the text could not be checked for secrets]";

        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

        // A secret value inside a URL or query string stops at a delimiter, plain or escaped: & " ' < > as \u00XX or %XX.
        private const string QueryValue = @"(?<value>(?:\\+u00(?!2[267]|3[ce])[0-9a-f]{2}|%(?!2[267]|3[ce]|25(?:2[267]|3[ce]))[0-9a-f]{2}|[^&""'\s<>\\%;,)\]}])+)";

        private static readonly Regex Sas = new Regex(
            @"sig(?<=(?:^|[?&;\s""'(]|\\u0026|\\u003f|%26|%3f|%2526|%253f)sig)(?:=|%3d|%253d|\\u003d)" + QueryValue,
            Options | RegexOptions.Multiline, Limit);

        // What follows AccountKey, SharedAccessKey or SharedAccessSignature in a connection string (found with IndexOf).
        private static readonly Regex ConnectionStringTail = new Regex(
            @"\G[ \t]*(?:=|%3d|\\u003d)(?<value>(?:\\+u00(?!2[27])[0-9a-f]{2}|[^;""'\s<>\\])+)",
            Options, Limit);

        private static readonly string[] ConnectionStringNames = { "AccountKey", "SharedAccessKey", "SharedAccessSignature" };

        private static readonly Regex AuthorizationHeader = new Regex(
            @"Authorization(?:\\*[""']|\\+u002[27])?[ \t]*[:=][ \t]*(?:\\*[""']|\\+u002[27])?[ \t]*(?:(?:Bearer|Basic|SharedKey|SharedKeyLite|SharedAccessSignature|Digest|Negotiate|NTLM)[ \t]+)?(?<value>[^\s""'\\,;]+)",
            Options, Limit);

        private static readonly Regex BearerToken = new Regex(@"\bBearer(?:[ \t]+|%20|\+)(?<value>[a-z0-9\-._~+/]{16,}=*)", Options, Limit);

        private static readonly Regex JsonWebToken = new Regex(@"(?<value>\beyJ[a-z0-9_-]{4,}\.[a-z0-9_-]{4,}\.[a-z0-9_-]*)", Options, Limit);

        // What follows a secret property's name: the quote that closes it (any form: ", \", \\\", \u0022, \u0027, &quot;,
        // &#39;, ') and the colon. Anchored (\G) where IndexOf found a name, so it costs a few steps per name found.
        private static readonly Regex PropertyTail = new Regex(
            @"\G(?<q>\\*""|\\+u002[27]|(?:&|\\+u0026)(?:quot|\#39);|')[ \t]*(?::|=>?)[ \t]*",
            Options, Limit);

        private static readonly Regex OvfSecret = new Regex(
            @"(?<open><(?:[A-Za-z0-9_]+:)?(?<tag>UserPassword|CustomData)\b[^>/]*>)(?<value>.*?)(?<close></(?:[A-Za-z0-9_]+:)?\k<tag>\s*>)",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Limit);

        private const string NetworkKey = @"(?:[a-z0-9]+[-_])*(?:psk|password|passwd|passphrase|password-raw|wep-key[0-9]|wep_key[0-9]|pin|secret)";

        private static readonly Regex NetworkSecretLine = new Regex(
            @"^[ \t]*(?:-[ \t]+)?" + NetworkKey + @"[ \t]*[=:][ \t]*(?<value>[^\s][^\r\n]*?)[ \t]*(?=\r?$)",
            Options | RegexOptions.Multiline, Limit);

        private static readonly Regex NetworkSecretInline = new Regex(
            @"[{,][ \t]*" + NetworkKey + @"[ \t]*:[ \t]*(?<value>""(?:[^""\\\r\n]|\\.)*""|'(?:[^'\r\n]|'')*'|[^,}\s](?:[^,}\r\n]*[^,}\s])?)",
            Options, Limit);

        private static readonly Regex UrlCredentials = new Regex(@"://(?<value>(?>[^/@\s:""']+):(?>[^/@\s""']+))@", Options, Limit);

        // Secret property names, found with IndexOf (vectorised): a regex starting with letters would try every letter.
        private static readonly string[] PropertyNames =
        {
            "protectedSettings", "password", "access_token", "accessToken", "refresh_token", "refreshToken", "id_token", "client_secret",
            "clientSecret", "accountKey", "sharedAccessKey", "sas_token", "sasToken", "sasKey",
        };

        private readonly object _gate = new object();
        private readonly List<string> _known = new List<string>();

        /// <summary>
        /// Registers a secret by its exact value (an access token this process holds): from now on every text this instance
        /// redacts has it replaced with <see cref="KnownSecretMask"/>. Thread-safe.
        /// </summary>
        public void AddKnownSecret(string secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return;
            }

            lock (_gate)
            {
                if (!_known.Contains(secret))
                {
                    _known.Add(secret);
                }
            }
        }

        /// <summary>Replaces only the registered secrets (for a response body that is parsed afterwards and must keep its form).</summary>
        public string MaskKnownSecrets(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            lock (_gate)
            {
                var result = text!;
                foreach (var secret in _known)
                {
                    if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                    {
                        result = result.Replace(secret, KnownSecretMask);
                    }
                }

                return result;
            }
        }

        /// <summary>
        /// Redacts every kind of secret; <paramref name="counts"/> receives what was found. <paramref name="networkConfiguration"/>
        /// also removes network passwords (<c>psk=</c>, <c>password:</c> lines and inline <c>{password: ...}</c>), which would
        /// be too broad for other text. Text that cannot be checked in time comes back as <see cref="Unchecked"/>.
        /// </summary>
        public string Redact(string? text, IDictionary<SecretKind, int>? counts = null, bool networkConfiguration = false) =>
            TryRedact(text, out var redacted, counts, networkConfiguration) ? redacted : Unchecked;

        /// <summary>
        /// Redacts like <see cref="Redact(string, IDictionary{SecretKind, int}, bool)"/>; false (and <paramref name="redacted"/>
        /// null) when a pattern ran out of time on hostile text, which must then not be used at all.
        /// </summary>
        public bool TryRedact(string? text, out string redacted, IDictionary<SecretKind, int>? counts = null, bool networkConfiguration = false)
        {
            redacted = string.Empty;
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            try
            {
                // Each pattern runs only when its literal is in the text (a vectorised search): most log text has none.
                var result = MaskCounted(text!, counts);
                result = RedactConnectionStrings(result, counts);

                if (Has(result, "sig"))
                {
                    result = Sas.Replace(result, m => ReplaceValue(m, counts, SecretKind.SasSignature));
                }

                if (Has(result, "Authorization"))
                {
                    result = AuthorizationHeader.Replace(result, m => ReplaceValue(m, counts, SecretKind.AccessToken));
                }

                if (Has(result, "Bearer"))
                {
                    result = BearerToken.Replace(result, m => ReplaceValue(m, counts, SecretKind.AccessToken));
                }

                if (Has(result, "eyJ"))
                {
                    result = JsonWebToken.Replace(result, m => ReplaceValue(m, counts, SecretKind.AccessToken));
                }

                result = RedactProperties(result, counts);

                if (Has(result, "UserPassword") || Has(result, "CustomData"))
                {
                    result = OvfSecret.Replace(result, m => m.Groups["value"].Length == 0 || m.Groups["value"].Value == Replacement
                        ? m.Value
                        : Counted(m.Groups["open"].Value + Replacement + m.Groups["close"].Value, counts, m.Groups["tag"].Value == "UserPassword" ? SecretKind.Password : SecretKind.CustomData));
                }

                if (networkConfiguration)
                {
                    result = NetworkSecretInline.Replace(result, m => ReplaceValue(m, counts, SecretKind.NetworkSecret, keepQuotes: true));
                    result = NetworkSecretLine.Replace(result, m => ReplaceValue(m, counts, SecretKind.NetworkSecret));
                }

                redacted = Has(result, "://") ? UrlCredentials.Replace(result, m => ReplaceValue(m, counts, SecretKind.UrlCredentials)) : result;
                return true;
            }
            catch (RegexMatchTimeoutException)
            {
                redacted = null!;
                return false;
            }
        }

        private static bool Has(string text, string word) => text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

        private string MaskCounted(string text, IDictionary<SecretKind, int>? counts)
        {
            var masked = MaskKnownSecrets(text);
            if (!ReferenceEquals(masked, text) && counts != null)
            {
                Count(counts, SecretKind.AccessToken);
            }

            return masked;
        }

        // Replaces the "value" group of a match and keeps the rest; a value already redacted is neither replaced nor counted.
        private static string ReplaceValue(Match match, IDictionary<SecretKind, int>? counts, SecretKind kind, bool keepQuotes = false)
        {
            var value = match.Groups["value"];
            if (value.Value == Replacement || value.Value == KnownSecretMask || value.Value == "\"" + Replacement + "\"" || value.Value == "'" + Replacement + "'")
            {
                return match.Value;
            }

            var replacement = Replacement;
            if (keepQuotes && value.Length >= 2 && (value.Value[0] == '"' || value.Value[0] == '\''))
            {
                replacement = value.Value[0] + Replacement + value.Value[0];
            }

            var before = value.Index - match.Index;
            return Counted(match.Value.Substring(0, before) + replacement + match.Value.Substring(before + value.Length), counts, kind);
        }

        private static string Counted(string text, IDictionary<SecretKind, int>? counts, SecretKind kind)
        {
            Count(counts, kind);
            return text;
        }

        private static void Count(IDictionary<SecretKind, int>? counts, SecretKind kind)
        {
            if (counts != null)
            {
                counts[kind] = counts.TryGetValue(kind, out var n) ? n + 1 : 1;
            }
        }

        private static SecretKind KindOf(string name)
        {
            if (name.Equals("protectedSettings", StringComparison.OrdinalIgnoreCase))
            {
                return SecretKind.ProtectedSettings;
            }

            if (name.EndsWith("password", StringComparison.OrdinalIgnoreCase))
            {
                return SecretKind.Password;
            }

            if (name.StartsWith("sas", StringComparison.OrdinalIgnoreCase))
            {
                return SecretKind.SasSignature;
            }

            return name.EndsWith("Key", StringComparison.OrdinalIgnoreCase) ? SecretKind.AccountKey : SecretKind.AccessToken;
        }

        // The value of AccountKey=, SharedAccessKey= and the whole SharedAccessSignature= (it holds sig= and more) up to ';'.
        private static string RedactConnectionStrings(string text, IDictionary<SecretKind, int>? counts)
        {
            StringBuilder? builder = null;
            var position = 0;
            foreach (var (index, name) in Find(text, ConnectionStringNames))
            {
                var tail = index + name.Length >= position ? ConnectionStringTail.Match(text, index + name.Length) : Match.Empty;
                var value = tail.Groups["value"];
                if (!tail.Success || value.Value == Replacement)
                {
                    continue;
                }

                builder ??= new StringBuilder(text.Length);
                builder.Append(text, position, value.Index - position).Append(Replacement);
                Count(counts, name == "SharedAccessSignature" ? SecretKind.SasSignature : SecretKind.AccountKey);
                position = value.Index + value.Length;
            }

            return builder is null ? text : builder.Append(text, position, text.Length - position).ToString();
        }

        // Where each of the names occurs (any case), in the order of the text: IndexOf is vectorised, a regex that starts
        // with a letter tries every letter.
        private static IEnumerable<(int Index, string Name)> Find(string text, string[] names)
        {
            var found = new List<(int Index, string Name)>();
            foreach (var name in names)
            {
                for (var i = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((i, name));
                }
            }

            return found.OrderBy(f => f.Index);
        }

        // The value after a secret property's name is a string in the same or another quote form, or an object or array;
        // numbers, booleans and null are left alone. An object becomes one quoted REDACTED. Names ending in password or
        // accountKey may carry a prefix (adminPassword, storageAccountKey). The same quote must open and close the name.
        private static string RedactProperties(string text, IDictionary<SecretKind, int>? counts)
        {
            StringBuilder? builder = null;
            var position = 0;
            foreach (var (index, name) in Find(text, PropertyNames))
            {
                var tail = PropertyTail.Match(text, index + name.Length);
                if (!tail.Success)
                {
                    continue;
                }

                var quote = tail.Groups["q"].Value;
                var nameStart = index;
                if (name == "password" || name == "accountKey")
                {
                    for (var limit = 0; nameStart > 0 && limit < 64 && (char.IsLetter(text[nameStart - 1]) || text[nameStart - 1] == '_'); limit++)
                    {
                        nameStart--;
                    }
                }

                var open = nameStart - quote.Length;
                if (open < position || string.Compare(text, open, quote, 0, quote.Length, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    continue;
                }

                var valueStart = tail.Index + tail.Length;
                var valueEnd = QuotedValueScanner.FindEnd(text, valueStart, out var valueQuote);
                if (valueEnd < 0)
                {
                    continue;
                }

                var inner = text.Substring(valueStart + valueQuote.Length, valueEnd - valueStart - (2 * valueQuote.Length));
                if (valueQuote.Length > 0 && (inner.Length == 0 || inner == Replacement))
                {
                    continue;
                }

                builder ??= new StringBuilder(text.Length);
                var outQuote = valueQuote.Length > 0 ? valueQuote : quote;
                builder.Append(text, position, valueStart - position).Append(outQuote).Append(Replacement).Append(outQuote);
                Count(counts, KindOf(name));
                position = valueEnd;
            }

            return builder is null ? text : builder.Append(text, position, text.Length - position).ToString();
        }
    }
}
