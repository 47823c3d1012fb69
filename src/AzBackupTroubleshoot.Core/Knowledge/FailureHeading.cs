using System.Collections.Generic;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>An error heading of the article: the error codes and messages a failed backup job shows, and its causes.</summary>
    public sealed class FailureHeading
    {
        internal FailureHeading(string id, string title, string source, IReadOnlyList<string> errorCodes, IReadOnlyList<string> messages, IReadOnlyList<string> messagesEs, IReadOnlyList<string> causeIds, IReadOnlyList<string> laterCauseIds)
        {
            Id = id;
            Title = title;
            Source = source;
            ErrorCodes = errorCodes;
            Messages = messages;
            MessagesEs = messagesEs;
            CauseIds = causeIds;
            LaterCauseIds = laterCauseIds;
        }

        /// <summary>The stable id of the heading.</summary>
        public string Id { get; }

        /// <summary>The heading's English title.</summary>
        public string Title { get; }

        /// <summary>Which article version the heading comes from.</summary>
        public string Source { get; }

        /// <summary>The error codes, current spelling first (historical spellings follow).</summary>
        public IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>The English error messages.</summary>
        public IReadOnlyList<string> Messages { get; }

        /// <summary>The Spanish messages, as the seed article gives them.</summary>
        public IReadOnlyList<string> MessagesEs { get; }

        /// <summary>The causes in the seed article's order.</summary>
        public IReadOnlyList<string> CauseIds { get; }

        /// <summary>Causes later versions of the article add, after the seed's.</summary>
        public IReadOnlyList<string> LaterCauseIds { get; }
    }
}
