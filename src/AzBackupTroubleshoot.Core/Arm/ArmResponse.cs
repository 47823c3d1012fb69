using System.Net;
using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>A Resource Manager response the client has finished with: status, body text and the headers it uses.</summary>
    internal sealed class ArmResponse
    {
        public ArmResponse(int statusCode, string body, TimeSpan? retryAfter, Uri? location, Uri? asyncOperation, int attempts, IReadOnlyDictionary<string, string>? headers = null)
        {
            Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            StatusCode = statusCode;
            Body = body ?? string.Empty;
            RetryAfter = retryAfter;
            Location = location;
            AsyncOperation = asyncOperation;
            Attempts = attempts;
        }

        public int StatusCode { get; }

        public string Body { get; }

        public TimeSpan? RetryAfter { get; }

        public Uri? Location { get; }

        public Uri? AsyncOperation { get; }

        public int Attempts { get; }

        /// <summary>The response's <c>x-ms-*</c> headers (first value each; names in any case), for callers that read service quotas.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>Parses the body; an empty or unreadable body is an <c>InvalidResponse</c> error naming the request.</summary>
        public JsonElement Json(string request)
        {
            if (Body.Length == 0)
            {
                throw new ArmRequestException("InvalidResponse", $"{request} returned {StatusCode} with an empty body.", (HttpStatusCode)StatusCode, request, Attempts);
            }

            try
            {
                using (var document = JsonDocument.Parse(Body))
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new ArmRequestException("InvalidResponse", $"{request} returned {StatusCode} with a body that is not JSON ({ex.Message}).", (HttpStatusCode)StatusCode, request, Attempts);
            }
        }

        /// <summary>The ARM error (<c>{"error":{"code","message"}}</c>) as an exception naming the request.</summary>
        public ArmRequestException ToException(string request)
        {
            var (code, message) = ReadError(Body);
            var status = (HttpStatusCode)StatusCode;
            var text = $"{request} returned {StatusCode} ({status})";
            if (code != null || message != null)
            {
                text += ": " + (code ?? "Error") + (message != null ? " - " + message : string.Empty);
            }

            var attempts = Attempts > 1 ? $" after {Attempts} attempts" : string.Empty;
            return new ArmRequestException(code ?? status.ToString(), text + attempts + ".", status, request, Attempts);
        }

        /// <summary>Reads <c>error.code</c> and <c>error.message</c> from an ARM error body, if it is one.</summary>
        public static (string? Code, string? Message) ReadError(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, null);
            }

            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    {
                        return (JsonText.String(error, "code"), JsonText.String(error, "message"));
                    }
                }
            }
            catch (JsonException)
            {
                // Not an ARM error body (a proxy's HTML page, for example): no code to report.
            }

            return (null, null);
        }
    }
}
