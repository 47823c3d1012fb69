using System;
using System.Linq;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// Classifies backup job errors with the knowledge base, as Get-AzBackupFailureCause does: an article error code found
    /// in the error's title or text first (the REST errorCode is numeric), else the message. The cause is the heading's
    /// first (most likely) cause; the remediation lists the causes in order and names the full guide.
    /// </summary>
    public sealed class KnowledgeBaseErrorClassifier : IBackupErrorClassifier
    {
        // Any word that could be an error code; each is looked up (a dictionary hit, not a guess).
        private static readonly Regex CodeLike = new Regex(@"\b[A-Za-z][A-Za-z0-9]{7,}\b", RegexOptions.CultureInvariant);
        private readonly KnowledgeBase _knowledge;

        /// <summary>Creates a classifier over a knowledge base (the embedded one by default).</summary>
        public KnowledgeBaseErrorClassifier(KnowledgeBase? knowledge = null)
        {
            _knowledge = knowledge ?? KnowledgeBase.Default;
        }

        /// <inheritdoc />
        public BackupErrorClassification? Classify(BackupJobError error)
        {
            if (error is null)
            {
                throw new ArgumentNullException(nameof(error));
            }

            FailureHeading? heading = null;
            string? code = null;
            foreach (var text in new[] { error.Title, error.Message })
            {
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                foreach (Match candidate in CodeLike.Matches(text!))
                {
                    heading = _knowledge.FindByErrorCode(candidate.Value);
                    if (heading != null)
                    {
                        code = heading.ErrorCodes.First(c => string.Equals(c, candidate.Value, StringComparison.OrdinalIgnoreCase));
                        break;
                    }
                }

                if (heading != null)
                {
                    break;
                }
            }

            if (heading is null)
            {
                var match = _knowledge.FindByMessage(error.Message);
                if (match is null)
                {
                    return null;
                }

                heading = match.Heading;
                code = heading.ErrorCodes.FirstOrDefault() ?? heading.Id;
            }

            var causes = _knowledge.CausesOf(heading, "Message");
            if (causes.Count == 0)
            {
                return null;
            }

            var ordered = string.Join(" ", causes.Select(c => $"{c.Order}. {c.Title}" + (c.Repair != null ? $" ({c.Repair})" : string.Empty) + "."));
            var remediation = $"Likely causes in order: {ordered} Full guide: Get-AzBackupFailureCause -ErrorCode {code}.";
            return new BackupErrorClassification(code!, causes[0].Cause, remediation, RepairAction.None);
        }
    }
}
