namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Gives a bearer token for the Resource Manager endpoint the client talks to. The cmdlet layer implements it with
    /// Az.Accounts at run time (Get-AzAccessToken); tests give a fixed token. The ARM client caches the token and asks
    /// again shortly before <see cref="ArmAccessToken.ExpiresOn"/>, or once after a 401.
    /// </summary>
    public interface IAccessTokenProvider
    {
        /// <summary>Returns a fresh token.</summary>
        Task<ArmAccessToken> GetTokenAsync(CancellationToken cancellationToken);
    }
}
