using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>
    /// Classifies backup job errors by what Resource Manager really returns in a job's errorDetails
    /// (AzureIaaSVMErrorInfo: an integer errorCode, errorTitle, errorString): first an article error code named in
    /// errorTitle or errorString (a dictionary hit, not a guess), then a numeric errorCode the articles document with a
    /// heading (for example 380008), then the message text (English or Spanish, as Get-AzBackupFailureCause -Message).
    /// The numeric code alone never decides otherwise: the articles give numbers for few codes. An error nothing
    /// identifies is not classified (null), so the caller shows it with its own text instead of guessing a cause.
    /// </summary>
    public sealed class KnowledgeBaseErrorClassifier : IBackupErrorClassifier
    {
        // Any word that could be an error code; each is looked up.
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

            var (heading, code, matchedBy) = ByCodeName(error);
            if (heading is null && error.ErrorCode.HasValue)
            {
                heading = _knowledge.FindByNumericCode(error.ErrorCode.Value);
                code = heading?.ErrorCodes.First();
                matchedBy = "numeric errorCode " + error.ErrorCode.Value.ToString(CultureInfo.InvariantCulture);
            }

            if (heading is null)
            {
                var match = _knowledge.FindByMessage(error.Message) ?? (string.IsNullOrEmpty(error.Title) ? null : _knowledge.FindByMessage(error.Title!));
                if (match is null)
                {
                    return null;
                }

                heading = match.Heading;
                code = heading.ErrorCodes.First();
                matchedBy = $"message text ('{match.MatchedText}')";
            }

            var causes = _knowledge.CausesOf(heading, "Message");
            var current = causes.Where(c => c.InCurrentArticle).ToList();
            var ordered = string.Join(" ", current.Select(c => $"{c.CurrentOrder}. {c.Title}" + (c.Repair != null ? $" ({c.Repair})" : string.Empty) + "."));
            var remediation = $"Likely causes in the {heading.Article}'s order: {ordered} Full guide: Get-AzBackupFailureCause -ErrorCode {code}.";
            return new BackupErrorClassification(code!, (current.FirstOrDefault() ?? causes[0]).Cause, remediation, RepairAction.None, matchedBy);
        }

        private (FailureHeading? Heading, string? Code, string MatchedBy) ByCodeName(BackupJobError error)
        {
            foreach (var (text, field) in new[] { (error.Title, "errorTitle"), (error.Message, "errorString") })
            {
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                foreach (Match candidate in CodeLike.Matches(text!))
                {
                    var heading = _knowledge.FindByErrorCode(candidate.Value);
                    if (heading != null)
                    {
                        var code = heading.ErrorCodes.First(c => string.Equals(c, candidate.Value, StringComparison.OrdinalIgnoreCase));
                        return (heading, code, $"error code {code} in {field}");
                    }
                }
            }

            return (null, null, string.Empty);
        }
    }
}
