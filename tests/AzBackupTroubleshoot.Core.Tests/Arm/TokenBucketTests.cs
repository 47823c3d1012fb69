using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
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
            var bucket = new TokenBucket(1, 20);
            await bucket.TakeAsync(CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await bucket.TakeAsync(CancellationToken.None);
            await bucket.TakeAsync(CancellationToken.None);

            // Two more tokens at 20/s take about 100 ms.
            Assert.InRange(watch.ElapsedMilliseconds, 85, 1000);
        }

        [Fact]
        public async Task TakeAsyncObservesCancellation()
        {
            var bucket = new TokenBucket(1, 0.01);
            bucket.TryTake();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.TakeAsync(cts.Token));
            Assert.True(watch.ElapsedMilliseconds < 2000);
        }

        [Fact]
        public void RejectsInvalidSettings()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 0));
        }
    }
}
