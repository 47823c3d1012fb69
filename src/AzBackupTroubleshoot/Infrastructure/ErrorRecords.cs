using System;
using System.Management.Automation;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>Builds error records with a stable id, a category and the failing input as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, Exception? inner = null, string? recommendedAction = null)
        {
            var exception = inner is null ? new InvalidOperationException(message) : new InvalidOperationException(message, inner);
            var record = new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message),
            };
            if (recommendedAction != null)
            {
                record.ErrorDetails.RecommendedAction = recommendedAction;
            }

            return record;
        }
    }
}
