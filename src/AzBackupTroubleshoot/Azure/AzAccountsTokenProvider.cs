using System.Net;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>
    /// Gives the ARM client tokens from Az.Accounts: the one read when the cmdlet started, then fresh ones fetched on the
    /// pipeline thread (through the queue) when the client asks again before ExpiresOn or after a 401.
    /// <para>The tenant: before the first token goes out, the subscription's tenant is read once with the context's token
    /// (GET /subscriptions/{id}). When that answers, the context's token works (the subscription is in the context's
    /// tenant, or reached through delegated access such as Azure Lighthouse, where the context's tenant is the right one)
    /// and it is kept. When Resource Manager answers 401 InvalidAuthenticationTokenTenant, the subscription is in another
    /// tenant (a guest tenant): from then on tokens are asked for in that tenant (Get-AzAccessToken -TenantId). If
    /// Az.Accounts cannot give one, every request fails with that 401, which the cmdlets report as AzTenantMismatch.</para>
    /// </summary>
    internal sealed class AzAccountsTokenProvider : IAccessTokenProvider, IDisposable
    {
        private readonly AzAccountsSession _session;
        private readonly PipelineQueue _queue;
        private readonly ArmClient? _probe;
        private readonly Action<string> _verbose;
        private readonly SemaphoreSlim _resolving = new SemaphoreSlim(1, 1);
        private ArmAccessToken? _initial;
        private string? _tenant;
        private bool _resolved;
        private ArmRequestException? _mismatch;

        /// <param name="session">The Az context.</param>
        /// <param name="queue">The queue to the pipeline thread, where Az.Accounts runs.</param>
        /// <param name="initial">The context-tenant token read when the cmdlet started.</param>
        /// <param name="probe">A client that sends the one tenant read with <paramref name="initial"/>; null to skip it (no subscription).</param>
        /// <param name="verbose">Verbose lines (posted to the pipeline thread by the caller).</param>
        public AzAccountsTokenProvider(AzAccountsSession session, PipelineQueue queue, ArmAccessToken initial, ArmClient? probe, Action<string> verbose)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _queue = queue ?? throw new ArgumentNullException(nameof(queue));
            _initial = initial;
            _probe = probe;
            _verbose = verbose ?? (_ => { });
        }

        /// <summary>The tenant tokens are asked for: null for the context's.</summary>
        public string? Tenant => _tenant;

        public async Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            await ResolveTenantAsync(cancellationToken).ConfigureAwait(false);
            if (_mismatch != null)
            {
                throw _mismatch;
            }

            var initial = Interlocked.Exchange(ref _initial, null);
            var tenant = _tenant;
            return initial != null && initial.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5)
                ? initial
                : await _queue.InvokeAsync(() => _session.GetAccessToken(tenant), cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _probe?.Dispose();
            _resolving.Dispose();
        }

        private async Task ResolveTenantAsync(CancellationToken cancellationToken)
        {
            if (_resolved || _probe is null || _session.SubscriptionId is null)
            {
                return;
            }

            await _resolving.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_resolved)
                {
                    return;
                }

                var subscription = _session.SubscriptionId;
                try
                {
                    var body = await _probe.GetAsync(SubscriptionTenant.Path(subscription), null, cancellationToken).ConfigureAwait(false);
                    var tenant = SubscriptionTenant.FromSubscription(body);
                    if (tenant != null && !SameTenant(tenant, _session.TenantId))
                    {
                        _verbose($"Subscription {subscription} is in tenant {tenant}; the context's tenant {_session.TenantId ?? "(none)"} can read it (delegated or guest access), so its tokens are used.");
                    }
                }
                catch (ArmRequestException ex) when (SubscriptionTenant.FromWrongTenantError(ex) is string other)
                {
                    _verbose($"Subscription {subscription} is in tenant {other}, not the context's tenant {_session.TenantId ?? "(none)"}: asking Az.Accounts for a token in tenant {other}.");
                    try
                    {
                        _initial = await _queue.InvokeAsync(() => _session.GetAccessToken(other), cancellationToken).ConfigureAwait(false);
                        _tenant = other;
                    }
                    catch (AzAccountsException tokenError)
                    {
                        _mismatch = new ArmRequestException(
                            SubscriptionTenant.WrongTenantErrorCode,
                            $"Subscription {subscription} is in tenant {other}, and the Az context is in tenant {_session.TenantId ?? "(none)"}: Resource Manager says the token must match the tenant '{other}', and Az.Accounts gave no token there: {tokenError.Message}",
                            HttpStatusCode.Unauthorized,
                            SubscriptionTenant.Path(subscription),
                            1,
                            tokenError);
                    }
                }
                catch (ArmRequestException ex)
                {
                    // Not a tenant answer (throttled, not found, unreachable): the requests themselves report what fails.
                    _verbose($"The tenant of subscription {subscription} could not be read ({ex.ErrorCode}); tokens are asked for in the context's tenant.");
                }

                _resolved = true;
            }
            finally
            {
                _resolving.Release();
            }
        }

        private static bool SameTenant(string a, string? b) =>
            b != null && Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
