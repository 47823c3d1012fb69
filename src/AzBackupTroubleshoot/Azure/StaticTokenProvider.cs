using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>One token, as it is: for the single tenant read that runs before any other request.</summary>
    internal sealed class StaticTokenProvider : IAccessTokenProvider
    {
        private readonly ArmAccessToken _token;

        public StaticTokenProvider(ArmAccessToken token) => _token = token;

        public Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(_token);
    }
}
