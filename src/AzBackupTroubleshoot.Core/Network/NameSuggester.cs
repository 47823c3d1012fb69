using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Finds the known names closest to a misspelt one, by case-insensitive Levenshtein edit distance.</summary>
    public static class NameSuggester
    {
        /// <summary>The <paramref name="count"/> candidates nearest to <paramref name="value"/>, nearest first (ties by name).</summary>
        public static IReadOnlyList<string> Closest(string value, IEnumerable<string> candidates, int count = 5)
        {
            if (candidates is null)
            {
                throw new ArgumentNullException(nameof(candidates));
            }

            var target = (value ?? string.Empty).ToLowerInvariant();
            return candidates
                .Where(c => !string.IsNullOrEmpty(c))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c => (Name: c, Distance: Distance(target, c.ToLowerInvariant())))
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
                .Take(count)
                .Select(x => x.Name)
                .ToList();
        }

        /// <summary>The Levenshtein distance (insertions, deletions, substitutions) between two strings, case-sensitive.</summary>
        public static int Distance(string a, string b)
        {
            if (a is null || b is null)
            {
                throw new ArgumentNullException(a is null ? nameof(a) : nameof(b));
            }

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
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
