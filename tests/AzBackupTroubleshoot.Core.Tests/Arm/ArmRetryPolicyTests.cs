using System.Net;
using System.Net.Http.Headers;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ArmRetryPolicyTests
    {
        [Theory]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(404, false)]
        [InlineData(409, false)]
        [InlineData(501, false)]
        public void TransientStatusCodes(int status, bool transient) =>
            Assert.Equal(transient, ArmRetryPolicy.IsTransient((HttpStatusCode)status));

        [Fact]
        public void BackoffGrowsExponentiallyWithJitterAndIsCapped()
        {
            var policy = new ArmRetryPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), seed: 3);
            for (var retry = 0; retry < 8; retry++)
            {
                var ceiling = Math.Min(8.0, Math.Pow(2, retry));
                for (var sample = 0; sample < 50; sample++)
                {
                    var delay = policy.GetDelay(retry, null).TotalSeconds;
                    Assert.InRange(delay, (ceiling / 2) - 1e-6, ceiling + 1e-6);
                }
            }
        }

        [Fact]
        public void JitterSpreadsTheDelays()
        {
            var policy = new ArmRetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), seed: 11);
            var a = policy.GetDelay(3, null);
            var b = policy.GetDelay(3, null);
            Assert.NotEqual(a, b);
        }

        [Fact]
        public void RetryAfterIsNeverShortened()
        {
            var policy = new ArmRetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), seed: 5);
            for (var i = 0; i < 100; i++)
            {
                var delay = policy.GetDelay(0, TimeSpan.FromSeconds(17));
                Assert.InRange(delay.TotalSeconds, 17, 18);
            }

            // Longer than the backoff cap: still honoured.
            Assert.True(policy.GetDelay(0, TimeSpan.FromSeconds(1200)) >= TimeSpan.FromSeconds(1200));
        }

        [Fact]
        public void ParsesRetryAfterSecondsAndDates()
        {
            var now = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(120), ArmRetryPolicy.ParseRetryAfter("120", now));
            Assert.Equal(TimeSpan.FromSeconds(30), ArmRetryPolicy.ParseRetryAfter("Thu, 01 May 2025 12:00:30 GMT", now));
            Assert.Equal(TimeSpan.Zero, ArmRetryPolicy.ParseRetryAfter("Thu, 01 May 2025 11:00:00 GMT", now));
            Assert.Null(ArmRetryPolicy.ParseRetryAfter("soon", now));
            Assert.Null(ArmRetryPolicy.ParseRetryAfter((string?)null, now));
            Assert.Equal(TimeSpan.FromSeconds(7), ArmRetryPolicy.ParseRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
            Assert.Equal(TimeSpan.FromSeconds(90), ArmRetryPolicy.ParseRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(90)), now));
        }
    }
}
