using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ArmClientTests
    {
        private const string Secret = "AZBT-SECRET-TOKEN-5f1c9e27";
        private const string Sub = "00000000-0000-0000-0000-0000000000c3";

        private static ArmClientOptions StubOptions(LoopbackStub stub, ConcurrentQueue<string>? log = null) => new ArmClientOptions(stub.BaseUri)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            DefaultPollInterval = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(10),
            Log = log is null ? null : log.Enqueue,
        };

        private const string VmPath = "/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

        private static Task Json(HttpContext context, int status, string body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        }

        [Theory]
        [InlineData("http://management.azure.com/")]
        [InlineData("http://10.0.0.4:8080/")]
        [InlineData("ftp://127.0.0.1/")]
        public void RefusesEndpointsThatAreNeitherHttpsNorLoopback(string url)
        {
            var ex = Assert.Throws<ArmRequestException>(() => new ArmClient(new ArmClientOptions(new Uri(url)), new FixedTokenProvider(Secret)));
            Assert.Equal("InsecureEndpoint", ex.ErrorCode);
            Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AcceptsHttpsAndLoopbackEndpoints()
        {
            using var cloud = new ArmClient(new ArmClientOptions(new Uri("https://management.usgovcloudapi.net/")), new FixedTokenProvider(Secret));
            using var local = new ArmClient(new ArmClientOptions(new Uri("http://[::1]:5000/")), new FixedTokenProvider(Secret));
            Assert.Equal("management.usgovcloudapi.net", cloud.Endpoint.Host);
            Assert.Equal(0, cloud.RequestsSent);
        }

        [Fact]
        public async Task SendsTheTokenAndThePinnedApiVersion()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Vms = { new SimVm("vm1") } });
            using var client = SimulatorClients.Create(sim);
            var view = await client.GetAsync($"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/vm1/instanceView", null, CancellationToken.None);

            Assert.Equal("vm1", view.GetProperty("computerName").GetString());
            var request = Assert.Single(sim.Requests);
            Assert.Equal("?api-version=" + ArmApiVersions.Compute, request.Query);
            Assert.Equal(200, request.Status);
        }

        [Fact]
        public async Task ListFollowsNextLinkAcrossPages()
        {
            var options = new SimulatorOptions { PageSize = 100 };
            for (var i = 0; i < 250; i++)
            {
                options.Vms.Add(new SimVm($"vm{i:D3}"));
            }

            await using var sim = await ArmSimulatorServer.StartAsync(options);
            using var client = SimulatorClients.Create(sim);
            var pages = new List<int>();
            var total = await client.ListAsync($"/subscriptions/{sim.Options.SubscriptionId}/providers/Microsoft.Compute/virtualMachines", null, page =>
            {
                pages.Add(page.Count);
                return Task.CompletedTask;
            }, CancellationToken.None);

            Assert.Equal(250, total);
            Assert.Equal(new[] { 100, 100, 50 }, pages);
            Assert.Equal(3, sim.Requests.Count);
        }

        [Fact]
        public async Task RetriesA429NoEarlierThanItsRetryAfterInSeconds()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                if (n == 1)
                {
                    context.Response.Headers.RetryAfter = "1";
                    return Json(context, 429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
                }

                return Json(context, 200, "{\"ok\":true}");
            });
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            var result = await client.GetAsync(VmPath, null, CancellationToken.None);

            Assert.True(result.GetProperty("ok").GetBoolean());
            var times = stub.Requests.Select(r => r.At).ToList();
            Assert.Equal(2, times.Count);
            Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"retried after {(times[1] - times[0]).TotalMilliseconds} ms");
        }

        [Fact]
        public async Task RetriesNoEarlierThanARetryAfterDate()
        {
            DateTimeOffset notBefore = default;
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                if (n == 1)
                {
                    var now = DateTimeOffset.UtcNow;
                    notBefore = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(2);
                    context.Response.Headers.RetryAfter = notBefore.ToString("r", CultureInfo.InvariantCulture);
                    return Json(context, 503, "{}");
                }

                return Json(context, 200, "{}");
            });
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            await client.GetAsync(VmPath, null, CancellationToken.None);

            var second = stub.Requests.Skip(1).Single().At;
            Assert.True(second >= notBefore, $"second request at {second:O}, allowed from {notBefore:O}");
        }

        [Fact]
        public async Task RetriesServerErrorsAndDroppedConnections()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                switch (n)
                {
                    case 1:
                        return Json(context, 502, "{}");
                    case 2:
                        context.Abort();
                        return Task.CompletedTask;
                    case 3:
                        return Json(context, 504, "{}");
                    default:
                        return Json(context, 200, "{\"n\":" + n.ToString(CultureInfo.InvariantCulture) + "}");
                }
            });
            var log = new ConcurrentQueue<string>();
            using var client = new ArmClient(StubOptions(stub, log), new FixedTokenProvider(Secret));
            var result = await client.GetAsync(VmPath, null, CancellationToken.None);

            Assert.Equal(4, result.GetProperty("n").GetInt32());
            Assert.Equal(4, client.RequestsSent);
            Assert.Contains(log, l => l.Contains("retry 2 of", StringComparison.Ordinal));
        }

        [Fact]
        public async Task GivesUpAfterTheLastRetryWithTheArmError()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 500, "{\"error\":{\"code\":\"InternalError\",\"message\":\"broken\"}}"));
            var options = StubOptions(stub);
            options.MaxRetries = 3;
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(VmPath, null, CancellationToken.None));

            Assert.Equal("InternalError", ex.ErrorCode);
            Assert.Equal(4, ex.Attempts);
            Assert.Equal(4, stub.Requests.Count);
            Assert.Contains("GET " + VmPath, ex.Message, StringComparison.Ordinal);
            Assert.Contains("broken", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task DoesNotRetryClientErrors()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"no vm1\"}}"));
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(VmPath, null, CancellationToken.None));

            Assert.True(ex.IsNotFound);
            Assert.Equal("ResourceNotFound", ex.ErrorCode);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public async Task TimesOutEachRequestAndRetries()
        {
            await using var stub = await LoopbackStub.StartAsync(async (context, n) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            });
            var options = StubOptions(stub);
            options.RequestTimeout = TimeSpan.FromMilliseconds(200);
            options.MaxRetries = 1;
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(VmPath, null, CancellationToken.None));

            Assert.Equal("RequestTimeout", ex.ErrorCode);
            Assert.Equal(2, ex.Attempts);

            // The stub answers after 30 s; both attempts ended by the 200 ms time-out, or the error would not be RequestTimeout.
            Assert.Equal(2, stub.Requests.Count);
        }

        [Fact]
        public async Task CancellationStopsARequestAndARetryWaitPromptly()
        {
            await using var stub = await LoopbackStub.StartAsync(async (context, n) =>
            {
                if (n == 1)
                {
                    context.Response.Headers.RetryAfter = "60";
                    await Json(context, 429, "{}");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            });
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));

            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                var watch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(VmPath, null, cts.Token));
                // Retry-After asked for 60 s: ending in under half of it shows the cancellation ended the wait.
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"waiting for Retry-After took {watch.Elapsed}");
                Assert.Single(stub.Requests);
            }

            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                var watch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(VmPath, null, cts.Token));
                // The stub stalls for 30 s: ending in under half of it shows the cancellation ended the request.
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"a stalled request took {watch.Elapsed}");
            }
        }

        [Fact]
        public async Task RefreshesTheTokenBeforeItExpires()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 200, "{}"));
            var soon = new ArmAccessToken("token-one", DateTimeOffset.UtcNow.AddMinutes(3));
            var later = new ArmAccessToken("token-two", DateTimeOffset.UtcNow.AddHours(1));
            var provider = new FixedTokenProvider(soon, later);
            using var client = new ArmClient(StubOptions(stub), provider);

            await client.GetAsync(VmPath, null, CancellationToken.None);
            await client.GetAsync(VmPath, null, CancellationToken.None);
            await client.GetAsync(VmPath, null, CancellationToken.None);

            Assert.Equal(new[] { "Bearer token-one", "Bearer token-two", "Bearer token-two" }, stub.Requests.Select(r => r.Authorization));
            Assert.Equal(2, provider.Calls);
        }

        [Fact]
        public async Task A401GetsOneFreshToken()
        {
            await using var sim = await ArmSimulatorServer.StartAsync(new SimulatorOptions { Token = "good", Vms = { new SimVm("vm1") } });
            var provider = new FixedTokenProvider(new ArmAccessToken("revoked", DateTimeOffset.UtcNow.AddHours(1)), new ArmAccessToken("good", DateTimeOffset.UtcNow.AddHours(1)));
            using var client = new ArmClient(SimulatorClients.Options(sim), provider);
            await client.GetAsync($"/subscriptions/{sim.Options.SubscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachines/vm1", null, CancellationToken.None);

            Assert.Equal(new[] { 401, 200 }, sim.Requests.Select(r => r.Status));
            Assert.Equal(2, provider.Calls);
        }

        [Fact]
        public async Task RefusesToFollowLinksToAnotherHost()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
                Json(context, 200, "{\"value\":[{\"id\":\"a\"}],\"nextLink\":\"https://evil.example/subscriptions/" + Sub + "/next\"}"));
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync("/subscriptions/" + Sub + "/providers/Microsoft.Compute/virtualMachines", null, _ => Task.CompletedTask, CancellationToken.None));

            Assert.Equal("ForeignEndpoint", ex.ErrorCode);
            Assert.Contains("evil.example", ex.Message, StringComparison.Ordinal);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public async Task ParallelCallersShareOneTokenBucket()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 200, "{}"));
            var options = StubOptions(stub);
            options.RateLimits.Reads = new ArmRateLimit(5, 10);
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => client.GetAsync(VmPath, null, CancellationToken.None)));

            // 5 at once, then 20 more at 10 per second: the bucket cannot hand out the 25th token before 2 s (a lower bound;
            // the server's arrival times are not compared, as load delays them unevenly).
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.95), $"25 reads took {watch.Elapsed}");
            Assert.Equal(25, stub.Requests.Count);
        }

        [Fact]
        public async Task SlowsDownWhenTheServerReportsFewRemainingReads()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                context.Response.Headers["x-ms-ratelimit-remaining-subscription-reads"] = n == 1 ? "0" : "100";
                return Json(context, 200, "{}");
            });
            var options = StubOptions(stub);
            options.RateLimits.Reads = new ArmRateLimit(100, 5);
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));
            await client.GetAsync(VmPath, null, CancellationToken.None);
            await client.GetAsync(VmPath, null, CancellationToken.None);

            var times = stub.Requests.Select(r => r.At).ToList();
            Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(180), $"gap {(times[1] - times[0]).TotalMilliseconds} ms");
        }

        [Fact]
        public async Task PostsAreRetriedOnlyWhenThrottled()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"later\"}}"));
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.PostAsync(VmPath + "/restart", "{}", false, CancellationToken.None));

            Assert.Equal("ServiceUnavailable", ex.ErrorCode);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public async Task PollsAnAsyncOperationToItsEnd()
        {
            string? monitor = null;
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                if (n == 1)
                {
                    monitor = new Uri(new Uri(context.Request.Scheme + "://" + context.Request.Host), "/subscriptions/" + Sub + "/providers/Microsoft.Compute/locations/westus/operations/op1?api-version=2025-04-01").AbsoluteUri;
                    context.Response.Headers["Azure-AsyncOperation"] = monitor;
                    context.Response.Headers.RetryAfter = "1";
                    context.Response.StatusCode = 202;
                    return Task.CompletedTask;
                }

                return n < 3
                    ? Json(context, 200, "{\"status\":\"InProgress\"}")
                    : Json(context, 200, "{\"status\":\"Failed\",\"error\":{\"code\":\"VMExtensionProvisioningError\",\"message\":\"stuck\"}}");
            });
            using var client = new ArmClient(StubOptions(stub), new FixedTokenProvider(Secret));
            var result = await client.DeleteAsync(VmPath + "/extensions/VMSnapshot", true, CancellationToken.None);

            Assert.Equal(ArmOperationStatus.Failed, result.Status);
            Assert.Equal("VMExtensionProvisioningError", result.ErrorCode);
            Assert.Equal(2, result.Polls);
            var times = stub.Requests.Select(r => r.At).ToList();
            Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"the first poll came {(times[1] - times[0]).TotalMilliseconds} ms after the 202 ({string.Join(", ", stub.Requests.Select(r => r.Method + " " + r.PathAndQuery))})");
        }

        [Fact]
        public async Task TheTokenNeverAppearsInMessagesLogsOrText()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                // A hostile or buggy server that echoes the Authorization header into its error text.
                var echoed = context.Request.Headers.Authorization.ToString();
                return n % 2 == 1
                    ? Json(context, 400, JsonSerializer.Serialize(new { error = new { code = "BadRequest", message = "You sent " + echoed } }))
                    : Json(context, 200, JsonSerializer.Serialize(new { value = new[] { new { id = echoed } } }));
            });
            var log = new ConcurrentQueue<string>();
            var token = new ArmAccessToken(Secret, DateTimeOffset.UtcNow.AddHours(1));
            using var client = new ArmClient(StubOptions(stub, log), new FixedTokenProvider(token));
            var texts = new List<string> { token.ToString() };

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(VmPath, null, CancellationToken.None));
            texts.Add(ex.Message);
            texts.Add(ex.ToString());
            var items = new List<string>();
            await client.ListAsync("/subscriptions/" + Sub + "/providers/Microsoft.Compute/virtualMachines", null, page =>
            {
                items.AddRange(page.Select(p => p.GetRawText()));
                return Task.CompletedTask;
            }, CancellationToken.None);
            texts.AddRange(items);
            texts.AddRange(log);

            Assert.Contains(texts, t => t.Contains("***", StringComparison.Ordinal));
            Assert.All(texts, t => Assert.DoesNotContain(Secret, t, StringComparison.Ordinal));
            Assert.All(stub.Requests, r => Assert.Equal("Bearer " + Secret, r.Authorization));
        }
    }
}
