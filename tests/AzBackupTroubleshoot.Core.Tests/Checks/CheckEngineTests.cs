using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Tests.Checks
{
    public class CheckEngineTests
    {
        private static readonly CheckContext Context = new CheckContext("vm1");

        private static HealthCheck<int> Sleepy(string id, int milliseconds, CheckStatus status = CheckStatus.Passed) =>
            HealthCheck<int>.CreateAsync(id, Cause.AgentNotResponsive, id, async (facts, ctx, token) =>
            {
                await Task.Delay(milliseconds, token);
                return new[] { new HealthCheckResult(ctx.Target, id, Cause.AgentNotResponsive, status, $"slept {milliseconds}") };
            });

        [Fact]
        public async Task Results_come_in_check_order_whatever_order_checks_finish_in()
        {
            var checks = new[] { Sleepy("a", 300), Sleepy("b", 10), Sleepy("c", 150) };
            var results = await new CheckEngine().RunAsync(0, checks, Context);
            Assert.Equal(new[] { "a", "b", "c" }, results.Select(r => r.CheckId));
        }

        [Fact]
        public async Task Checks_run_concurrently()
        {
            // Each check waits until all eight have started: run one after the other, none would see the others.
            using var started = new CountdownEvent(8);
            var checks = Enumerable.Range(0, 8).Select(i => HealthCheck<int>.Create("c" + i, Cause.AgentNotResponsive, "waits for the others", (f, ctx) =>
            {
                started.Signal();
                var together = started.Wait(TimeSpan.FromSeconds(20));
                return new[] { new HealthCheckResult(ctx.Target, "c" + i, Cause.AgentNotResponsive, together ? CheckStatus.Passed : CheckStatus.Failed, together ? "ran with the others" : "ran alone") };
            })).ToArray();
            var results = await new CheckEngine(new CheckEngineOptions { MaxDegreeOfParallelism = 8 }).RunAsync(0, checks, Context);
            Assert.All(results, r => Assert.Equal(CheckStatus.Passed, r.Status));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_check_that_throws_becomes_one_error_result_and_the_others_still_report(bool inline)
        {
            var boom = HealthCheck<int>.Create("boom", Cause.ExtensionNotLoaded, "throws", (f, c) => throw new InvalidOperationException("disk on fire"));
            var results = await new CheckEngine(new CheckEngineOptions { EvaluateInline = inline }).RunAsync(0, new[] { Sleepy("a", 1), boom, Sleepy("z", 1) }, Context);
            Assert.Equal(new[] { "a", "boom", "z" }, results.Select(r => r.CheckId));
            var error = results[1];
            Assert.Equal(CheckStatus.Error, error.Status);
            Assert.Equal(Cause.ExtensionNotLoaded, error.Cause);
            Assert.Contains("boom", error.Message);
            Assert.Contains("disk on fire", error.Message);
        }

        [Fact]
        public async Task A_check_that_overruns_its_timeout_becomes_an_error_even_if_it_ignores_cancellation()
        {
            // The check blocks until the test ends: the run returning at all proves it did not wait for it.
            using var never = new ManualResetEventSlim(false);
            var stuck = HealthCheck<int>.Create("stuck", Cause.NoNetworkAccess, "blocks", (f, c) =>
            {
                never.Wait();
                return Array.Empty<HealthCheckResult>();
            });
            // 2 s, not less: the time-out applies to the 1-ms check too, which must finish within it on a loaded machine.
            var results = await new CheckEngine(new CheckEngineOptions { CheckTimeout = TimeSpan.FromSeconds(2) }).RunAsync(0, new[] { stuck, Sleepy("ok", 1) }, Context);
            never.Set();
            Assert.Equal(CheckStatus.Error, results[0].Status);
            Assert.Contains("did not finish within 2 s", results[0].Message);
            Assert.True(results[1].Status == CheckStatus.Passed, results[1].Message);
        }

        [Fact]
        public async Task Cancellation_stops_the_run_even_when_checks_ignore_it()
        {
            // The stubborn check blocks until the test ends and the other waits a minute: the run ending proves it waited for neither.
            using var never = new ManualResetEventSlim(false);
            using var running = new ManualResetEventSlim(false);
            var stubborn = HealthCheck<int>.Create("stubborn", Cause.NoNetworkAccess, "ignores its token", (f, c) =>
            {
                running.Set();
                never.Wait();
                return Array.Empty<HealthCheckResult>();
            });
            using var cts = new CancellationTokenSource();
            var run = new CheckEngine(new CheckEngineOptions { CheckTimeout = TimeSpan.FromMinutes(1) }).RunAsync(0, new[] { stubborn, Sleepy("slow", 60000) }, Context, cts.Token);
            running.Wait();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            never.Set();
        }

        [Fact]
        public async Task A_check_may_report_several_results_and_facts_reach_it()
        {
            var multi = HealthCheck<IReadOnlyList<string>>.Create("multi", Cause.NoNetworkAccess, "one per port", (ports, ctx) =>
                ports.Select(p => new HealthCheckResult(ctx.Target, "multi", Cause.NoNetworkAccess, CheckStatus.Passed, p)));
            var results = await new CheckEngine().RunAsync<IReadOnlyList<string>>(new[] { "80", "443", "32526" }, new[] { multi }, Context);
            Assert.Equal(new[] { "80", "443", "32526" }, results.Select(r => r.Message));
            Assert.All(results, r => Assert.Equal("vm1", r.Target));
        }

        [Fact]
        public void A_non_positive_timeout_is_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CheckEngine(new CheckEngineOptions { CheckTimeout = TimeSpan.Zero }));
        }

        [Fact]
        public async Task Inline_checks_run_in_order_on_the_callers_thread_and_the_same_results_come_out()
        {
            var threads = new List<int>();
            HealthCheck<int> Recording(string id) => HealthCheck<int>.Create(id, Cause.NoNetworkAccess, id, (f, c) =>
            {
                lock (threads)
                {
                    threads.Add(Environment.CurrentManagedThreadId);
                }

                return new[] { new ResultBuilder(id, Cause.NoNetworkAccess, c).Result(CheckStatus.Passed, id + " ok") };
            });
            var checks = new[] { Recording("a"), Recording("b"), Recording("c") };

            var caller = Environment.CurrentManagedThreadId;
            var inline = await new CheckEngine(new CheckEngineOptions { EvaluateInline = true }).RunAsync(0, checks, Context);
            Assert.Equal(new[] { caller, caller, caller }, threads);

            threads.Clear();
            var threaded = await new CheckEngine().RunAsync(0, checks, Context);
            Assert.DoesNotContain(caller, threads);
            Assert.Equal(threaded.Select(r => (r.CheckId, r.Status, r.Message)), inline.Select(r => (r.CheckId, r.Status, r.Message)));
        }
    }
}