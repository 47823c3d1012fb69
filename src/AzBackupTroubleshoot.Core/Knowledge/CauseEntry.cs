using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>A cause described by the article: what it means and how to solve it.</summary>
    public sealed class CauseEntry
    {
        internal CauseEntry(string id, Cause cause, string title, string? titleEs, string source, string description, IReadOnlyList<SolutionStep> steps)
        {
            Id = id;
            Cause = cause;
            Title = title;
            TitleEs = titleEs;
            Source = source;
            Description = description;
            Steps = steps;
        }

        /// <summary>The stable id of the cause (for example <c>LinuxAgentOutOfDate</c>).</summary>
        public string Id { get; }

        /// <summary>The category shared with the checks.</summary>
        public Cause Cause { get; }

        /// <summary>The article's title of the cause.</summary>
        public string Title { get; }

        /// <summary>The title as the Spanish seed article gives it, where it has one.</summary>
        public string? TitleEs { get; }

        /// <summary>Which article version the cause comes from (<c>seed</c>, <c>current</c>, <c>companion</c>...).</summary>
        public string Source { get; }

        /// <summary>What the cause means.</summary>
        public string Description { get; }

        /// <summary>The solution, step by step.</summary>
        public IReadOnlyList<SolutionStep> Steps { get; }
    }
}
