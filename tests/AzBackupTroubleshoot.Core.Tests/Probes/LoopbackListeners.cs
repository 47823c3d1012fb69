using System.Net;
using System.Net.Sockets;

namespace AzBackupTroubleshoot.Core.Tests.Probes
{
    /// <summary>Listeners on 127.0.0.1 only: open, closed, never-accepting (full backlog), and a tiny HTTP responder.</summary>
    public sealed class LoopbackListeners : IDisposable
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>A port where the kernel completes connections (nothing needs to call accept).</summary>
        public int Open()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _owned.Add(new Disposer(listener.Stop));
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>A port nothing listens on: connections are refused at once.</summary>
        public static int Closed()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        /// <summary>
        /// A listener that never accepts and whose accept queue is full: Linux drops further SYNs, so a connect hangs until
        /// the caller gives up, like a filtered port. The queue is filled here with connections that stay open.
        /// </summary>
        public int Blocked()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(0);
            _owned.Add(socket);
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            for (var i = 0; i < 64; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                var connect = client.ConnectAsync(IPAddress.Loopback, port);
                if (!connect.Wait(TimeSpan.FromMilliseconds(300)))
                {
                    client.Dispose();
                    return port; // the queue is full: this SYN was dropped
                }

                _owned.Add(client);
            }

            throw new InvalidOperationException("The accept queue never filled up.");
        }

        /// <summary>An HTTP server that answers every request with <paramref name="statusLine"/>.</summary>
        public int Http(string statusLine)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _owned.Add(new Disposer(listener.Stop));
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync(_stop.Token);
                    }
                    catch (Exception)
                    {
                        return;
                    }

                    using (client)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        var request = new StringBuilder();
                        while (!request.ToString().Contains("\r\n\r\n"))
                        {
                            var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                            if (read == 0)
                            {
                                break;
                            }

                            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        }

                        LastRequest = request.ToString();
                        var response = Encoding.ASCII.GetBytes(statusLine + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(response, 0, response.Length);
                    }
                }
            });
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The last request the HTTP server read.</summary>
        public string? LastRequest { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var item in _owned)
            {
                item.Dispose();
            }
        }

        private sealed class Disposer : IDisposable
        {
            private readonly Action _action;

            public Disposer(Action action) => _action = action;

            public void Dispose() => _action();
        }
    }
}
