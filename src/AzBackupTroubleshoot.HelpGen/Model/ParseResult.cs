namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>What a parser made of one file: the model if the file is valid, otherwise the problems.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    internal sealed class ParseResult<T>
        where T : class
    {
        public ParseResult(T? value, IReadOnlyList<HelpProblem> problems)
        {
            Problems = problems ?? throw new ArgumentNullException(nameof(problems));
            Value = problems.Count == 0 ? value : null;
            if (Value is null && problems.Count == 0)
            {
                throw new ArgumentException("A result without a value must carry at least one problem.", nameof(problems));
            }
        }

        /// <summary>The parsed model; null whenever <see cref="Problems"/> is not empty.</summary>
        public T? Value { get; }

        /// <summary>Problems found, in file order; empty when the file is valid.</summary>
        public IReadOnlyList<HelpProblem> Problems { get; }

        /// <summary>True when the file parsed without problems.</summary>
        public bool Success => Value != null;
    }
}
