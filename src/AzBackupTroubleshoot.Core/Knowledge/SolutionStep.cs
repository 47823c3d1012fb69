namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>One step of a cause's solution, linked to the checks that verify it and the command that repairs it.</summary>
    public sealed class SolutionStep
    {
        internal SolutionStep(int order, string text, IReadOnlyList<string> checkIds, string? repair)
        {
            Order = order;
            Text = text;
            CheckIds = checkIds;
            Repair = repair;
        }

        /// <summary>The step's position, from 1.</summary>
        public int Order { get; }

        /// <summary>What to do.</summary>
        public string Text { get; }

        /// <summary>The ids of the checks that verify this step (see Test-AzBackupAgentHealth -Check).</summary>
        public IReadOnlyList<string> CheckIds { get; }

        /// <summary>A command line that performs the step, or null when it is manual.</summary>
        public string? Repair { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Order}. {Text}";
    }
}
