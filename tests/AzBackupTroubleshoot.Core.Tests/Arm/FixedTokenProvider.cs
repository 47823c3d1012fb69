using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>A token provider stand-in: hands out the given tokens in turn (the last one again when they run out).</summary>
    internal sealed class FixedTokenProvider : IAccessTokenProvider
    {
        private readonly Queue<ArmAccessToken> _tokens;
        private ArmAccessToken _last;
        private int _calls;

        public FixedTokenProvider(params ArmAccessToken[] tokens)
        {
            _tokens = new Queue<ArmAccessToken>(tokens);
            _last = tokens[0];
        }

        public FixedTokenProvider(string token)
            : this(new ArmAccessToken(token, DateTimeOffset.UtcNow.AddHours(1)))
        {
        }

        public int Calls => Volatile.Read(ref _calls);

        public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            lock (_tokens)
            {
                if (_tokens.Count > 0)
                {
                    _last = _tokens.Dequeue();
                }

                return Task.FromResult(_last);
            }
        }
    }
}
