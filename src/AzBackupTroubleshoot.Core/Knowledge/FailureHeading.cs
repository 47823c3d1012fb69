namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// An error heading of Microsoft's articles: the error codes and messages a failed backup job shows, and its causes in
    /// the current article's order, with the 2017 article's order kept where the 2017 article had the heading.
    /// </summary>
    public sealed class FailureHeading
    {
        internal FailureHeading(
            string id,
            string title,
            string article,
            IReadOnlyList<string> errorCodes,
            IReadOnlyList<int> numericCodes,
            IReadOnlyList<string> messages,
            IReadOnlyList<string> messagesEs,
            string spanishSource,
            IReadOnlyList<string> causeIds,
            IReadOnlyList<string> companionCauseIds,
            IReadOnlyList<string> seedCauseIds)
        {
            Id = id;
            Title = title;
            Article = article;
            ErrorCodes = errorCodes;
            NumericCodes = numericCodes;
            Messages = messages;
            MessagesEs = messagesEs;
            SpanishSource = spanishSource;
            CauseIds = causeIds;
            CompanionCauseIds = companionCauseIds;
            SeedCauseIds = seedCauseIds;
        }

        /// <summary>The stable id of the heading.</summary>
        public string Id { get; }

        /// <summary>The heading's English title.</summary>
        public string Title { get; }

        /// <summary>The article that has the heading today: <c>current article</c> or <c>companion article</c>.</summary>
        public string Article { get; }

        /// <summary>The error codes, current spelling first (historical spellings follow).</summary>
        public IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>The numeric job error codes the article gives with the heading (for example 380008), if any.</summary>
        public IReadOnlyList<int> NumericCodes { get; }

        /// <summary>The English error messages (the current one first).</summary>
        public IReadOnlyList<string> Messages { get; }

        /// <summary>The Spanish messages: the 2017 article's and Microsoft's es-ES translation's, where they exist.</summary>
        public IReadOnlyList<string> MessagesEs { get; }

        /// <summary>Where the Spanish messages come from, or that no es-ES text was found.</summary>
        public string SpanishSource { get; }

        /// <summary>The causes in the current article's order.</summary>
        public IReadOnlyList<string> CauseIds { get; }

        /// <summary>Causes the companion article adds for the same code, after the current article's.</summary>
        public IReadOnlyList<string> CompanionCauseIds { get; }

        /// <summary>The causes in the 2017 article's order (empty for headings the 2017 article did not have).</summary>
        public IReadOnlyList<string> SeedCauseIds { get; }

        /// <summary>True for the five headings of the 2017 article.</summary>
        public bool InSeedArticle => SeedCauseIds.Count > 0;
    }
}
