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
        /// <exception cref="ArgumentException">
        /// The token is empty, or is not an RFC 6750 <c>b64token</c> (letters, digits, <c>-._~+/</c>, then any <c>=</c>):
        /// a line break or other control character would otherwise be written into the Authorization header. The message
        /// names the position and kind of the first bad character, never the token.
        /// </exception>
        public ArmAccessToken(string token, DateTimeOffset expiresOn)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            var bad = FirstInvalidCharacter(token);
            if (bad >= 0)
            {
                var c = token[bad];
                var kind = c == '\r' || c == '\n' ? "a line break" : char.IsControl(c) ? "a control character" : char.IsWhiteSpace(c) ? "white space" : c > 0x7E ? "a non-ASCII character" : "a character";
                throw new ArgumentException(
                    $"The access token is not a valid bearer token: character {(bad + 1).ToString(CultureInfo.InvariantCulture)} of {token.Length.ToString(CultureInfo.InvariantCulture)} is {kind} (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}); RFC 6750 allows only letters, digits and -._~+/ followed by '='. The token is not sent.",
                    nameof(token));
            }

            Value = token;
            ExpiresOn = expiresOn;
        }

        /// <summary>When the token expires.</summary>
        public DateTimeOffset ExpiresOn { get; }

        /// <summary>The token text. Internal on purpose: it goes into the Authorization header and nowhere else.</summary>
        internal string Value { get; }

        /// <summary>The index of the first character that cannot stand in an RFC 6750 <c>b64token</c>, or -1.</summary>
        internal static int FirstInvalidCharacter(string token)
        {
            var padding = false;
            for (var i = 0; i < token.Length; i++)
            {
                var c = token[i];
                if (c == '=')
                {
                    padding = true;
                    continue;
                }

                var allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
                if (!allowed || padding)
                {
                    return i;
                }
            }

            return 0 < token.Length && token[0] == '=' ? 0 : -1;
        }

        /// <summary>Describes the token without its text.</summary>
        public override string ToString() =>
            "ArmAccessToken (expires " + ExpiresOn.ToString("u", CultureInfo.InvariantCulture) + ")";
    }
}
