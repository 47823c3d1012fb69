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
            SubscriptionTenant.IsWrongTenant(ex)
                ? ErrorRecords.Create(ErrorIds.AzTenantMismatch, ErrorCategory.AuthenticationError, target, TenantMessage(ex), ex, TenantAdvice(ex))
                : ErrorRecords.Create(Id(ex.ErrorCode), Category(ex), target, ex.Message, ex, Advice(ex));

        /// <summary>A 401 from another tenant: say so plainly, and which tenant to sign in to.</summary>
        private static string TenantMessage(ArmRequestException ex)
        {
            var tenant = SubscriptionTenant.FromWrongTenantError(ex);
            return ex.Message.StartsWith("Subscription ", System.StringComparison.Ordinal)
                ? ex.Message
                : $"Resource Manager refused the token: it is from another tenant than the subscription's{(tenant is null ? string.Empty : " (" + tenant + ")")}. {ex.Message}";
        }

        private static string TenantAdvice(ArmRequestException ex)
        {
            var tenant = SubscriptionTenant.FromWrongTenantError(ex) ?? "<the subscription's tenant>";
            return $"Sign in to the subscription's tenant: Connect-AzAccount -Tenant {tenant} (with -Identity in Azure Automation, the managed identity needs access in that tenant), then run the command again.";
        }

        public static ErrorRecord From(string errorCode, string message, object target, ArmRequestException? inner) =>
            inner != null && SubscriptionTenant.IsWrongTenant(inner)
                ? ErrorRecords.Create(ErrorIds.AzTenantMismatch, ErrorCategory.AuthenticationError, target, $"{target}: {TenantMessage(inner)}", inner, TenantAdvice(inner))
                : ErrorRecords.Create(Id(errorCode), inner is null ? ErrorCategory.NotSpecified : Category(inner), target, message, inner, inner is null ? null : Advice(inner));

        /// <summary>The module's own conditions keep their own ids; every other ARM failure is AzureRequestFailed.</summary>
        private static string Id(string? errorCode) => errorCode switch
        {
            "InvalidResourceId" => ErrorIds.InvalidResourceId,
            "RetryAfterTooLong" => ErrorIds.RetryAfterTooLong,
            "PageLimitExceeded" => ErrorIds.PageLimitExceeded,
            "NextLinkLoop" => ErrorIds.NextLinkLoop,
            "InvalidResponse" => ErrorIds.InvalidArmResponse,
            "ResponseTooLarge" => ErrorIds.InvalidArmResponse,
            _ => ErrorIds.AzureRequestFailed,
        };

        public static ErrorRecord From(AzAccountsException ex) =>
            ErrorRecords.Create(ex.ErrorId, ex.Category, null, ex.Message, ex, ex.RecommendedAction);

        private static ErrorCategory Category(ArmRequestException ex)
        {
            switch (ex.ErrorCode)
            {
                case "InvalidResourceId":
                    return ErrorCategory.InvalidArgument;
                case "RetryAfterTooLong":
                    return ErrorCategory.ResourceUnavailable;
                case "PageLimitExceeded":
                case "ResponseTooLarge":
                    return ErrorCategory.LimitsExceeded;
                case "NextLinkLoop":
                case "InvalidResponse":
                    return ErrorCategory.InvalidData;
            }

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

        private static string? Advice(ArmRequestException ex) => ex.ErrorCode == "RetryAfterTooLong" ? "Resource Manager asked for a long pause: run again later for this item."
            : ex.ErrorCode == "InvalidResourceId" ? "Pass a resource id such as /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>."
            : ex.StatusCode switch
        {
            HttpStatusCode.Forbidden => "Give the signed-in identity at least Reader on the VM (and Backup Reader on the vault).",
            HttpStatusCode.NotFound => "Check the resource group, VM name or resource id, and the subscription of the Az context.",
            _ => (int?)ex.StatusCode == 429 ? "Resource Manager is throttling: lower -ThrottleLimit or run again later." : null,
        };
    }
}
