using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The calls the module makes to Azure Resource Manager. Paths are resource paths (<c>/subscriptions/…</c>); the
    /// client adds the endpoint and the pinned api-version (<see cref="ArmApiVersions"/>), sends the bearer token, spends
    /// from the shared throttling buckets, retries transient failures and follows paging and long-running operations.
    /// </summary>
    public interface IArmClient
    {
        /// <summary>GETs a resource. <paramref name="query"/> is extra query text (already escaped), without the api-version.</summary>
        /// <exception cref="ArmRequestException">The request failed (404 included: see <see cref="ArmRequestException.IsNotFound"/>).</exception>
        Task<JsonElement> GetAsync(string path, string? query, CancellationToken cancellationToken);

        /// <summary>GETs a collection page by page, following nextLink, and hands each page's <c>value</c> items over.</summary>
        /// <returns>The number of items.</returns>
        Task<int> ListAsync(string path, string? query, Func<IReadOnlyList<JsonElement>, Task> onPage, CancellationToken cancellationToken);

        /// <summary>DELETEs a resource; with <paramref name="waitForCompletion"/> polls a 202/201 to its end.</summary>
        Task<ArmOperationResult> DeleteAsync(string path, bool waitForCompletion, CancellationToken cancellationToken);

        /// <summary>POSTs an action with a JSON body; with <paramref name="waitForCompletion"/> polls a 202/201 to its end.</summary>
        Task<ArmOperationResult> PostAsync(string path, string jsonBody, bool waitForCompletion, CancellationToken cancellationToken);
    }
}
