using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// The access token an <see cref="ArmClient"/> sends: asked of the provider once and shared by every parallel request
    /// until it is within the refresh margin of expiry (or the service refused it), each new value registered with the
    /// client's redactor before it is used.
    /// </summary>
    internal sealed class ArmTokenCache : IDisposable
    {
        private readonly IAccessTokenProvider _provider;
        private readonly ArmClientOptions _options;
        private readonly SecretRedactor _redactor;
        private readonly Action<string> _log;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private ArmAccessToken? _token;

        public ArmTokenCache(IAccessTokenProvider provider, ArmClientOptions options, SecretRedactor redactor, Action<string> log)
        {
            _provider = provider ?? throw new ArgumentNullException(nameof(provider));
            _options = options;
            _redactor = redactor;
            _log = log;
        }

        /// <summary>The current token, or a fresh one when it is missing or about to expire.</summary>
        public async Task<ArmAccessToken> GetAsync(string authority, CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref _token);
            if (IsFresh(current))
            {
                return current!;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = _token;
                if (IsFresh(current))
                {
                    return current!;
                }

                var fresh = await _provider.GetTokenAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The access token provider returned no token.");
                _redactor.AddKnownSecret(fresh.Value);
                Volatile.Write(ref _token, fresh);
                _log($"Access token obtained for {authority}; {fresh}.");
                return fresh;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Forgets <paramref name="refused"/> (the service said 401), unless another request already replaced it.</summary>
        public void Invalidate(ArmAccessToken refused) => Interlocked.CompareExchange(ref _token, null, refused);

        public void Dispose() => _gate.Dispose();

        private bool IsFresh(ArmAccessToken? token) => token != null && token.ExpiresOn - _options.TokenRefreshMargin > _options.Clock();
    }
}
