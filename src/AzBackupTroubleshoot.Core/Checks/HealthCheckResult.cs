using AzBackupTroubleshoot.Core.Redaction;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// One finding of a health check on one target. Every fact source (Linux root, Windows CIM, Azure Resource Manager)
    /// produces this same type, so results from many targets can be filtered, repaired and reported together. The message,
    /// evidence and remediation pass through <see cref="SecretRedactor"/> here, once for every output (pipeline, results
    /// file, HTML report, verbose text): a status message that carries a SAS URL never leaves with its signature.
    /// </summary>
    public sealed class HealthCheckResult
    {
        /// <summary>Creates a result for a target known only by name (<see cref="TargetKind.Unspecified"/>: no repair acts on it).</summary>
        public HealthCheckResult(
            string target,
            string checkId,
            Cause cause,
            CheckStatus status,
            string message,
            IReadOnlyList<string>? evidence = null,
            string? remediation = null,
            RepairAction repairAction = RepairAction.None)
            : this(CheckTarget.Named(target ?? throw new ArgumentNullException(nameof(target))), checkId, cause, status, message, evidence, remediation, repairAction)
        {
        }

        /// <summary>Creates a result for a typed target.</summary>
        public HealthCheckResult(
            CheckTarget target,
            string checkId,
            Cause cause,
            CheckStatus status,
            string message,
            IReadOnlyList<string>? evidence = null,
            string? remediation = null,
            RepairAction repairAction = RepairAction.None,
            string? region = null)
        {
            TypedTarget = target ?? throw new ArgumentNullException(nameof(target));
            Target = target.Name;
            CheckId = checkId ?? throw new ArgumentNullException(nameof(checkId));
            Cause = cause;
            Status = status;
            var redactor = new SecretRedactor();
            Message = redactor.Redact(message ?? string.Empty);
            Evidence = evidence is null || evidence.Count == 0 ? Array.Empty<string>() : evidence.Select(e => redactor.Redact(e)).ToArray();
            Remediation = redactor.Redact(remediation ?? string.Empty);
            RepairAction = repairAction;
            Region = string.IsNullOrWhiteSpace(region) ? null : region!.Trim();
        }

        /// <summary>What was checked: a host name, a folder or bundle path, a computer name or an Azure resource id.</summary>
        public string Target { get; }

        /// <summary>What was checked, typed: the value repairs route on.</summary>
        public CheckTarget TypedTarget { get; }

        /// <summary>The kind of <see cref="TypedTarget"/>.</summary>
        public TargetKind TargetKind => TypedTarget.Kind;

        /// <summary>
        /// The Azure region whose datacenter ranges a <see cref="Checks.RepairAction.AddDatacenterRoute"/> repair routes to,
        /// when the check knows it; null otherwise.
        /// </summary>
        public string? Region { get; }

        /// <summary>The stable id of the check (for example <c>Linux.ExtensionsEnabled</c>).</summary>
        public string CheckId { get; }

        /// <summary>The article's cause this check looks for.</summary>
        public Cause Cause { get; }

        /// <summary>The outcome.</summary>
        public CheckStatus Status { get; }

        /// <summary>What was found, in one sentence.</summary>
        public string Message { get; }

        /// <summary>What the check saw: files, lines, values.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>What a user can do about it.</summary>
        public string Remediation { get; }

        /// <summary>What Repair-AzBackupAgent can do about it, or <see cref="Checks.RepairAction.None"/>.</summary>
        public RepairAction RepairAction { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Target} {CheckId}: {Message}";
    }
}
