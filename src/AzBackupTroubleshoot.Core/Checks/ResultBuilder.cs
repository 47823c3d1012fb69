namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// The one builder of results: a check gets one per run, with its id and cause (from <see cref="CheckCatalog"/>) and the
    /// run's typed target, and builds every result it reports through it.
    /// </summary>
    public sealed class ResultBuilder
    {
        /// <summary>Creates a builder for one run of a check.</summary>
        public ResultBuilder(string checkId, Cause cause, CheckContext context)
        {
            CheckId = checkId ?? throw new ArgumentNullException(nameof(checkId));
            Cause = cause;
            Context = context ?? throw new ArgumentNullException(nameof(context));
        }

        /// <summary>The check's id.</summary>
        public string CheckId { get; }

        /// <summary>The check's cause.</summary>
        public Cause Cause { get; }

        /// <summary>The run: its typed target and whether it is live.</summary>
        public CheckContext Context { get; }

        /// <summary>Any result; empty evidence lines are dropped.</summary>
        public HealthCheckResult Result(CheckStatus status, string message, IEnumerable<string>? evidence = null, string? remediation = null, RepairAction repair = RepairAction.None, string? region = null, Cause? cause = null) =>
            new HealthCheckResult(Context.Subject, CheckId, cause ?? Cause, status, message, evidence?.Where(e => !string.IsNullOrEmpty(e)).ToArray(), remediation, repair, region);

        /// <summary>Nothing wrong.</summary>
        public HealthCheckResult Passed(string message, IEnumerable<string>? evidence = null) => Result(CheckStatus.Passed, message, evidence);

        /// <summary>Something that may fail a backup.</summary>
        public HealthCheckResult Warning(string message, IEnumerable<string>? evidence, string remediation, RepairAction repair = RepairAction.None) =>
            Result(CheckStatus.Warning, message, evidence, remediation, repair);

        /// <summary>Something that fails backups.</summary>
        public HealthCheckResult Failed(string message, IEnumerable<string>? evidence, string remediation, RepairAction repair = RepairAction.None, Cause? cause = null) =>
            Result(CheckStatus.Failed, message, evidence, remediation, repair, cause: cause);

        /// <summary>The check does not apply to this target.</summary>
        public HealthCheckResult NotApplicable(string message, IEnumerable<string>? evidence = null) => Result(CheckStatus.NotApplicable, message, evidence);

        /// <summary>A fact the check needs could not be read: an Error naming what and why.</summary>
        public HealthCheckResult Unreadable(FactProblem problem, string? remediation = null)
        {
            if (problem is null)
            {
                throw new ArgumentNullException(nameof(problem));
            }

            // A file that could not be read at all was not judged: the check's advice on its content (for example "delete
            // WireServerEndpoint") would act on a file nobody has looked at.
            var access = problem.Reason.StartsWith(Sources.Linux.RootFile.CannotBeReadPrefix, StringComparison.Ordinal)
                ? $"{problem.What} could not be read, so its content was not checked: run the command elevated (root), or give the account read access to it, and run it again; an I/O error points at the disk or the mount."
                : null;
            return Result(CheckStatus.Error, problem + ".", new[] { $"{problem.What}: {problem.Reason}" },
                access ?? remediation ?? problem.Advice ?? $"Check {problem.What}: restore it from the distribution's package or a backup, or fix the content named above.");
        }

        /// <summary>An input file could not be read or parsed (<see cref="Unreadable"/> for a file).</summary>
        public HealthCheckResult Error(string path, string problem, string? remediation = null) => Unreadable(new FactProblem(path, problem), remediation);
    }
}
