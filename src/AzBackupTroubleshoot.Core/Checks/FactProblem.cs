namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// The one way to say that a fact could not be read: what (a file, a CIM section or field, an Azure resource) and why.
    /// Linux, Windows and Azure sources all report their unreadable inputs as this, and
    /// <see cref="ResultBuilder.Unreadable"/> turns it into the same Error result.
    /// </summary>
    public sealed class FactProblem
    {
        /// <summary>Creates a problem.</summary>
        public FactProblem(string what, string reason, string? advice = null)
        {
            What = what ?? throw new ArgumentNullException(nameof(what));
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            Advice = advice;
        }

        /// <summary>What to do so that it can be read, when the source knows (for example: take the capture again).</summary>
        public string? Advice { get; }

        /// <summary>What could not be read: a path, a section of a machine, a resource.</summary>
        public string What { get; }

        /// <summary>Why, in a phrase.</summary>
        public string Reason { get; }

        /// <inheritdoc />
        public override string ToString() => $"Could not read {What}: {Reason}";
    }
}
