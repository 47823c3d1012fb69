namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>A heading found for an error message, with how well it matched.</summary>
    public sealed class HeadingMatch
    {
        internal HeadingMatch(FailureHeading heading, string matchedText, double score)
        {
            Heading = heading;
            MatchedText = matchedText;
            Score = score;
        }

        /// <summary>The heading.</summary>
        public FailureHeading Heading { get; }

        /// <summary>The known message that matched.</summary>
        public string MatchedText { get; }

        /// <summary>The share of the known message's words found, from 0 to 1.</summary>
        public double Score { get; }
    }

    /// <summary>
    /// The article's failure headings, error codes, messages and ordered causes with their solutions. The data lives in
    /// Knowledge/KnowledgeBase.json (embedded); this type answers the questions the cmdlets ask of it.
    /// </summary>
    public sealed class KnowledgeBase
    {
        private const string ResourceName = "AzBackupTroubleshoot.Core.Knowledge.KnowledgeBase.json";

        // Immutable data, read once per process on first use (not at module import).
        private static readonly Lazy<KnowledgeBase> Embedded = new Lazy<KnowledgeBase>(LoadEmbedded);

        private readonly Dictionary<string, CauseEntry> _causes;
        private readonly Dictionary<string, FailureHeading> _byCode;

        internal KnowledgeBase(IReadOnlyList<FailureHeading> headings, IReadOnlyList<CauseEntry> causes)
        {
            Headings = headings;
            Causes = causes;
            _causes = causes.ToDictionary(c => c.Id, StringComparer.Ordinal);
            _byCode = new Dictionary<string, FailureHeading>(StringComparer.OrdinalIgnoreCase);
            foreach (var heading in headings)
            {
                foreach (var code in heading.ErrorCodes)
                {
                    if (_byCode.ContainsKey(code))
                    {
                        throw new KnowledgeBaseException($"Error code '{code}' belongs to two headings.");
                    }

                    _byCode.Add(code, heading);
                }
            }
        }

        /// <summary>The knowledge base shipped with the module.</summary>
        public static KnowledgeBase Default => Embedded.Value;

        /// <summary>Every heading: the current article's in its order, then the companion article's.</summary>
        public IReadOnlyList<FailureHeading> Headings { get; }

        /// <summary>Every cause.</summary>
        public IReadOnlyList<CauseEntry> Causes { get; }

        /// <summary>Every known error code.</summary>
        public IEnumerable<string> ErrorCodes => Headings.SelectMany(h => h.ErrorCodes);

        /// <summary>Reads a knowledge base from JSON.</summary>
        /// <exception cref="KnowledgeBaseException">The JSON is malformed or inconsistent.</exception>
        public static KnowledgeBase Load(Stream stream) => KnowledgeBaseReader.Read(stream ?? throw new ArgumentNullException(nameof(stream)));

        /// <summary>The cause with this id, or null.</summary>
        public CauseEntry? FindCause(string id) => id != null && _causes.TryGetValue(id, out var cause) ? cause : null;

        /// <summary>
        /// The heading an error code belongs to (case-insensitive, surrounding space ignored), or null. A number is looked
        /// up among the numeric job codes the articles document (for example 380008).
        /// </summary>
        public FailureHeading? FindByErrorCode(string errorCode)
        {
            if (errorCode is null)
            {
                return null;
            }

            if (_byCode.TryGetValue(errorCode.Trim(), out var heading))
            {
                return heading;
            }

            return int.TryParse(errorCode.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? FindByNumericCode(number)
                : null;
        }

        /// <summary>The heading whose English or Spanish message best matches the text, or null when none scores enough.</summary>
        public HeadingMatch? FindByMessage(string message)
        {
            if (string.IsNullOrWhiteSpace(message))
            {
                return null;
            }

            HeadingMatch? best = null;
            foreach (var heading in Headings)
            {
                foreach (var known in heading.Messages.Concat(heading.MessagesEs).Append(heading.Title))
                {
                    var score = MessageMatcher.Score(message, known);
                    if (score < MessageMatcher.Threshold)
                    {
                        continue;
                    }

                    if (best is null || score > best.Score || (score == best.Score && known.Length > best.MatchedText.Length))
                    {
                        best = new HeadingMatch(heading, known, score);
                    }
                }
            }

            return best;
        }

        /// <summary>The known error codes closest to <paramref name="input"/> by edit distance.</summary>
        public IReadOnlyList<string> ClosestErrorCodes(string input, int count = 3) =>
            ErrorCodes
                .Select(code => new { code, distance = EditDistance.Between(input ?? string.Empty, code) })
                .OrderBy(x => x.distance)
                .ThenBy(x => x.code, StringComparer.Ordinal)
                .Take(count)
                .Select(x => x.code)
                .ToArray();

        /// <summary>The headings whose messages share the most words with <paramref name="message"/>, best first.</summary>
        public IReadOnlyList<FailureHeading> ClosestHeadings(string message, int count = 3) =>
            Headings
                .Select(h => new { h, score = h.Messages.Concat(h.MessagesEs).Append(h.Title).Max(m => MessageMatcher.Score(message ?? string.Empty, m)) })
                .OrderByDescending(x => x.score)
                .Take(count)
                .Select(x => x.h)
                .ToArray();

        /// <summary>
        /// The causes of a heading: the current article's in its order, then the companion article's additions, then
        /// those only the 2017 article gives (in its order). Each carries its 2017 position (<see cref="FailureCause.SeedOrder"/>).
        /// </summary>
        public IReadOnlyList<FailureCause> CausesOf(FailureHeading heading, string matchedBy)
        {
            if (heading is null)
            {
                throw new ArgumentNullException(nameof(heading));
            }

            var listed = new List<(string Id, int? CurrentOrder, string Source)>();
            var current = 0;
            foreach (var id in heading.CauseIds)
            {
                listed.Add((id, ++current, heading.Article));
            }

            foreach (var id in heading.CompanionCauseIds)
            {
                listed.Add((id, ++current, CauseSources.Companion));
            }

            foreach (var id in heading.SeedCauseIds)
            {
                if (!listed.Any(l => l.Id == id))
                {
                    listed.Add((id, null, CauseSources.Seed));
                }
            }

            var result = new List<FailureCause>();
            foreach (var (id, currentOrder, source) in listed)
            {
                var entry = _causes[id];
                var seed = IndexOf(heading.SeedCauseIds, id);
                var checkIds = entry.Steps.SelectMany(s => s.CheckIds).Distinct(StringComparer.Ordinal).ToArray();
                var repair = entry.Steps.Select(s => s.Repair).FirstOrDefault(r => r != null);
                result.Add(new FailureCause(result.Count + 1, currentOrder, seed, source, heading, entry, checkIds, repair, matchedBy));
            }

            return result;
        }

        /// <summary>The heading whose documented numeric job error code this is, or null.</summary>
        public FailureHeading? FindByNumericCode(int code) => Headings.FirstOrDefault(h => h.NumericCodes.Contains(code));

        private static int? IndexOf(IReadOnlyList<string> list, string id)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == id)
                {
                    return i + 1;
                }
            }

            return null;
        }

        private static KnowledgeBase LoadEmbedded()
        {
            using var stream = typeof(KnowledgeBase).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new KnowledgeBaseException($"The embedded resource '{ResourceName}' is missing from the assembly.");
            return Load(stream);
        }
    }
}
