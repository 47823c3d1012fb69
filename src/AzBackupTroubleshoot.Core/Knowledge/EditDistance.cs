namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>Levenshtein distance, case-insensitive: used to name the closest known codes or names.</summary>
    public static class EditDistance
    {
        /// <summary>The number of single-character edits that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
        public static int Between(string a, string b)
        {
            a = (a ?? string.Empty).ToUpperInvariant();
            b = (b ?? string.Empty).ToUpperInvariant();
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
