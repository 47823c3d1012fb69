using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>
    /// Probes endpoints over TCP (and HTTP with no proxy), all at once, each within a time-out: the whole set takes about one
    /// time-out however many endpoints are blocked. A probe that does not finish in time is abandoned and its socket closed.
    /// </summary>
    public sealed class ConnectivityProber
    {
        /// <summary>Probes every target; results come back in target order.</summary>
        /// <param name="targets">The endpoints.</param>
        /// <param name="timeout">How long one probe may take (connect, send and read together).</param>
        /// <param name="maxParallel">How many probes run at once (1 probes one after the other: the benchmark baseline).</param>
        /// <param name="cancellationToken">Stops every probe.</param>
        public async Task<IReadOnlyList<ProbeOutcome>> ProbeAsync(IReadOnlyList<ProbeTarget> targets, TimeSpan timeout, int maxParallel = int.MaxValue, CancellationToken cancellationToken = default)
        {
            if (targets is null)
            {
                throw new ArgumentNullException(nameof(targets));
            }

            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The time-out must be positive.");
            }

            using var throttle = new SemaphoreSlim(Math.Max(1, Math.Min(maxParallel, Math.Max(1, targets.Count))));
            var runs = targets.Select(async target =>
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await ProbeOneAsync(target, timeout, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    throttle.Release();
                }
            }).ToArray();
            return await Task.WhenAll(runs).ConfigureAwait(false);
        }

        /// <summary>Probes one target.</summary>
        public async Task<ProbeOutcome> ProbeOneAsync(ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (target is null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            var watch = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var socket = default(Socket);
            try
            {
                var address = await ResolveAsync(target.Host, limit.Token).ConfigureAwait(false);
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                using (limit.Token.Register(s => ((Socket)s!).Dispose(), socket))
                {
                    await socket.ConnectAsync(address, target.Port).ConfigureAwait(false);
                    if (target.Kind == ProbeKind.Tcp)
                    {
                        return new ProbeOutcome(target, true, "connected", watch.Elapsed);
                    }

                    var status = await GetStatusLineAsync(socket, target).ConfigureAwait(false);
                    var ok = status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Length >= 12 && status.Substring(9, 3) == "200";
                    return new ProbeOutcome(target, ok, status.Length == 0 ? "connected, but the connection closed without an HTTP answer" : $"answered '{status}'", watch.Elapsed);
                }
            }
            catch (Exception ex) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
                                       (ex is ObjectDisposedException || ex is SocketException || ex is OperationCanceledException || ex is System.IO.IOException))
            {
                var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                return new ProbeOutcome(target, false, $"no answer within {seconds} s (blocked or filtered)", watch.Elapsed);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                throw new OperationCanceledException("The probe was cancelled.", ex, cancellationToken);
            }
            catch (SocketException ex)
            {
                return new ProbeOutcome(target, false, Describe(ex), watch.Elapsed);
            }
            catch (System.IO.IOException ex)
            {
                return new ProbeOutcome(target, false, "the connection failed: " + ex.Message, watch.Elapsed);
            }
            finally
            {
                socket?.Dispose();
            }
        }

        private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            if (IPAddress.TryParse(host, out var literal))
            {
                return literal;
            }

            var lookup = Dns.GetHostAddressesAsync(host);
            var finished = await Task.WhenAny(lookup, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var addresses = await ((Task<IPAddress[]>)finished).ConfigureAwait(false);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        }

        private static async Task<string> GetStatusLineAsync(Socket socket, ProbeTarget target)
        {
            var request = Encoding.ASCII.GetBytes(
                $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\nUser-Agent: AzBackupTroubleshoot\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(new ArraySegment<byte>(request), SocketFlags.None).ConfigureAwait(false);
            var buffer = new byte[1024];
            var received = new StringBuilder();
            while (received.Length < 4096)
            {
                var read = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                var newline = received.ToString().IndexOf('\n');
                if (newline >= 0)
                {
                    return received.ToString(0, newline).TrimEnd('\r');
                }
            }

            return received.ToString().Trim();
        }

        private static string Describe(SocketException ex) => ex.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (nothing listens, or a firewall rejects it)",
            SocketError.HostUnreachable => "host unreachable (no route)",
            SocketError.NetworkUnreachable => "network unreachable (no route)",
            SocketError.TimedOut => "timed out",
            SocketError.ConnectionReset => "connection reset",
            SocketError.HostNotFound => "the name does not resolve",
            _ => $"failed ({ex.SocketErrorCode})",
        };
    }
}
