using System.Diagnostics;
using AzBackupTroubleshoot.Core.Arm;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>
    /// Hostile input against the ARM client, on a scripted loopback server: ids that would redirect a request, a
    /// day-long Retry-After, endless or looping nextLinks, links to another scheme, a token with a line break.
    /// </summary>
    [Trait("Category", "Hostile input")]
    public class ArmClientHostileInputTests
    {
        private const string Secret = "AZBT-SECRET-TOKEN-77a01c";
        private const string Sub = "00000000-0000-0000-0000-0000000000e5";
        private const string Vms = "/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines";

        private static ArmClientOptions Options(LoopbackStub stub) => new ArmClientOptions(stub.BaseUri)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            DefaultPollInterval = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };

        private static Task Json(HttpContext context, int status, string body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        }

        [Theory]
        [InlineData(Vms + "/vm?api-version=2025-04-01&x=")]
        [InlineData(Vms + "/vm#x")]
        [InlineData(Vms + "/..")]
        [InlineData(Vms + "/vm%2F..%2F..")]
        [InlineData(Vms + "/vm\\..\\x")]
        public async Task AHostileIdSendsNoRequestAtAll(string vm)
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 200, "{}"));
            using var client = new ArmClient(Options(stub), new FixedTokenProvider(Secret));

            var delete = await Assert.ThrowsAsync<ArmRequestException>(() => client.DeleteAsync(vm + "/extensions/VMSnapshot", true, CancellationToken.None));
            var get = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(vm, null, CancellationToken.None));
            var post = await Assert.ThrowsAsync<ArmRequestException>(() => client.PostAsync(vm + "/backup", "{}", false, CancellationToken.None));
            var list = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync(vm + "/extensions", null, _ => Task.CompletedTask, CancellationToken.None));

            Assert.All(new[] { delete, get, post, list }, ex => Assert.Equal("InvalidResourceId", ex.ErrorCode));
            Assert.Empty(stub.Requests);
            Assert.Equal(0, client.RequestsSent);
        }

        [Fact]
        public async Task ADayLongRetryAfterEndsThatRequestAtOnceWithItsOwnError()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                context.Response.Headers.RetryAfter = "86400";
                return Json(context, 429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"come back tomorrow\"}}");
            });
            using var client = new ArmClient(Options(stub), new FixedTokenProvider(Secret));
            var watch = Stopwatch.StartNew();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(Vms + "/vm1", null, cancel.Token));

            Assert.Equal("RetryAfterTooLong", ex.ErrorCode);
            Assert.Contains("86400", ex.Message, StringComparison.Ordinal);
            Assert.Contains("MaxRetryAfter", ex.Message, StringComparison.Ordinal);
            Assert.Single(stub.Requests);
            Assert.False(cancel.IsCancellationRequested);
        }

        [Fact]
        public async Task TheRetryAfterCapIsConfigurable()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                context.Response.Headers.RetryAfter = "2";
                return Json(context, 503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}");
            });
            var options = Options(stub);
            options.MaxRetryAfter = TimeSpan.FromSeconds(1);
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(Vms + "/vm1", null, CancellationToken.None));
            Assert.Equal("RetryAfterTooLong", ex.ErrorCode);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public async Task ADayLongRetryAfterOnAnOperationIsPolledAtTheCapInstead()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                if (n == 1)
                {
                    context.Response.Headers.Location = new Uri(new Uri(context.Request.Scheme + "://" + context.Request.Host), "/subscriptions/" + Sub + "/providers/Microsoft.Compute/locations/westus/operations/op1?monitor=true&api-version=2025-04-01").AbsoluteUri;
                    context.Response.Headers.RetryAfter = "86400";
                    context.Response.StatusCode = 202;
                    return Task.CompletedTask;
                }

                context.Response.StatusCode = 200;
                return Task.CompletedTask;
            });
            var options = Options(stub);
            options.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));

            var result = await client.DeleteAsync(Vms + "/vm1/extensions/VMSnapshot", true, CancellationToken.None);
            Assert.Equal(ArmOperationStatus.Succeeded, result.Status);
            Assert.Equal(2, stub.Requests.Count);
        }

        [Fact]
        public async Task EndlessDistinctNextLinksStopAtThePageLimitWithAnError()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
                Json(context, 200, "{\"value\":[{\"id\":\"x\"}],\"nextLink\":\"" + Vms + "?api-version=2025-04-01&$skiptoken=" + n + "\"}"));
            var options = Options(stub);
            options.MaxPages = 5;
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));
            var items = 0;

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync(Vms, null, page => { items += page.Count; return Task.CompletedTask; }, CancellationToken.None));

            Assert.Equal("PageLimitExceeded", ex.ErrorCode);
            Assert.Contains("5 pages", ex.Message, StringComparison.Ordinal);
            Assert.Equal(5, stub.Requests.Count);
            Assert.Equal(5, items);
        }

        [Fact]
        public async Task ARepeatedNextLinkIsALoopError()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
                Json(context, 200, "{\"value\":[],\"nextLink\":\"" + Vms + "?api-version=2025-04-01&$skiptoken=" + (n % 2) + "\"}"));
            using var client = new ArmClient(Options(stub), new FixedTokenProvider(Secret));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync(Vms, null, _ => Task.CompletedTask, CancellationToken.None));
            Assert.Equal("NextLinkLoop", ex.ErrorCode);
            Assert.Equal(3, stub.Requests.Count);
        }

        [Theory]
        [InlineData("https")]
        [InlineData("ftp")]
        public async Task ANextLinkToAnotherSchemeOnTheSameHostIsRefused(string scheme)
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
                Json(context, 200, "{\"value\":[],\"nextLink\":\"" + scheme + "://" + context.Request.Host + Vms + "?$skiptoken=1\"}"));
            using var client = new ArmClient(Options(stub), new FixedTokenProvider(Secret));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync(Vms, null, _ => Task.CompletedTask, CancellationToken.None));
            Assert.Contains(ex.ErrorCode, new[] { "ForeignEndpoint", "InsecureEndpoint" });
            Assert.Single(stub.Requests);
        }

        [Theory]
        [InlineData("http://[::")]
        [InlineData("http://bad host/x")]
        public async Task AnUnreadableNextLinkIsAnInvalidResponseNotARawException(string link)
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 200, "{\"value\":[],\"nextLink\":\"" + link + "\"}"));
            using var client = new ArmClient(Options(stub), new FixedTokenProvider(Secret));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.ListAsync(Vms, null, _ => Task.CompletedTask, CancellationToken.None));
            Assert.Contains(ex.ErrorCode, new[] { "InvalidResponse", "ForeignEndpoint" });
            Assert.Single(stub.Requests);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task AnAnswerLongerThanTheCapIsNotReadNorRetried(bool declareLength)
        {
            var body = "{\"value\":[],\"pad\":\"" + new string('x', 4096) + "\"}";
            await using var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                if (declareLength)
                {
                    context.Response.ContentLength = body.Length;
                }

                return Json(context, 200, body);
            });
            var options = Options(stub);
            options.MaxResponseBytes = 1024;
            using var client = new ArmClient(options, new FixedTokenProvider(Secret));

            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => client.GetAsync(Vms + "/vm1", null, CancellationToken.None));
            Assert.Equal("ResponseTooLarge", ex.ErrorCode);
            Assert.Contains("1024 bytes", ex.Message, StringComparison.Ordinal);
            Assert.Single(stub.Requests);
        }

        [Theory]
        [InlineData("abc\r\nX-Injected: 1")]
        [InlineData("abc\ndef")]
        [InlineData("abc\u0000def")]
        [InlineData("abc def")]
        [InlineData("abcé")]
        [InlineData("abc=def")]
        public void ATokenThatIsNotABearerTokenIsRefusedWithoutShowingIt(string token)
        {
            var secret = token + "-SECRET-4411";
            var ex = Assert.Throws<ArgumentException>(() => new ArmAccessToken(secret, DateTimeOffset.UtcNow.AddHours(1)));
            Assert.DoesNotContain("SECRET-4411", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("abc", ex.Message, StringComparison.Ordinal);
            Assert.Contains("not a valid bearer token", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyJ9.c2ln")]
        [InlineData("abc-._~+/def==")]
        public void RealBearerTokensAreAccepted(string token) =>
            Assert.Equal(token, new ArmAccessToken(token, DateTimeOffset.UtcNow.AddHours(1)).Value);

        [Fact]
        public async Task AnInvalidBearerTokenFromTheProviderSendsNoRequest()
        {
            await using var stub = await LoopbackStub.StartAsync((context, n) => Json(context, 200, "{}"));
            using var client = new ArmClient(Options(stub), new ThrowingTokenProvider());

            await Assert.ThrowsAsync<ArgumentException>(() => client.GetAsync(Vms + "/vm1", null, CancellationToken.None));
            Assert.Empty(stub.Requests);
        }

        private sealed class ThrowingTokenProvider : IAccessTokenProvider
        {
            public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
                Task.FromResult(new ArmAccessToken("line\r\nbreak", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }
}
