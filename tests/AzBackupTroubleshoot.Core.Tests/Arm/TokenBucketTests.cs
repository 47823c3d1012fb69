using System.Diagnostics;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class TokenBucketTests
    {
        private double _now;

        [Fact]
        public void StartsFullAndEmptiesAfterCapacityTakes()
        {
            var bucket = new TokenBucket(250, 25, () => _now);
            for (var i = 0; i < 250; i++)
            {
                Assert.True(bucket.TryTake(), $"take {i}");
            }

            Assert.False(bucket.TryTake());
        }

        [Fact]
        public void RefillsAtTheRateUpToCapacity()
        {
            var bucket = new TokenBucket(250, 25, () => _now);
            for (var i = 0; i < 250; i++)
            {
                bucket.TryTake();
            }

            _now += 1.0;
            Assert.Equal(25, bucket.Available, 6);
            _now += 100;
            Assert.Equal(250, bucket.Available, 6);
        }

        [Fact]
        public void ObserveLowersButNeverRaises()
        {
            var bucket = new TokenBucket(200, 10, () => _now);
            bucket.Observe(3);
            Assert.Equal(3, bucket.Available, 6);
            bucket.Observe(150);
            Assert.Equal(3, bucket.Available, 6);
            bucket.Observe(-5);
            Assert.Equal(0, bucket.Available, 6);
        }

        [Fact]
        public async Task TakeAsyncWaitsForTheRefill()
        {
            // The watch starts before the bucket exists, so the bound holds however late any step runs: one token at once,
            // two more at 20/s cannot come sooner than 100 ms (a lower bound only; load can only make it later).
            var watch = Stopwatch.StartNew();
            var bucket = new TokenBucket(1, 20);
            await bucket.TakeAsync(CancellationToken.None);
            await bucket.TakeAsync(CancellationToken.None);
            await bucket.TakeAsync(CancellationToken.None);

            Assert.True(watch.Elapsed.TotalMilliseconds >= 99, $"took {watch.Elapsed.TotalMilliseconds} ms");
        }

        [Fact]
        public async Task TakeAsyncObservesCancellation()
        {
            // The next token is 100 s away: ending in under half of that shows the cancellation ended the wait.
            var bucket = new TokenBucket(1, 0.01);
            bucket.TryTake();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.TakeAsync(cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"took {watch.Elapsed}");
        }

        [Fact]
        public void RejectsInvalidSettings()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 0));
        }
    }
}
