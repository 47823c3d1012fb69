using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>
    /// A scripted loopback HTTP server for edge cases the simulator does not model (foreign links, echoed secrets,
    /// stalls): the handler gets each request and its number; every request is recorded.
    /// </summary>
    internal sealed class LoopbackStub : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _count;

        private LoopbackStub(WebApplication app)
        {
            _app = app;
        }

        public Uri BaseUri { get; private set; } = new Uri("http://127.0.0.1/");

        public ConcurrentQueue<(string Method, string PathAndQuery, string Authorization, DateTimeOffset At)> Requests { get; } = new ConcurrentQueue<(string, string, string, DateTimeOffset)>();

        public static async Task<LoopbackStub> StartAsync(Func<HttpContext, int, Task> handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var stub = new LoopbackStub(app);
            app.Run(context =>
            {
                var n = Interlocked.Increment(ref stub._count);
                stub.Requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
                return handler(context, n);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            stub.BaseUri = new Uri(address.TrimEnd('/') + "/");
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
