using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>
    /// Gives the ARM client tokens from Az.Accounts: the one read when the cmdlet started, then fresh ones fetched on the
    /// pipeline thread (through the queue) when the client asks again before ExpiresOn or after a 401.
    /// </summary>
    internal sealed class AzAccountsTokenProvider : IAccessTokenProvider
    {
        private readonly AzAccountsSession _session;
        private readonly PipelineQueue _queue;
        private ArmAccessToken? _initial;

        public AzAccountsTokenProvider(AzAccountsSession session, PipelineQueue queue, ArmAccessToken initial)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _queue = queue ?? throw new ArgumentNullException(nameof(queue));
            _initial = initial;
        }

        public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            var initial = Interlocked.Exchange(ref _initial, null);
            return initial != null && initial.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5)
                ? Task.FromResult(initial)
                : _queue.InvokeAsync(_session.GetAccessToken, cancellationToken);
        }
    }
}
