namespace AzBackupTroubleshoot.Core.Loading
{
    /// <summary>What the module's assembly resolver does with one request: load <see cref="Path"/>, or decline (null).</summary>
    public sealed class DependencyDecision
    {
        private DependencyDecision(string? path, string reason)
        {
            Path = path;
            Reason = reason;
        }

        /// <summary>The file to load, or null when the request is declined (the runtime and other handlers go on).</summary>
        public string? Path { get; }

        /// <summary>Why, in one sentence (for tests and diagnostics).</summary>
        public string Reason { get; }

        /// <summary>True when the resolver answers with <see cref="Path"/>.</summary>
        public bool Answered => Path != null;

        /// <summary>Answer with a file.</summary>
        public static DependencyDecision Load(string path, string reason) => new DependencyDecision(path, reason);

        /// <summary>Do not answer.</summary>
        public static DependencyDecision Decline(string reason) => new DependencyDecision(null, reason);

        /// <inheritdoc />
        public override string ToString() => Answered ? $"load {Path}: {Reason}" : $"decline: {Reason}";
    }
}
