namespace AzBackupTroubleshoot.Core.Redaction
{
    /// <summary>
    /// Finds where the value of a property ends in JSON, JSON inside a JSON string (<c>\"</c>, <c>\\\"</c>), JSON inside XML
    /// (<c>&amp;quot;</c>, <c>&amp;#39;</c>), <c>\u0022</c>/<c>\u0027</c>-escaped JSON (escaped once or more, as a capture's
    /// serializer writes JSON inside JSON) and Python's dict repr (<c>'</c>): a quoted string, or an object or array.
    /// Linear in the length of the value.
    /// </summary>
    internal static class QuotedValueScanner
    {
        /// <summary>
        /// The index just after the value that starts at <paramref name="start"/>, or -1 for a value that is not a string,
        /// object or array (a number, null, true) or is not closed. <paramref name="quote"/> is the quote form used ("" for
        /// an object or array).
        /// </summary>
        public static int FindEnd(string text, int start, out string quote)
        {
            quote = QuoteAt(text, start);
            if (quote.Length > 0)
            {
                var from = start + quote.Length;
                var end = quote == "\"" ? ClosingQuote(text, from, '"') : quote == "'" ? ClosingQuote(text, from, '\'') : text.IndexOf(quote, from, StringComparison.Ordinal);
                return end < 0 ? -1 : end + quote.Length;
            }

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

        // The quote form at start: &quot; or &#39;; a run of backslashes and then ", u0022, u0027, u0026quot; or u0026#39;
        // (JSON escaped once or more); a single quote; or a double quote.
        private static string QuoteAt(string text, int start)
        {
            if (start >= text.Length)
            {
                return string.Empty;
            }

            foreach (var candidate in new[] { "&quot;", "&#39;" })
            {
                if (string.Compare(text, start, candidate, 0, candidate.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return text.Substring(start, candidate.Length);
                }
            }

            var i = start;
            while (i < text.Length && text[i] == '\\')
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                return text.Substring(start, i - start + 1);
            }

            if (i > start)
            {
                foreach (var escaped in new[] { "u0022", "u0027", "u0026quot;", "u0026#39;" })
                {
                    if (string.Compare(text, i, escaped, 0, escaped.Length, StringComparison.OrdinalIgnoreCase) == 0)
                    {
                        return text.Substring(start, i - start + escaped.Length);
                    }
                }
            }

            return i == start && text[i] == '\'' ? "'" : string.Empty;
        }

        // A closing quote, skipping backslash escapes; for single quotes YAML's doubled '' is an escaped quote too.
        private static int ClosingQuote(string text, int from, char quote)
        {
            for (var i = from; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == quote)
                {
                    if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return i;
                }
                else if (text[i] == '\n' && quote == '\'')
                {
                    return -1;
                }
            }

            return -1;
        }
    }
}
