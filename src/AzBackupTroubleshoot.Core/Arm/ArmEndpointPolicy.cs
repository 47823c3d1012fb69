using System.Net;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Where the bearer token may go: only to the Resource Manager scheme, host and port the client was created for (a
    /// nextLink, Location or Azure-AsyncOperation URL elsewhere is refused), only over https,
    /// except to a loopback host (127.0.0.0/8, ::1, localhost) so tests can run a local simulator over plain http.
    /// </summary>
    internal static class ArmEndpointPolicy
    {
        public static bool IsLoopback(Uri uri)
        {
            if (uri is null)
            {
                throw new ArgumentNullException(nameof(uri));
            }

            var host = uri.IdnHost.Trim('[', ']');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>Null when the token may be sent to <paramref name="target"/>; otherwise the error code and reason.</summary>
        public static (string Code, string Reason)? Check(Uri resourceManager, Uri target)
        {
            if (!target.IsAbsoluteUri)
            {
                return ("InsecureEndpoint", $"'{target}' is not an absolute URL.");
            }

            var secure = string.Equals(target.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
            var plainLoopback = string.Equals(target.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && IsLoopback(target);
            if (!secure && !plainLoopback)
            {
                return ("InsecureEndpoint", $"Refusing to send the Azure access token to {target.Scheme}://{target.Authority}: only https is allowed (plain http only to a loopback address).");
            }

            if (!string.Equals(target.IdnHost, resourceManager.IdnHost, StringComparison.OrdinalIgnoreCase) || target.Port != resourceManager.Port
                || !string.Equals(target.Scheme, resourceManager.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                return ("ForeignEndpoint", $"Refusing to send the Azure access token to {target.Scheme}://{target.Authority}: it is not the Resource Manager endpoint {resourceManager.Scheme}://{resourceManager.Authority}.");
            }

            return null;
        }
    }
}
