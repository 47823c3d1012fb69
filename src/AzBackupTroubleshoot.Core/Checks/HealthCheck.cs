namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// A check: a pure function of a fact set that yields one or more results. Checks are registered in a list whose
    /// order is the order their results are reported in.
    /// </summary>
    /// <typeparam name="TFacts">The facts the check reads (for example the facts read from a Linux root).</typeparam>
    public sealed class HealthCheck<TFacts>
    {
        private readonly Func<TFacts, CheckContext, CancellationToken, Task<IReadOnlyList<HealthCheckResult>>> _evaluate;

        private HealthCheck(string id, Cause cause, string title, Func<TFacts, CheckContext, CancellationToken, Task<IReadOnlyList<HealthCheckResult>>> evaluate)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Cause = cause;
            Title = title ?? throw new ArgumentNullException(nameof(title));
            _evaluate = evaluate ?? throw new ArgumentNullException(nameof(evaluate));
        }

        /// <summary>The stable check id.</summary>
        public string Id { get; }

        /// <summary>The cause the check looks for.</summary>
        public Cause Cause { get; }

        /// <summary>A short description of what is checked.</summary>
        public string Title { get; }

        /// <summary>A check that computes its results synchronously (most checks: they only read facts).</summary>
        public static HealthCheck<TFacts> Create(string id, Cause cause, string title, Func<TFacts, CheckContext, IEnumerable<HealthCheckResult>> evaluate)
        {
            if (evaluate is null)
            {
                throw new ArgumentNullException(nameof(evaluate));
            }

            return new HealthCheck<TFacts>(id, cause, title, (facts, context, _) =>
                Task.FromResult<IReadOnlyList<HealthCheckResult>>(new List<HealthCheckResult>(evaluate(facts, context))));
        }

        /// <summary>A check that waits on something (a network probe); it must observe the cancellation token.</summary>
        public static HealthCheck<TFacts> CreateAsync(string id, Cause cause, string title, Func<TFacts, CheckContext, CancellationToken, Task<IReadOnlyList<HealthCheckResult>>> evaluate) =>
            new HealthCheck<TFacts>(id, cause, title, evaluate);

        /// <summary>Runs the check.</summary>
        public Task<IReadOnlyList<HealthCheckResult>> EvaluateAsync(TFacts facts, CheckContext context, CancellationToken cancellationToken) =>
            _evaluate(facts, context, cancellationToken);
    }
}
