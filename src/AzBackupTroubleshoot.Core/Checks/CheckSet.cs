using System.Collections;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// The checks of one fact type, in report order: defined from <see cref="CheckCatalog"/> ids (<see cref="Define"/>),
    /// selected by id (with <c>*</c> wildcards) and cause (<see cref="Select"/>), and run through the
    /// <see cref="CheckEngine"/> (<see cref="RunAsync"/>). Linux, Windows and Azure each have one.
    /// </summary>
    /// <typeparam name="TFacts">The facts the checks read.</typeparam>
    public sealed class CheckSet<TFacts> : IReadOnlyList<HealthCheck<TFacts>>
    {
        private readonly IReadOnlyList<HealthCheck<TFacts>> _checks;

        /// <summary>Creates a set; the order is the report order.</summary>
        public CheckSet(IEnumerable<HealthCheck<TFacts>> checks)
        {
            _checks = (checks ?? throw new ArgumentNullException(nameof(checks))).ToArray();
        }

        /// <inheritdoc />
        public int Count => _checks.Count;

        /// <inheritdoc />
        public HealthCheck<TFacts> this[int index] => _checks[index];

        /// <summary>
        /// A check with the catalog's cause and title. <paramref name="unreadable"/>, when given, names a fact the check
        /// needs that could not be read: then the check reports that one Error and its body does not run.
        /// </summary>
        public static HealthCheck<TFacts> Define(string id, Func<TFacts, ResultBuilder, IEnumerable<HealthCheckResult>> evaluate, Func<TFacts, FactProblem?>? unreadable = null)
        {
            if (evaluate is null)
            {
                throw new ArgumentNullException(nameof(evaluate));
            }

            var info = Info(id);
            return HealthCheck<TFacts>.Create(info.Id, info.Cause, info.Title, (facts, context) =>
            {
                var result = new ResultBuilder(info.Id, info.Cause, context);
                var problem = unreadable?.Invoke(facts);
                return problem != null ? new[] { result.Unreadable(problem, problem.Advice ?? UnreadableAdvice) } : evaluate(facts, result).ToArray();
            });
        }

        /// <summary>A check that waits on something (a network probe); it must observe the cancellation token.</summary>
        public static HealthCheck<TFacts> DefineAsync(string id, Func<TFacts, ResultBuilder, CancellationToken, Task<IReadOnlyList<HealthCheckResult>>> evaluate)
        {
            if (evaluate is null)
            {
                throw new ArgumentNullException(nameof(evaluate));
            }

            var info = Info(id);
            return HealthCheck<TFacts>.CreateAsync(info.Id, info.Cause, info.Title, (facts, context, cancellationToken) =>
                evaluate(facts, new ResultBuilder(info.Id, info.Cause, context), cancellationToken));
        }

        /// <summary>True when <paramref name="pattern"/> (with <c>*</c> wildcards) matches <paramref name="id"/>, ignoring case.</summary>
        public static bool IdMatches(string pattern, string id)
        {
            if (pattern is null || id is null)
            {
                return false;
            }

            if (pattern.IndexOf('*') < 0)
            {
                return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
            }

            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$";
            return Regex.IsMatch(id, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>
        /// The checks whose id matches one of <paramref name="ids"/> and whose cause is one of <paramref name="causes"/>; a
        /// null or empty filter matches everything.
        /// </summary>
        public CheckSet<TFacts> Select(IEnumerable<string>? ids, IEnumerable<Cause>? causes)
        {
            var idSet = ids?.Where(i => !string.IsNullOrWhiteSpace(i)).ToArray() ?? Array.Empty<string>();
            var causeSet = causes?.ToArray() ?? Array.Empty<Cause>();
            return new CheckSet<TFacts>(_checks.Where(c =>
                (idSet.Length == 0 || idSet.Any(i => IdMatches(i, c.Id))) && (causeSet.Length == 0 || causeSet.Contains(c.Cause))));
        }

        /// <summary>True when some check's id matches <paramref name="pattern"/>.</summary>
        public bool Knows(string pattern) => _checks.Any(c => IdMatches(pattern, c.Id));

        /// <summary>Runs the set on <paramref name="facts"/> and returns the results in check order.</summary>
        public Task<IReadOnlyList<HealthCheckResult>> RunAsync(TFacts facts, CheckContext context, CheckEngine? engine = null, CancellationToken cancellationToken = default) =>
            (engine ?? new CheckEngine()).RunAsync(facts, _checks, context, cancellationToken);

        /// <inheritdoc />
        public IEnumerator<HealthCheck<TFacts>> GetEnumerator() => _checks.GetEnumerator();

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private const string UnreadableAdvice = "Run as an administrator of the target (the account needs read access to what is named), or take the capture again with it included; then run again.";

        private static CheckInfo Info(string id) => CheckCatalog.Find(id) ?? throw new ArgumentException($"'{id}' is not in the check catalog.", nameof(id));
    }
}
