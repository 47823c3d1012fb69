using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// One cause of one failure heading: what Get-AzBackupFailureCause emits. The current article's causes come first in
    /// its order (<see cref="CurrentOrder"/>), then causes the companion article adds, then causes only the 2017 article
    /// gives; <see cref="SeedOrder"/> is the position in the 2017 article, so <c>Sort-Object SeedOrder</c> gives its order.
    /// </summary>
    public sealed class FailureCause
    {
        internal FailureCause(int order, int? currentOrder, int? seedOrder, string source, FailureHeading heading, CauseEntry entry, IReadOnlyList<string> checkIds, string? repair, string matchedBy)
        {
            Order = order;
            CurrentOrder = currentOrder;
            SeedOrder = seedOrder;
            Source = source;
            Heading = heading.Title;
            HeadingId = heading.Id;
            Article = heading.Article;
            ErrorCodes = heading.ErrorCodes;
            Messages = heading.Messages;
            MessagesEs = heading.MessagesEs;
            SpanishSource = heading.SpanishSource;
            CauseId = entry.Id;
            Cause = entry.Cause;
            Title = entry.Title;
            TitleEs = entry.TitleEs;
            Description = entry.Description;
            Solution = entry.Steps;
            CheckIds = checkIds;
            Repair = repair;
            MatchedBy = matchedBy;
        }

        /// <summary>The cause's position in this answer, from 1.</summary>
        public int Order { get; }

        /// <summary>The position in the article that has the heading today (current or companion), or null when only the 2017 article gives the cause.</summary>
        public int? CurrentOrder { get; }

        /// <summary>The position in the 2017 article's list for this heading, or null when the 2017 article does not give it.</summary>
        public int? SeedOrder { get; }

        /// <summary>Where the cause comes from for this heading: <c>current article</c>, <c>companion article</c> or <c>2017 article</c> (only there).</summary>
        public string Source { get; }

        /// <summary>True when the article that has the heading today still gives the cause.</summary>
        public bool InCurrentArticle => CurrentOrder.HasValue;

        /// <summary>The category shared with health checks and repairs.</summary>
        public Cause Cause { get; }

        /// <summary>The stable id of the cause.</summary>
        public string CauseId { get; }

        /// <summary>The article's title of the cause.</summary>
        public string Title { get; }

        /// <summary>The 2017 Spanish article's title of the cause, where it has one.</summary>
        public string? TitleEs { get; }

        /// <summary>What the cause means.</summary>
        public string Description { get; }

        /// <summary>The failure heading (error message) this cause belongs to.</summary>
        public string Heading { get; }

        /// <summary>The stable id of the heading.</summary>
        public string HeadingId { get; }

        /// <summary>The article that has the heading today: <c>current article</c> or <c>companion article</c>.</summary>
        public string Article { get; }

        /// <summary>The heading's error codes, current spelling first.</summary>
        public IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>The heading's English error messages.</summary>
        public IReadOnlyList<string> Messages { get; }

        /// <summary>The heading's Spanish error messages (empty when no es-ES text was found; see <see cref="SpanishSource"/>).</summary>
        public IReadOnlyList<string> MessagesEs { get; }

        /// <summary>Where the Spanish messages come from, or that no es-ES text was found.</summary>
        public string SpanishSource { get; }

        /// <summary>The solution steps, in order.</summary>
        public IReadOnlyList<SolutionStep> Solution { get; }

        /// <summary>Every check that verifies a step of the solution.</summary>
        public IReadOnlyList<string> CheckIds { get; }

        /// <summary>The first command line that repairs the cause, or null when the repair is manual.</summary>
        public string? Repair { get; }

        /// <summary>How the input was matched: the error code, the message, or <c>All</c>.</summary>
        public string MatchedBy { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Order}. {Title}";
    }
}
