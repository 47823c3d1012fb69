using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>What a backup job error means: the article's error code, the cause and what to do.</summary>
    public sealed class BackupErrorClassification
    {
        /// <summary>Creates a classification.</summary>
        public BackupErrorClassification(string errorCode, Cause cause, string? remediation, RepairAction repair = RepairAction.None, string? matchedBy = null)
        {
            ErrorCode = errorCode ?? throw new ArgumentNullException(nameof(errorCode));
            Cause = cause;
            Remediation = remediation ?? string.Empty;
            Repair = repair;
            MatchedBy = matchedBy ?? string.Empty;
        }

        /// <summary>What identified the error: the code's name in errorTitle/errorString, the documented numeric errorCode, or the message text.</summary>
        public string MatchedBy { get; }

        /// <summary>The article's error code, for example UserErrorGuestAgentStatusUnavailable.</summary>
        public string ErrorCode { get; }

        /// <summary>The cause.</summary>
        public Cause Cause { get; }

        /// <summary>What to do.</summary>
        public string Remediation { get; }

        /// <summary>What the module can repair.</summary>
        public RepairAction Repair { get; }
    }

    /// <summary>
    /// Maps a backup job error (numeric code, title, localized message) to the article's error code and cause: the
    /// same mapping Get-AzBackupFailureCause uses, through the knowledge base.
    /// </summary>
    public interface IBackupErrorClassifier
    {
        /// <summary>The classification, or null when the error is not in the knowledge base.</summary>
        BackupErrorClassification? Classify(BackupJobError error);
    }

    /// <summary>A classifier made from a function (for tests and adapters).</summary>
    public sealed class DelegateBackupErrorClassifier : IBackupErrorClassifier
    {
        private readonly Func<BackupJobError, BackupErrorClassification?> _classify;

        /// <summary>Creates a classifier.</summary>
        public DelegateBackupErrorClassifier(Func<BackupJobError, BackupErrorClassification?> classify)
        {
            _classify = classify ?? throw new ArgumentNullException(nameof(classify));
        }

        /// <inheritdoc />
        public BackupErrorClassification? Classify(BackupJobError error) => _classify(error);
    }
}
