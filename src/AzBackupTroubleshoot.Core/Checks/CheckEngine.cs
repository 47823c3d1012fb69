namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>Options of a check run.</summary>
    public sealed class CheckEngineOptions
    {
        /// <summary>How long one check may run before it is reported as an <see cref="CheckStatus.Error"/>.</summary>
        public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How many checks run at once.</summary>
        public int MaxDegreeOfParallelism { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

        /// <summary>
        /// Evaluate the checks one after the other on the caller's thread, with no thread or timer of their own: for check
        /// sets that only look at facts already read (the Azure checks, whose reads are done before they run), where a
        /// thread per check costs more than the check (a tenant scan runs them for thousands of VMs). A check that throws
        /// is still one Error result; <see cref="CheckTimeout"/> does not apply, since such a check has nothing to wait for.
        /// </summary>
        public bool EvaluateInline { get; set; }
    }

    /// <summary>
    /// Runs checks concurrently against one fact set. A check that throws or overruns its time-out becomes one
    /// <see cref="CheckStatus.Error"/> result naming the check and the reason; the others still report. Results come out
    /// in the order the checks were given, whatever order they finish in. Cancellation returns promptly even when a
    /// check ignores its token: the run stops waiting for it.
    /// </summary>
    public sealed class CheckEngine
    {
        private readonly CheckEngineOptions _options;

        /// <summary>Creates an engine.</summary>
        public CheckEngine(CheckEngineOptions? options = null)
        {
            _options = options ?? new CheckEngineOptions();
            if (_options.CheckTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "CheckTimeout must be positive.");
            }
        }

        /// <summary>Runs every check and returns their results in check order.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<IReadOnlyList<HealthCheckResult>> RunAsync<TFacts>(
            TFacts facts,
            IReadOnlyList<HealthCheck<TFacts>> checks,
            CheckContext context,
            CancellationToken cancellationToken = default)
        {
            if (checks is null)
            {
                throw new ArgumentNullException(nameof(checks));
            }

            if (context is null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (_options.EvaluateInline)
            {
                return await RunInlineAsync(facts, checks, context, cancellationToken).ConfigureAwait(false);
            }

            // Not disposed: an abandoned check may still release it after the run has returned.
            var throttle = new SemaphoreSlim(Math.Max(1, _options.MaxDegreeOfParallelism));
            var runs = checks.Select(check => RunOneAsync(facts, check, context, throttle, cancellationToken)).ToArray();

            // Wait for all, but give up at once on cancellation even if a check never returns.
            var all = Task.WhenAll(runs);
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            await Task.WhenAny(all, cancelled).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var results = new List<HealthCheckResult>();
            foreach (var run in runs)
            {
                results.AddRange(await run.ConfigureAwait(false));
            }

            return results;
        }

        private async Task<IReadOnlyList<HealthCheckResult>> RunOneAsync<TFacts>(
            TFacts facts,
            HealthCheck<TFacts> check,
            CheckContext context,
            SemaphoreSlim throttle,
            CancellationToken cancellationToken)
        {
            try
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Array.Empty<HealthCheckResult>();
            }

            // Disposed only when the check finished: an abandoned check may still read its token.
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = false;
            try
            {
                timeout.CancelAfter(_options.CheckTimeout);

                // A thread of its own (LongRunning): a check that blocks must not hold up the others, the caller, or wait
                // for the thread pool to grow.
                var work = Task.Factory.StartNew(
                    () => check.EvaluateAsync(facts, context, timeout.Token),
                    timeout.Token,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).Unwrap();
                var gate = Task.Delay(Timeout.Infinite, timeout.Token);
                var first = await Task.WhenAny(work, gate).ConfigureAwait(false);
                finished = first == work;
                if (first == work && work.Status == TaskStatus.RanToCompletion)
                {
                    return work.Result ?? (IReadOnlyList<HealthCheckResult>)Array.Empty<HealthCheckResult>();
                }

                if (first == work && work.IsFaulted)
                {
                    var reason = work.Exception?.GetBaseException().Message ?? "unknown error";
                    return new[] { ErrorResult(check, context, $"Check '{check.Id}' failed: {reason}") };
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return Array.Empty<HealthCheckResult>();
                }

                var seconds = _options.CheckTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                return new[] { ErrorResult(check, context, $"Check '{check.Id}' did not finish within {seconds} s and was abandoned.") };
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
            {
                return new[] { ErrorResult(check, context, $"Check '{check.Id}' failed: {ex.Message}") };
            }
            catch (OperationCanceledException)
            {
                return Array.Empty<HealthCheckResult>();
            }
            finally
            {
                throttle.Release();
                if (finished)
                {
                    timeout.Dispose();
                }
            }
        }

        private static async Task<IReadOnlyList<HealthCheckResult>> RunInlineAsync<TFacts>(
            TFacts facts,
            IReadOnlyList<HealthCheck<TFacts>> checks,
            CheckContext context,
            CancellationToken cancellationToken)
        {
            var results = new List<HealthCheckResult>();
            foreach (var check in checks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    results.AddRange(await check.EvaluateAsync(facts, context, cancellationToken).ConfigureAwait(false) ?? Array.Empty<HealthCheckResult>());
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
                {
                    results.Add(ErrorResult(check, context, $"Check '{check.Id}' failed: {ex.GetBaseException().Message}"));
                }
            }

            return results;
        }

        private static HealthCheckResult ErrorResult<TFacts>(HealthCheck<TFacts> check, CheckContext context, string message) =>
            new ResultBuilder(check.Id, check.Cause, context).Result(CheckStatus.Error, message, remediation: "Run again with -Verbose; if it persists, report the check id and message.");
    }
}
