using System.Net;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// A Resource Manager request that failed for good: a non-retryable status, retries used up, a refused endpoint or
    /// an unreadable answer. The message names the method, the path and the reason; it never holds the bearer token.
    /// </summary>
    public sealed class ArmRequestException : Exception
    {
        /// <summary>Creates an exception.</summary>
        public ArmRequestException(string errorCode, string message, HttpStatusCode? statusCode = null, string? requestPath = null, int attempts = 0, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorCode = errorCode ?? "ArmRequestFailed";
            StatusCode = statusCode;
            RequestPath = requestPath;
            Attempts = attempts;
        }

        /// <summary>
        /// The Resource Manager error code (for example <c>ResourceNotFound</c>, <c>AuthorizationFailed</c>) or the module's
        /// own: <c>InsecureEndpoint</c>, <c>ForeignEndpoint</c>, <c>ConnectionFailed</c>, <c>RequestTimeout</c>,
        /// <c>InvalidResponse</c>, <c>OperationTimeout</c>.
        /// </summary>
        public string ErrorCode { get; }

        /// <summary>The HTTP status, when a response came.</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>The path (and query) requested.</summary>
        public string? RequestPath { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>True for 404.</summary>
        public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
    }
}
