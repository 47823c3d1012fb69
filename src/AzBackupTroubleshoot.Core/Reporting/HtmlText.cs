using System.Net;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// Writes untrusted text (target names, messages, log lines) into HTML text or a quoted attribute value: markup
    /// characters are encoded, control characters other than tab and line breaks become U+FFFD, and the invisible
    /// direction controls (embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, marks U+200E/U+200F) are shown
    /// as the visible text <c>\u202E</c>, so that a name cannot make the report show text in another order than it is.
    /// </summary>
    internal static class HtmlText
    {
        public static void Write(TextWriter writer, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            WebUtility.HtmlEncode(NeedsNeutralising(text!) ? Neutralise(text!) : text, writer);
        }

        public static string Encode(string? text)
        {
            using var writer = new StringWriter();
            Write(writer, text);
            return writer.ToString();
        }

        private static bool NeedsNeutralising(string text)
        {
            foreach (var c in text)
            {
                if (IsControl(c) || IsDirectionControl(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Neutralise(string text)
        {
            var builder = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                if (IsDirectionControl(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(IsControl(c) ? '\uFFFD' : c);
                }
            }

            return builder.ToString();
        }

        private static bool IsControl(char c) => (c < ' ' && c != '\t' && c != '\n' && c != '\r') || (c >= '\u007F' && c <= '\u009F');

        private static bool IsDirectionControl(char c) => (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
