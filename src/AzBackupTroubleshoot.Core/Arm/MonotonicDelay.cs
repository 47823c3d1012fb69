using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Waits at least the given time by a high-resolution clock. Task.Delay alone can end a few milliseconds early
    /// (timers run on a coarse tick), and a request sent even 1 ms before its Retry-After is rejected by ARM with a new,
    /// longer wait; so the remainder is waited out.
    /// </summary>
    internal static class MonotonicDelay
    {
        public static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }

            var watch = Stopwatch.StartNew();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            while (watch.Elapsed < delay)
            {
                var rest = delay - watch.Elapsed;
                await Task.Delay(rest < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : rest, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
