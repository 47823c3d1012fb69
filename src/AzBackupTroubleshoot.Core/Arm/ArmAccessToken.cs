using System;
using System.Globalization;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// A bearer token for Azure Resource Manager and the time it expires. The token text is readable only inside Core
    /// (the ARM client puts it in the Authorization header); <see cref="ToString"/> and every message leave it out.
    /// </summary>
    public sealed class ArmAccessToken
    {
        /// <summary>Creates a token.</summary>
        /// <param name="token">The bearer token text.</param>
        /// <param name="expiresOn">When the token expires.</param>
        public ArmAccessToken(string token, DateTimeOffset expiresOn)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            Value = token;
            ExpiresOn = expiresOn;
        }

        /// <summary>When the token expires.</summary>
        public DateTimeOffset ExpiresOn { get; }

        /// <summary>The token text. Internal on purpose: it goes into the Authorization header and nowhere else.</summary>
        internal string Value { get; }

        /// <summary>Describes the token without its text.</summary>
        public override string ToString() =>
            "ArmAccessToken (expires " + ExpiresOn.ToString("u", CultureInfo.InvariantCulture) + ")";
    }
}
