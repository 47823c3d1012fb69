using System.IO;
using System.Net;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// Writes untrusted text (target names, messages, log lines) into HTML text or a quoted attribute value: markup
    /// characters are encoded and control characters other than tab and line breaks become U+FFFD.
    /// </summary>
    internal static class HtmlText
    {
        public static void Write(TextWriter writer, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            WebUtility.HtmlEncode(HasControlCharacters(text!) ? ReplaceControlCharacters(text!) : text, writer);
        }

        public static string Encode(string? text)
        {
            using var writer = new StringWriter();
            Write(writer, text);
            return writer.ToString();
        }

        private static bool HasControlCharacters(string text)
        {
            foreach (var c in text)
            {
                if (IsUnwanted(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static string ReplaceControlCharacters(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (IsUnwanted(chars[i]))
                {
                    chars[i] = '\uFFFD';
                }
            }

            return new string(chars);
        }

        private static bool IsUnwanted(char c) => (c < ' ' && c != '\t' && c != '\n' && c != '\r') || (c >= '\u007F' && c <= '\u009F');
    }
}
