using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The Resource Manager client: pinned api-versions, paging, retries with backoff and jitter that honour
    /// Retry-After, client-side token buckets matching ARM's limits (shared by every parallel call made through this
    /// instance), long-running operations, per-request time-outs and cancellation. The bearer token goes only to the
    /// endpoint the client was made for, over https (plain http only to loopback), and never into a message.
    /// </summary>
    public sealed class ArmClient : IArmClient, IDisposable
    {
        private readonly ArmClientOptions _options;
        private readonly ArmTokenCache _tokens;
        private readonly ArmRequestUris _uris;
        private readonly HttpClient _http;
        private readonly ArmThrottle _throttle;
        private readonly ArmRetryPolicy _retry;
        private readonly ArmOperationPoller _poller;
        private readonly SecretRedactor _redactor = new SecretRedactor();
        private readonly Uri _endpoint;
        private readonly int _maxPages;
        private readonly long _maxResponseBytes;
        private readonly TimeSpan _maxRetryAfter;
        private long _requestsSent;

        /// <summary>Creates a client.</summary>
        /// <exception cref="ArmRequestException">The endpoint is neither https nor a loopback address (<c>InsecureEndpoint</c>).</exception>
        public ArmClient(ArmClientOptions options, IAccessTokenProvider tokenProvider)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _tokens = new ArmTokenCache(tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider)), _options, _redactor, Log);
            if (_options.RequestTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
            }

            if (_options.MaxPages < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxPages must be at least 1.");
            }

            if (_options.MaxRetryAfter < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxRetryAfter can't be negative.");
            }

            if (_options.MaxResponseBytes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxResponseBytes must be positive.");
            }

            _maxPages = _options.MaxPages;
            _maxResponseBytes = _options.MaxResponseBytes;
            _maxRetryAfter = _options.MaxRetryAfter;
            _endpoint = new Uri(options.ResourceManagerUrl.GetLeftPart(UriPartial.Authority) + "/");
            var refusal = ArmEndpointPolicy.Check(_endpoint, _endpoint);
            if (refusal.HasValue)
            {
                throw new ArmRequestException(refusal.Value.Code, refusal.Value.Reason);
            }

            _uris = new ArmRequestUris(_endpoint);

            var handler = new HttpClientHandler();
            try
            {
                handler.MaxConnectionsPerServer = Math.Max(2, options.MaxConnections);
            }
            catch (PlatformNotSupportedException)
            {
                // Older frameworks manage connection limits elsewhere; the default still works, only slower.
            }

            _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            _throttle = new ArmThrottle(options.RateLimits ?? new ArmRateLimits());
            _retry = new ArmRetryPolicy(Math.Max(0, options.MaxRetries), options.RetryBaseDelay, options.RetryMaxDelay < options.RetryBaseDelay ? options.RetryBaseDelay : options.RetryMaxDelay, options.RetrySeed);
            _poller = new ArmOperationPoller(this, options);
        }

        /// <summary>How many HTTP requests this client has sent (retries and polls included).</summary>
        public long RequestsSent => Interlocked.Read(ref _requestsSent);

        /// <summary>The Resource Manager endpoint.</summary>
        public Uri Endpoint => _endpoint;

        /// <inheritdoc />
        public async Task<JsonElement> GetAsync(string path, string? query, CancellationToken cancellationToken)
        {
            var uri = _uris.Build(path, query);
            var response = await SendAsync(HttpMethod.Get, uri, null, retryAll: true, cancellationToken).ConfigureAwait(false);
            var request = Describe(HttpMethod.Get, uri);
            if (!response.IsSuccess)
            {
                throw response.ToException(request);
            }

            return response.Json(request);
        }

        /// <inheritdoc />
        public async Task<int> ListAsync(string path, string? query, Func<IReadOnlyList<JsonElement>, Task> onPage, CancellationToken cancellationToken)
        {
            if (onPage is null)
            {
                throw new ArgumentNullException(nameof(onPage));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            Uri? next = _uris.Build(path, query);
            var first = Describe(HttpMethod.Get, next);
            var count = 0;
            for (var pages = 1; next != null; pages++)
            {
                if (!seen.Add(next.AbsoluteUri))
                {
                    throw new ArmRequestException("NextLinkLoop", $"{first}: page {pages.ToString(CultureInfo.InvariantCulture)} has a nextLink to a page already read ({Describe(HttpMethod.Get, next)}); the list stops there with this error instead of looping.", null, next.PathAndQuery);
                }

                if (pages > _maxPages)
                {
                    throw new ArmRequestException("PageLimitExceeded", $"{first}: more than {_maxPages.ToString(CultureInfo.InvariantCulture)} pages (ArmClientOptions.MaxPages); the list stops with this error after {count.ToString(CultureInfo.InvariantCulture)} items instead of being cut silently.", null, next.PathAndQuery);
                }

                var response = await SendAsync(HttpMethod.Get, next, null, retryAll: true, cancellationToken).ConfigureAwait(false);
                var request = Describe(HttpMethod.Get, next);
                if (!response.IsSuccess)
                {
                    throw response.ToException(request);
                }

                var page = response.Json(request);
                var items = new List<JsonElement>();
                if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in value.EnumerateArray())
                    {
                        items.Add(item);
                    }
                }

                count += items.Count;
                await onPage(items).ConfigureAwait(false);
                next = _uris.NextLink(JsonText.String(page, "nextLink"), request);
            }

            return count;
        }

        /// <inheritdoc />
        public async Task<ArmOperationResult> DeleteAsync(string path, bool waitForCompletion, CancellationToken cancellationToken)
        {
            var uri = _uris.Build(path, null);
            var response = await SendAsync(HttpMethod.Delete, uri, null, retryAll: true, cancellationToken).ConfigureAwait(false);
            return await FinishOperationAsync(HttpMethod.Delete, uri, response, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public async Task<ArmOperationResult> PostAsync(string path, string jsonBody, bool waitForCompletion, CancellationToken cancellationToken)
        {
            var uri = _uris.Build(path, null);

            // Not idempotent: retried only on 429, which ARM sends before doing anything.
            var response = await SendAsync(HttpMethod.Post, uri, jsonBody ?? "{}", retryAll: false, cancellationToken).ConfigureAwait(false);
            return await FinishOperationAsync(HttpMethod.Post, uri, response, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _http.Dispose();
            _tokens.Dispose();
        }

        /// <summary>Sends one request with throttling, the token and retries, and returns the final response (any status).</summary>
        internal async Task<ArmResponse> SendAsync(HttpMethod method, Uri uri, string? body, bool retryAll, CancellationToken cancellationToken)
        {
            var refusal = ArmEndpointPolicy.Check(_endpoint, uri);
            var request = Describe(method, uri);
            if (refusal.HasValue)
            {
                throw new ArmRequestException(refusal.Value.Code, refusal.Value.Reason, null, uri.PathAndQuery);
            }

            var bucket = _throttle.BucketFor(method, uri.AbsolutePath);
            var retried401 = false;
            for (var attempt = 1; ; attempt++)
            {
                await bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
                var token = await _tokens.GetAsync(_endpoint.Authority, cancellationToken).ConfigureAwait(false);
                var watch = Stopwatch.StartNew();
                string? failureCode = null, failure = null;
                HttpResponseMessage? response = null;
                string text = string.Empty;
                using (var message = new HttpRequestMessage(method, uri))
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                    if (body != null)
                    {
                        message.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    }

                    timeout.CancelAfter(_options.RequestTimeout);
                    Interlocked.Increment(ref _requestsSent);
                    try
                    {
                        response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                        var read = await ArmBodyReader.ReadAsync(response.Content, _maxResponseBytes, timeout.Token).ConfigureAwait(false);
                        if (read is null)
                        {
                            // Not retried: the same answer would come again.
                            failureCode = "ResponseTooLarge";
                            failure = $"the answer is longer than {_maxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes (ArmClientOptions.MaxResponseBytes); it was not read";
                        }

                        text = read ?? string.Empty;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        failureCode = "RequestTimeout";
                        failure = $"no response within {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
                    }
                    catch (HttpRequestException ex)
                    {
                        failureCode = "ConnectionFailed";
                        failure = ex.GetBaseException().Message;
                    }
                    catch (IOException ex)
                    {
                        failureCode = "ConnectionFailed";
                        failure = ex.Message;
                    }
                }

                if (response is null || failureCode != null)
                {
                    response?.Dispose();
                    if (retryAll && attempt <= _retry.MaxRetries && failureCode != "ResponseTooLarge")
                    {
                        var wait = _retry.GetDelay(attempt - 1, null);
                        Log($"{request}: {failure}; retry {attempt} of {_retry.MaxRetries} in {Seconds(wait)} s.");
                        await MonotonicDelay.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw new ArmRequestException(failureCode ?? "ConnectionFailed", _redactor.Redact($"{request} failed: {failure} (after {attempt} attempt(s))."), null, uri.PathAndQuery, attempt);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    ObserveRemaining(method, response, bucket, status);
                    Log($"{request} -> {status} ({watch.ElapsedMilliseconds} ms)");
                    var retryAfter = ArmRetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, _options.Clock());
                    if (status == 401 && !retried401)
                    {
                        // An expired or revoked token: ask the provider for a new one, once.
                        retried401 = true;
                        _tokens.Invalidate(token);
                        continue;
                    }

                    var retryable = status == 429 || (retryAll && ArmRetryPolicy.IsTransient(response.StatusCode));
                    if (retryable && attempt <= _retry.MaxRetries && retryAfter > _maxRetryAfter)
                    {
                        // A day-long Retry-After is not waited out: this request ends now with its own error, the others go on.
                        throw new ArmRequestException("RetryAfterTooLong",
                            $"{request} -> {status}: the server asked to wait {Seconds(retryAfter!.Value)} s before retrying (Retry-After), longer than the {Seconds(_maxRetryAfter)} s this client waits (ArmClientOptions.MaxRetryAfter); not retried.",
                            response.StatusCode, uri.PathAndQuery, attempt);
                    }

                    if (retryable && attempt <= _retry.MaxRetries)
                    {
                        var wait = _retry.GetDelay(attempt - 1, retryAfter);
                        var after = retryAfter.HasValue ? $" (Retry-After {Seconds(retryAfter.Value)} s)" : string.Empty;
                        Log($"{request}: {status}; retry {attempt} of {_retry.MaxRetries} in {Seconds(wait)} s{after}.");
                        await MonotonicDelay.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    return new ArmResponse(status, _redactor.MaskKnownSecrets(text), retryAfter, _uris.Link(response.Headers.Location), _uris.Link(Header(response, "Azure-AsyncOperation")), attempt, ServiceHeaders(response));
                }
            }
        }

        /// <summary>The longest wait between polls of a long-running operation (<see cref="ArmClientOptions.MaxRetryAfter"/>).</summary>
        internal TimeSpan MaxRetryAfter => _maxRetryAfter;

        /// <summary>Writes a line to the log callback, without secrets.</summary>
        internal void Log(string line) => _options.Log?.Invoke(_redactor.Redact(line));

        internal static string Describe(HttpMethod method, Uri uri) => method.Method + " " + uri.AbsolutePath;

        private async Task<ArmOperationResult> FinishOperationAsync(HttpMethod method, Uri uri, ArmResponse response, bool wait, CancellationToken cancellationToken)
        {
            var request = Describe(method, uri);
            switch (response.StatusCode)
            {
                case 200:
                case 204:
                    return new ArmOperationResult(ArmOperationStatus.Succeeded, response.StatusCode);
                case 201:
                case 202:
                    return wait
                        ? await _poller.PollAsync(request, response, cancellationToken).ConfigureAwait(false)
                        : new ArmOperationResult(ArmOperationStatus.Accepted, response.StatusCode);
                default:
                    throw response.ToException(request);
            }
        }

        private void ObserveRemaining(HttpMethod method, HttpResponseMessage response, TokenBucket bucket, int status)
        {
            var header = Header(response, ArmThrottle.RemainingHeader(method));
            if (header != null && int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
            {
                bucket.Observe(remaining);
            }
            else if (status == 429)
            {
                // Throttled without a count: treat the bucket as empty so parallel callers slow down to the refill rate.
                bucket.Observe(0);
            }
        }

        private static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }

            return null;
        }

        private static Dictionary<string, string> ServiceHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                if (header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var value in header.Value)
                    {
                        headers[header.Key] = value;
                        break;
                    }
                }
            }

            return headers;
        }

        private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
