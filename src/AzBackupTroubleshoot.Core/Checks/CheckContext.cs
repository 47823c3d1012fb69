using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>What a check knows about the run besides the facts.</summary>
    public sealed class CheckContext
    {
        /// <summary>Creates a context for a target known only by name.</summary>
        public CheckContext(string target, bool isLive = false)
        {
            Subject = CheckTarget.Named(target ?? throw new ArgumentNullException(nameof(target)));
            IsLive = isLive;
        }

        /// <summary>Creates a context for a typed target.</summary>
        public CheckContext(CheckTarget target)
        {
            Subject = target ?? throw new ArgumentNullException(nameof(target));
            IsLive = target.IsLive;
        }

        /// <summary>The typed target the results are reported for.</summary>
        public CheckTarget Subject { get; }

        /// <summary>The name of the target the results are reported for.</summary>
        public string Target => Subject.Name;

        /// <summary>True when the facts come from the running machine, not from an offline copy.</summary>
        public bool IsLive { get; }
    }
}
