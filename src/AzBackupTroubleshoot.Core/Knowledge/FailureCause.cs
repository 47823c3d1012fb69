using System.Collections.Generic;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// One cause of one failure heading, in the article's order: what Get-AzBackupFailureCause emits.
    /// </summary>
    public sealed class FailureCause
    {
        internal FailureCause(int order, FailureHeading heading, CauseEntry entry, IReadOnlyList<string> checkIds, string? repair, string matchedBy)
        {
            Order = order;
            Heading = heading.Title;
            HeadingId = heading.Id;
            ErrorCodes = heading.ErrorCodes;
            CauseId = entry.Id;
            Cause = entry.Cause;
            Title = entry.Title;
            Description = entry.Description;
            Source = entry.Source;
            Solution = entry.Steps;
            CheckIds = checkIds;
            Repair = repair;
            MatchedBy = matchedBy;
        }

        /// <summary>The cause's position under its heading, from 1 (the seed's causes first, later ones after).</summary>
        public int Order { get; }

        /// <summary>The category shared with health checks and repairs.</summary>
        public Cause Cause { get; }

        /// <summary>The stable id of the cause.</summary>
        public string CauseId { get; }

        /// <summary>The article's title of the cause.</summary>
        public string Title { get; }

        /// <summary>What the cause means.</summary>
        public string Description { get; }

        /// <summary>The failure heading (error message) this cause belongs to.</summary>
        public string Heading { get; }

        /// <summary>The stable id of the heading.</summary>
        public string HeadingId { get; }

        /// <summary>The heading's error codes.</summary>
        public IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>Which article version lists this cause (<c>seed</c> for the 2017 article, <c>current</c> for later ones).</summary>
        public string Source { get; }

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
