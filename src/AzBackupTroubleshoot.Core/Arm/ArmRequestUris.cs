namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Where an <see cref="ArmClient"/>'s requests go: every request path rebuilt from validated, percent-encoded segments
    /// with its pinned api-version, and every link an answer names (nextLink, Location, Azure-AsyncOperation) resolved
    /// against the one endpoint and refused when it leaves it.
    /// </summary>
    internal sealed class ArmRequestUris
    {
        private readonly Uri _endpoint;

        public ArmRequestUris(Uri endpoint) => _endpoint = endpoint;

        /// <summary>The request URL for a resource path and an optional query (api-version added).</summary>
        /// <exception cref="ArmRequestException">The path is not a valid resource id (<c>InvalidResourceId</c>).</exception>
        public Uri Build(string path, string? query)
        {
            // A query, fragment, dot segment or encoded slash in an id can never change which resource is addressed.
            string relative;
            try
            {
                relative = ArmResourceId.ToRequestPath(path);
            }
            catch (ArgumentException ex)
            {
                throw new ArmRequestException("InvalidResourceId", StripParameter(ex), null, null, 0, ex);
            }

            var text = relative + "?api-version=" + ArmApiVersions.For(relative);
            if (!string.IsNullOrEmpty(query))
            {
                text += "&" + query!.TrimStart('?', '&');
            }

            return new Uri(_endpoint, text);
        }

        /// <summary>The next page's URL: absolute or relative to the endpoint, same scheme, host and port as the endpoint.</summary>
        /// <exception cref="ArmRequestException">The link is not a URL or leaves the endpoint.</exception>
        public Uri? NextLink(string? link, string request)
        {
            if (string.IsNullOrEmpty(link))
            {
                return null;
            }

            if (!Uri.TryCreate(link, UriKind.RelativeOrAbsolute, out var parsed) || !Uri.TryCreate(_endpoint, parsed, out var next))
            {
                throw new ArmRequestException("InvalidResponse", $"{request}: the nextLink is not a URL.", null, null);
            }

            var refusal = ArmEndpointPolicy.Check(_endpoint, next);
            if (refusal.HasValue)
            {
                throw new ArmRequestException(refusal.Value.Code, $"{request}: nextLink refused. {refusal.Value.Reason}", null, next.PathAndQuery);
            }

            return next;
        }

        /// <summary>A header's link made absolute against the endpoint; null when absent or not a URL (the caller checks where it points before use).</summary>
        public Uri? Link(Uri? link) => link is null ? null : link.IsAbsoluteUri ? link : Uri.TryCreate(_endpoint, link, out var absolute) ? absolute : null;

        /// <summary>As <see cref="Link(Uri)"/>, for a header's text.</summary>
        public Uri? Link(string? link) => string.IsNullOrEmpty(link) || !Uri.TryCreate(link, UriKind.RelativeOrAbsolute, out var parsed) ? null : Link(parsed);

        private static string StripParameter(ArgumentException ex) =>
            ex.ParamName is null ? ex.Message : ex.Message.Replace(" (Parameter '" + ex.ParamName + "')", string.Empty);
    }
}
