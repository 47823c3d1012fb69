using System.Management.Automation;
using System.Net;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>Error records for failed Resource Manager calls: a stable id, a category from the status, the VM as target.</summary>
    internal static class ArmErrorRecords
    {
        public static ErrorRecord From(ArmRequestException ex, object target) =>
            ErrorRecords.Create(ErrorIds.AzureRequestFailed, Category(ex), target, ex.Message, ex, Advice(ex));

        public static ErrorRecord From(string errorCode, string message, object target, ArmRequestException? inner) =>
            ErrorRecords.Create(ErrorIds.AzureRequestFailed, inner is null ? ErrorCategory.NotSpecified : Category(inner), target, message, inner, inner is null ? null : Advice(inner));

        public static ErrorRecord From(AzAccountsException ex) =>
            ErrorRecords.Create(ex.ErrorId, ex.Category, null, ex.Message, ex, ex.RecommendedAction);

        private static ErrorCategory Category(ArmRequestException ex)
        {
            switch (ex.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return ErrorCategory.ObjectNotFound;
                case HttpStatusCode.Unauthorized:
                    return ErrorCategory.AuthenticationError;
                case HttpStatusCode.Forbidden:
                    return ErrorCategory.PermissionDenied;
                case HttpStatusCode.BadRequest:
                    return ErrorCategory.InvalidArgument;
                case null:
                    return ex.ErrorCode == "RequestTimeout" || ex.ErrorCode == "OperationTimeout" ? ErrorCategory.OperationTimeout
                        : ex.ErrorCode == "InsecureEndpoint" || ex.ErrorCode == "ForeignEndpoint" ? ErrorCategory.SecurityError
                        : ErrorCategory.ConnectionError;
                default:
                    return (int)ex.StatusCode.Value == 429 || (int)ex.StatusCode.Value >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified;
            }
        }

        private static string? Advice(ArmRequestException ex) => ex.StatusCode switch
        {
            HttpStatusCode.Forbidden => "Give the signed-in identity at least Reader on the VM (and Backup Reader on the vault).",
            HttpStatusCode.NotFound => "Check the resource group, VM name or resource id, and the subscription of the Az context.",
            _ => (int?)ex.StatusCode == 429 ? "Resource Manager is throttling: lower -ThrottleLimit or run again later." : null,
        };
    }
}
