using System.Management.Automation;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>Az.Accounts is missing, has no context, or gives no token: a setup failure with a stable error id.</summary>
    internal sealed class AzAccountsException : Exception
    {
        public AzAccountsException(string errorId, ErrorCategory category, string message, string recommendedAction, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public string RecommendedAction { get; }
    }
}
