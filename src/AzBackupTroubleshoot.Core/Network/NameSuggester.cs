using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Finds the known names closest to a misspelt one, by case-insensitive Levenshtein edit distance (<see cref="EditDistance"/>).</summary>
    public static class NameSuggester
    {
        /// <summary>The <paramref name="count"/> candidates nearest to <paramref name="value"/>, nearest first (ties by name).</summary>
        public static IReadOnlyList<string> Closest(string value, IEnumerable<string> candidates, int count = 5)
        {
            if (candidates is null)
            {
                throw new ArgumentNullException(nameof(candidates));
            }

            var target = value ?? string.Empty;
            return candidates
                .Where(c => !string.IsNullOrEmpty(c))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c => (Name: c, Distance: EditDistance.Between(target, c)))
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
                .Take(count)
                .Select(x => x.Name)
                .ToList();
        }
    }
}
