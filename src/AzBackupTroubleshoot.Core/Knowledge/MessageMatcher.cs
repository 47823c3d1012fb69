namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// Matches a pasted error message (English or Spanish, any case and spacing, possibly inside a longer sentence) to a
    /// known message. Both sides are folded the same way: lower case, accents removed, punctuation dropped, and the seed
    /// translation's artefacts undone ("toocommunicate" becomes "to communicate", "hello"/"hola" stand for "the"/"la").
    /// The score is the share of the known message's significant words found in the input, in order-insensitive form.
    /// Text that is not valid UTF-16 (a lone surrogate) is folded with each lone surrogate as a word break, never an exception.
    /// </summary>
    public static class MessageMatcher
    {
        /// <summary>The lowest score that counts as a match.</summary>
        public const double Threshold = 0.8;

        private static readonly HashSet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "the", "a", "an", "to", "of", "on", "in", "as", "is", "with", "for", "due",
            "la", "el", "de", "en", "con", "a", "un", "una", "los", "las", "del", "se", "no",
        };

        /// <summary>Folds a text into its significant words.</summary>
        public static IReadOnlyList<string> Words(string text)
        {
            if (text is null)
            {
                return Array.Empty<string>();
            }

            var folded = RemoveDiacritics(text).ToLowerInvariant();
            var words = new List<string>();
            var current = new StringBuilder();
            foreach (var c in folded)
            {
                if (char.IsLetterOrDigit(c))
                {
                    current.Append(c);
                }
                else
                {
                    Flush(current, words);
                }
            }

            Flush(current, words);
            return words;
        }

        /// <summary>True when <paramref name="text"/> holds a high surrogate without its low surrogate, or the reverse.</summary>
        public static bool HasLoneSurrogate(string? text)
        {
            if (text is null)
            {
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How much of <paramref name="known"/> appears in <paramref name="input"/>, from 0 to 1.</summary>
        public static double Score(string input, string known)
        {
            var knownWords = Words(known).Where(w => !StopWords.Contains(w)).Distinct().ToArray();
            if (knownWords.Length == 0)
            {
                return 0;
            }

            var inputWords = new HashSet<string>(Words(input), StringComparer.Ordinal);
            var found = knownWords.Count(inputWords.Contains);
            return (double)found / knownWords.Length;
        }

        private static void Flush(StringBuilder current, List<string> words)
        {
            if (current.Length == 0)
            {
                return;
            }

            var word = current.ToString();
            current.Clear();

            // The seed's machine translation glues "too" to the next word ("toocommunicate", "toono") and writes
            // "hello"/"hola" for "the". Undo that on both sides so seed text and real text fold alike.
            if (word.Length > 5 && word.StartsWith("too", StringComparison.Ordinal))
            {
                words.Add("to");
                word = word.Substring(3);
            }

            if (word == "hello" || word == "hola")
            {
                word = "the";
            }

            words.Add(word);
        }

        private static string RemoveDiacritics(string text)
        {
            // Normalize throws on a lone surrogate: make it a space (a word break) first.
            var decomposed = (HasLoneSurrogate(text) ? ReplaceLoneSurrogates(text) : text).Normalize(NormalizationForm.FormD);
            var sb = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    sb.Append(c);
                }
            }

            return sb.ToString().Normalize(NormalizationForm.FormC);
        }

        private static string ReplaceLoneSurrogates(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(chars[i]))
                {
                    chars[i] = ' ';
                }
            }

            return new string(chars);
        }
    }
}
