using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Linux.Checks
{
    /// <summary>Builds the results of one check run: the check's id and cause, the run's target.</summary>
    internal sealed class Verdict
    {
        private readonly string _id;
        private readonly Cause _cause;
        private readonly CheckContext _context;

        public Verdict(string id, CheckContext context)
        {
            _id = id;
            _cause = CheckCatalog.Find(id)?.Cause ?? throw new ArgumentException($"'{id}' is not in the check catalog.", nameof(id));
            _context = context ?? throw new ArgumentNullException(nameof(context));
        }

        public HealthCheckResult Passed(string message, IEnumerable<string>? evidence = null) =>
            Make(CheckStatus.Passed, message, evidence, null, RepairAction.None, null);

        public HealthCheckResult Warning(string message, IEnumerable<string>? evidence, string remediation, RepairAction repair = RepairAction.None) =>
            Make(CheckStatus.Warning, message, evidence, remediation, repair, null);

        public HealthCheckResult Failed(string message, IEnumerable<string>? evidence, string remediation, RepairAction repair = RepairAction.None, Cause? cause = null) =>
            Make(CheckStatus.Failed, message, evidence, remediation, repair, cause);

        public HealthCheckResult NotApplicable(string message, IEnumerable<string>? evidence = null) =>
            Make(CheckStatus.NotApplicable, message, evidence, null, RepairAction.None, null);

        /// <summary>An input file could not be read or parsed: names the file and what is wrong.</summary>
        public HealthCheckResult Error(string path, string problem, string? remediation = null) =>
            Make(CheckStatus.Error, $"{path} cannot be used: {problem}.", new[] { $"{path}: {problem}" },
                remediation ?? $"Check {path}: restore it from the distribution's package or a backup, or fix the content named above.", RepairAction.None, null);

        private HealthCheckResult Make(CheckStatus status, string message, IEnumerable<string>? evidence, string? remediation, RepairAction repair, Cause? cause) =>
            new HealthCheckResult(_context.Subject, _id, cause ?? _cause, status, message, evidence?.Where(e => !string.IsNullOrEmpty(e)).ToArray(), remediation, repair);
    }
}
