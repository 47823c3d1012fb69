using System.Management.Automation;
using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Builds the module's error records. The message, the recommended action and a string target pass through the one
    /// <see cref="SecretRedactor"/>; an inner exception whose message holds a secret is not attached.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, Exception? inner = null, string? recommendedAction = null)
        {
            var redactor = new SecretRedactor();
            message = redactor.Redact(message);
            if (inner != null && redactor.Redact(inner.Message) != inner.Message)
            {
                inner = null;
            }

            if (target is string text)
            {
                target = redactor.Redact(text);
            }

            var exception = inner is null ? new InvalidOperationException(message) : new InvalidOperationException(message, inner);
            var record = new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message),
            };
            if (recommendedAction != null)
            {
                record.ErrorDetails.RecommendedAction = redactor.Redact(recommendedAction);
            }

            return record;
        }
    }
}
