using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Net;
using System.Security;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>
    /// The signed-in Azure context, read through Az.Accounts at run time (no compile-time reference): Get-AzContext
    /// gives the environment's ResourceManagerUrl (sovereign clouds follow), its ARM audience, the tenant and the
    /// subscription; Get-AzAccessToken gives the token, a SecureString in Az.Accounts 5 and later and a string before.
    /// The token is asked for the audience Get-AzAccessToken picks by default (-ResourceTypeName Arm maps to the
    /// environment's ActiveDirectoryServiceEndpointResourceId, https://management.core.windows.net/ in AzureCloud; see
    /// Azure/azure-powershell src/Accounts/Accounts/Token/GetAzureRmAccessToken.cs at 0ff9167d), not for
    /// ResourceManagerUrl, which differs on Azure Stack Hub and custom environments. Commands run on the pipeline thread
    /// only (the caller marshals through <see cref="Infrastructure.PipelineQueue"/>).
    /// </summary>
    internal sealed class AzAccountsSession
    {
        private const string Connect = "Run Connect-AzAccount first (in Azure Automation or on a hybrid worker: Connect-AzAccount -Identity).";

        private AzAccountsSession(Uri resourceManagerUrl, string audience, string? subscriptionId, string? tenantId, string environment)
        {
            ResourceManagerUrl = resourceManagerUrl;
            Audience = audience;
            SubscriptionId = subscriptionId;
            TenantId = tenantId;
            Environment = environment;
        }

        /// <summary>
        /// The resource the token is asked for: the environment's ActiveDirectoryServiceEndpointResourceId (the default ARM
        /// audience of Get-AzAccessToken), or ResourceManagerUrl when the environment has none.
        /// </summary>
        public string Audience { get; }

        /// <summary>The context's tenant (Get-AzAccessToken's default tenant), if any.</summary>
        public string? TenantId { get; }

        /// <summary>The Resource Manager endpoint of the context's environment.</summary>
        public Uri ResourceManagerUrl { get; }

        /// <summary>The context's subscription, if any.</summary>
        public string? SubscriptionId { get; }

        /// <summary>The environment name (AzureCloud, AzureUSGovernment, ...).</summary>
        public string Environment { get; }

        /// <summary>Reads the current context. Pipeline thread only.</summary>
        /// <exception cref="AzAccountsException">AzContextNotFound.</exception>
        public static AzAccountsSession Open()
        {
            Collection<PSObject> output;
            try
            {
                output = Invoke("Get-AzContext", null);
            }
            catch (CommandNotFoundException ex)
            {
                throw new AzAccountsException(ErrorIds.AzContextNotFound, ErrorCategory.ObjectNotFound,
                    "Az.Accounts is not available (Get-AzContext was not found), so there is no Azure context to call Resource Manager with. Install Az.Accounts, then " + Connect,
                    "Install-Module Az.Accounts -Scope CurrentUser (AllUsers on a hybrid worker), then " + Connect, ex);
            }
            catch (RuntimeException ex)
            {
                throw new AzAccountsException(ErrorIds.AzContextNotFound, ErrorCategory.ObjectNotFound, "Get-AzContext failed: " + ex.Message + " " + Connect, Connect, ex);
            }

            var context = output.FirstOrDefault(o => o != null);
            var environment = context is null ? null : Property(context, "Environment");
            var url = environment is null ? null : Property(environment, "ResourceManagerUrl")?.ToString();
            if (context is null || string.IsNullOrWhiteSpace(url))
            {
                throw new AzAccountsException(ErrorIds.AzContextNotFound, ErrorCategory.ObjectNotFound,
                    "There is no Azure context (Get-AzContext returned " + (context is null ? "nothing" : "a context without Environment.ResourceManagerUrl") + "). " + Connect, Connect);
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
            {
                throw new AzAccountsException(ErrorIds.AzContextNotFound, ErrorCategory.InvalidData, $"The Azure context's ResourceManagerUrl '{url}' is not a URL.", Connect);
            }

            var subscription = Property(context, "Subscription");
            var id = subscription is null ? null : Property(subscription, "Id")?.ToString();
            var name = Property(environment!, "Name")?.ToString() ?? "AzureCloud";
            var audience = Property(environment!, "ActiveDirectoryServiceEndpointResourceId")?.ToString();
            var tenant = Property(context, "Tenant") is { } t ? Property(t, "Id")?.ToString() : null;
            return new AzAccountsSession(
                endpoint,
                string.IsNullOrWhiteSpace(audience) ? endpoint.AbsoluteUri : audience!,
                string.IsNullOrWhiteSpace(id) ? null : id,
                string.IsNullOrWhiteSpace(tenant) ? null : tenant,
                name);
        }

        /// <summary>
        /// Gets a token for the ARM audience, in <paramref name="tenantId"/> or (null) the context's tenant. Pipeline
        /// thread only.
        /// </summary>
        /// <exception cref="AzAccountsException">AzAccessTokenUnavailable, or InvalidAccessToken for a token with a line break or other character a bearer token can't hold.</exception>
        public ArmAccessToken GetAccessToken(string? tenantId = null)
        {
            Collection<PSObject> output;
            var parameters = new Hashtable { ["ResourceUrl"] = Audience };
            if (tenantId != null)
            {
                parameters["TenantId"] = tenantId;
            }

            var what = Audience + (tenantId is null ? string.Empty : " in tenant " + tenantId);
            try
            {
                output = Invoke("Get-AzAccessToken", parameters);
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException)
            {
                throw new AzAccountsException(ErrorIds.AzAccessTokenUnavailable, ErrorCategory.AuthenticationError,
                    "Get-AzAccessToken failed for " + what + ": " + ex.Message, Connect, ex);
            }

            var result = output.FirstOrDefault(o => o != null);
            var raw = result is null ? null : Property(result, "Token");
            string? token = raw switch
            {
                SecureString secure => new NetworkCredential(string.Empty, secure).Password,
                string text => text,
                _ => null,
            };
            if (string.IsNullOrEmpty(token))
            {
                throw new AzAccountsException(ErrorIds.AzAccessTokenUnavailable, ErrorCategory.AuthenticationError,
                    "Get-AzAccessToken returned no token for " + what + ".", Connect);
            }

            try
            {
                return new ArmAccessToken(token!, ExpiresOn(result is null ? null : Property(result, "ExpiresOn")));
            }
            catch (ArgumentException ex)
            {
                // A line break or other control character would go into the Authorization header; the message never holds the token.
                throw new AzAccountsException(ErrorIds.InvalidAccessToken, ErrorCategory.AuthenticationError,
                    "Get-AzAccessToken returned a token for " + what + " that cannot be sent: " + ex.Message.Replace(" (Parameter 'token')", string.Empty),
                    "Sign in again (Connect-AzAccount) and check what supplies the token (a wrapper of Get-AzAccessToken, a profile script).", ex);
            }
        }

        private static DateTimeOffset ExpiresOn(object? value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime time => new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time),
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,

            // Unknown expiry: treat the token as short-lived so it is asked for again soon.
            _ => DateTimeOffset.UtcNow.AddMinutes(10),
        };

        private static object? Property(object value, string name)
        {
            var property = PSObject.AsPSObject(value).Properties[name];
            var result = property?.Value;
            return result is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : result;
        }

        private static Collection<PSObject> Invoke(string command, IDictionary? parameters)
        {
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddCommand(command);
            if (parameters != null)
            {
                shell.AddParameters(parameters);
            }

            var output = shell.Invoke();
            if (shell.HadErrors && output.Count == 0)
            {
                var error = shell.Streams.Error.FirstOrDefault();
                throw new InvalidOperationException(error?.Exception?.Message ?? error?.ToString() ?? command + " failed.");
            }

            return output;
        }
    }
}
