using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Redaction
{
    /// <summary>The kinds of secret the redactor removes.</summary>
    public enum SecretKind
    {
        /// <summary>The signature (<c>sig=</c>) of a shared access signature URL.</summary>
        SasSignature,

        /// <summary>The value of a <c>protectedSettings</c> property (encrypted extension settings).</summary>
        ProtectedSettings,

        /// <summary>A password in ovf-env.xml (<c>UserPassword</c>).</summary>
        Password,

        /// <summary>Custom data in ovf-env.xml (<c>CustomData</c>), which often carries secrets.</summary>
        CustomData,

        /// <summary>A password or pre-shared key in a network configuration (<c>psk=</c>, <c>password=</c>).</summary>
        NetworkSecret,

        /// <summary>User name and password embedded in a proxy URL (<c>http://user:pass@host</c>).</summary>
        UrlCredentials,
    }

    /// <summary>
    /// Removes secrets from text before it is shown or saved: SAS signatures, <c>protectedSettings</c> values (in JSON, and in
    /// JSON embedded in XML with <c>&amp;quot;</c> quotes), ovf-env.xml passwords and custom data, network passwords, and
    /// credentials in URLs. The replacement is <c>REDACTED</c>; the structure around it stays so files still parse.
    /// </summary>
    public sealed class SecretRedactor
    {
        /// <summary>The text every secret is replaced with.</summary>
        public const string Replacement = "REDACTED";

        private static readonly Regex Sas = new Regex(
            @"(?<=(?:[?&;]|\\u0026|%26)sig=)(?!REDACTED(?:[&""'\s<\\]|$))[^&""'\s<>\\]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex ProtectedKey = new Regex(
            @"(?:""|\\""|&quot;)protectedSettings(?:""|\\""|&quot;)\s*:\s*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex OvfSecret = new Regex(
            @"(?<open><(?:[A-Za-z0-9_]+:)?(?<tag>UserPassword|CustomData)\b[^>/]*>)(?<value>.*?)(?<close></(?:[A-Za-z0-9_]+:)?\k<tag>\s*>)",
            RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static readonly Regex NetworkSecretLine = new Regex(
            @"^(?<key>[ \t]*(?:psk|password|wep-key[0-9]|leap-password|private-key-password|pin)[ \t]*[=:][ \t]*)(?<value>[^\s][^\r\n]*?)[ \t]*(?=\r?$)",
            RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex UrlCredentials = new Regex(
            @"(?<=\b[a-z][a-z0-9+.-]*://)[^/@\s:""']+:[^/@\s""']+(?=@)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Redacts every kind of secret; <paramref name="counts"/> receives what was found.</summary>
        public string Redact(string text, IDictionary<SecretKind, int>? counts = null, bool networkConfiguration = false)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var result = ReplaceAll(Sas, text, SecretKind.SasSignature, counts, m => Replacement);
            result = RedactProtectedSettings(result, counts);
            result = OvfSecret.Replace(result, m =>
            {
                if (m.Groups["value"].Length == 0)
                {
                    return m.Value;
                }

                Count(counts, m.Groups["tag"].Value == "UserPassword" ? SecretKind.Password : SecretKind.CustomData);
                return m.Groups["open"].Value + Replacement + m.Groups["close"].Value;
            });
            if (networkConfiguration)
            {
                result = NetworkSecretLine.Replace(result, m =>
                {
                    Count(counts, SecretKind.NetworkSecret);
                    return m.Groups["key"].Value + Replacement;
                });
            }

            return ReplaceAll(UrlCredentials, result, SecretKind.UrlCredentials, counts, m => Replacement);
        }

        private static string ReplaceAll(Regex regex, string text, SecretKind kind, IDictionary<SecretKind, int>? counts, Func<Match, string> replacement) =>
            regex.Replace(text, m =>
            {
                Count(counts, kind);
                return replacement(m);
            });

        private static void Count(IDictionary<SecretKind, int>? counts, SecretKind kind)
        {
            if (counts != null)
            {
                counts[kind] = counts.TryGetValue(kind, out var n) ? n + 1 : 1;
            }
        }

        // The value after "protectedSettings": is a JSON string (usually base64) or, rarely, an object or array; it may be
        // written with plain quotes, escaped quotes (JSON inside a JSON string) or &quot; (JSON inside XML).
        private static string RedactProtectedSettings(string text, IDictionary<SecretKind, int>? counts)
        {
            var builder = new StringBuilder(text.Length);
            var position = 0;
            foreach (Match key in ProtectedKey.Matches(text))
            {
                if (key.Index < position)
                {
                    continue;
                }

                var valueStart = key.Index + key.Length;
                var valueEnd = FindValueEnd(text, valueStart, out var quote);
                if (valueEnd < 0)
                {
                    continue;
                }

                builder.Append(text, position, valueStart - position);
                var inner = text.Substring(valueStart + quote.Length, valueEnd - valueStart - (2 * quote.Length));
                if (quote.Length > 0 && (inner.Length == 0 || inner == Replacement))
                {
                    builder.Append(text, valueStart, valueEnd - valueStart);
                }
                else
                {
                    builder.Append(quote.Length > 0 ? quote : "\"").Append(Replacement).Append(quote.Length > 0 ? quote : "\"");
                    Count(counts, SecretKind.ProtectedSettings);
                }

                position = valueEnd;
            }

            builder.Append(text, position, text.Length - position);
            return builder.ToString();
        }

        // Returns the index just after the value starting at start, or -1 for null/unknown; quote is the quote form used.
        private static int FindValueEnd(string text, int start, out string quote)
        {
            foreach (var candidate in new[] { "&quot;", "\\\"", "\"" })
            {
                if (string.CompareOrdinal(text, start, candidate, 0, candidate.Length) == 0)
                {
                    quote = candidate;
                    var end = candidate == "\"" ? FindClosingQuote(text, start + 1) : text.IndexOf(candidate, start + candidate.Length, StringComparison.Ordinal);
                    return end < 0 ? -1 : end + candidate.Length;
                }
            }

            quote = string.Empty;
            if (start < text.Length && (text[start] == '{' || text[start] == '['))
            {
                var depth = 0;
                for (var i = start; i < text.Length; i++)
                {
                    if (text[i] == '{' || text[i] == '[')
                    {
                        depth++;
                    }
                    else if ((text[i] == '}' || text[i] == ']') && --depth == 0)
                    {
                        return i + 1;
                    }
                }
            }

            return -1;
        }

        private static int FindClosingQuote(string text, int from)
        {
            for (var i = from; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
