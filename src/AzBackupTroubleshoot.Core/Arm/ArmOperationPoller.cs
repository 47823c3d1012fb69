using System.Diagnostics;
using System.Net.Http;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Follows a long-running operation (201/202 with <c>Azure-AsyncOperation</c> or <c>Location</c>) to a terminal state,
    /// waiting the Retry-After each answer gives (or the default interval) between polls.
    /// </summary>
    internal sealed class ArmOperationPoller
    {
        private readonly ArmClient _client;
        private readonly ArmClientOptions _options;

        public ArmOperationPoller(ArmClient client, ArmClientOptions options)
        {
            _client = client;
            _options = options;
        }

        public async Task<ArmOperationResult> PollAsync(string request, ArmResponse first, CancellationToken cancellationToken)
        {
            var monitor = first.AsyncOperation ?? first.Location;
            if (monitor is null)
            {
                _client.Log($"{request} was accepted ({first.StatusCode}) without an operation URL to poll.");
                return new ArmOperationResult(ArmOperationStatus.Accepted, first.StatusCode);
            }

            var usesAsyncOperation = first.AsyncOperation != null;
            var elapsed = Stopwatch.StartNew();
            var delay = PollDelay(first.RetryAfter);
            for (var polls = 1; ; polls++)
            {
                if (elapsed.Elapsed + delay > _options.OperationTimeout)
                {
                    throw new ArmRequestException("OperationTimeout", $"{request} did not finish within {_options.OperationTimeout.TotalMinutes:0.#} min; it may still complete in Azure.", null, monitor.AbsolutePath, polls);
                }

                _client.Log($"{request}: operation running; next poll in {delay.TotalSeconds:0.###} s.");
                await MonotonicDelay.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
                var response = await _client.SendAsync(HttpMethod.Get, monitor, null, retryAll: true, cancellationToken).ConfigureAwait(false);
                var poll = ArmClient.Describe(HttpMethod.Get, monitor);
                delay = PollDelay(response.RetryAfter);

                if (usesAsyncOperation)
                {
                    if (!response.IsSuccess)
                    {
                        throw response.ToException(poll);
                    }

                    var body = response.Json(poll);
                    var status = JsonText.String(body, "status") ?? string.Empty;
                    if (Is(status, "Succeeded"))
                    {
                        return new ArmOperationResult(ArmOperationStatus.Succeeded, first.StatusCode, polls: polls);
                    }

                    if (Is(status, "Failed") || Is(status, "Canceled") || Is(status, "Cancelled"))
                    {
                        var code = JsonText.PathString(body, "error", "code");
                        var message = JsonText.PathString(body, "error", "message");
                        var outcome = Is(status, "Failed") ? ArmOperationStatus.Failed : ArmOperationStatus.Canceled;
                        return new ArmOperationResult(outcome, first.StatusCode, code, message, polls);
                    }

                    continue;
                }

                // Location polling: 202 while running; 200/201/204 when done; an error status when it failed.
                if (response.StatusCode == 202)
                {
                    continue;
                }

                if (response.IsSuccess)
                {
                    return new ArmOperationResult(ArmOperationStatus.Succeeded, first.StatusCode, polls: polls);
                }

                var (errorCode, errorMessage) = ArmResponse.ReadError(response.Body);
                return new ArmOperationResult(ArmOperationStatus.Failed, first.StatusCode, errorCode ?? response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), errorMessage, polls);
            }
        }

        /// <summary>The server's Retry-After, at most <see cref="ArmClientOptions.MaxRetryAfter"/> (polling sooner is harmless); else the default interval.</summary>
        private TimeSpan PollDelay(TimeSpan? retryAfter) =>
            retryAfter.HasValue ? (retryAfter.Value > _client.MaxRetryAfter ? _client.MaxRetryAfter : retryAfter.Value) : _options.DefaultPollInterval;

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
