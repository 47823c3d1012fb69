using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Core.Redaction;

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
        /// <summary>Creates a result.</summary>
        public HealthCheckResult(
            string target,
            string checkId,
            Cause cause,
            CheckStatus status,
            string message,
            IReadOnlyList<string>? evidence = null,
            string? remediation = null,
            RepairAction repairAction = RepairAction.None)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            CheckId = checkId ?? throw new ArgumentNullException(nameof(checkId));
            Cause = cause;
            Status = status;
            var redactor = new SecretRedactor();
            Message = redactor.Redact(message ?? string.Empty);
            Evidence = evidence is null || evidence.Count == 0 ? Array.Empty<string>() : evidence.Select(e => redactor.Redact(e)).ToArray();
            Remediation = redactor.Redact(remediation ?? string.Empty);
            RepairAction = repairAction;
        }

        /// <summary>What was checked: a host name, a folder or bundle path, a computer name or an Azure resource id.</summary>
        public string Target { get; }

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

        /// <summary>A copy of this result with another target.</summary>
        public HealthCheckResult WithTarget(string target) =>
            new HealthCheckResult(target, CheckId, Cause, Status, Message, Evidence, Remediation, RepairAction);

        /// <inheritdoc />
        public override string ToString() => $"[{Status}] {Target} {CheckId}: {Message}";
    }
}
