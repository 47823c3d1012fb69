namespace AzBackupTroubleshoot.Core.Redaction
{
    /// <summary>The kinds of secret the redactor removes (the names are the keys of a bundle's redaction counts).</summary>
    public enum SecretKind
    {
        /// <summary>
        /// The signature of a shared access signature: <c>sig=</c> in a URL, URL-encoded (<c>%26sig%3D</c>, double-encoded)
        /// or JSON-escaped (<c>\u0026sig=</c>), the whole value of <c>SharedAccessSignature=</c>, and <c>sasToken</c> properties.
        /// </summary>
        SasSignature,

        /// <summary>The value of a <c>protectedSettings</c> property (encrypted extension settings), in any quoting.</summary>
        ProtectedSettings,

        /// <summary>A password: ovf-env.xml's <c>UserPassword</c>, or a property whose name ends in <c>password</c>.</summary>
        Password,

        /// <summary>Custom data in ovf-env.xml (<c>CustomData</c>), which often carries secrets.</summary>
        CustomData,

        /// <summary>A password or pre-shared key in a network configuration (<c>psk=</c>, <c>password:</c>, inline <c>{password: ...}</c>).</summary>
        NetworkSecret,

        /// <summary>User name and password embedded in a URL (<c>http://user:pass@host</c>).</summary>
        UrlCredentials,

        /// <summary>A storage or Service Bus key: <c>AccountKey=</c>, <c>SharedAccessKey=</c>, <c>accountKey</c> properties.</summary>
        AccountKey,

        /// <summary>
        /// An access token: the credential of an <c>Authorization</c> header, a <c>Bearer</c> token, a JSON web token, an
        /// <c>access_token</c>/<c>refresh_token</c>/<c>client_secret</c> property, or a token the caller registered.
        /// </summary>
        AccessToken,
    }
}
