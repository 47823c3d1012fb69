namespace AzBackupTroubleshoot.Core.Loading
{
    /// <summary>One assembly file in the module's private dependency folder, as its metadata names it.</summary>
    public sealed class PrivateDependency
    {
        /// <summary>Creates the record of one dependency file.</summary>
        /// <param name="name">The simple assembly name, for example System.Text.Json.</param>
        /// <param name="version">The assembly version in the file's metadata (not the file version).</param>
        /// <param name="publicKeyToken">The public key token as lower-case hex, or empty when the assembly is not strong-named.</param>
        /// <param name="path">The full path of the file.</param>
        public PrivateDependency(string name, Version version, string publicKeyToken, string path)
        {
            Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A dependency needs a name.", nameof(name)) : name;
            Version = version ?? throw new ArgumentNullException(nameof(version));
            PublicKeyToken = (publicKeyToken ?? string.Empty).ToLowerInvariant();
            Path = string.IsNullOrWhiteSpace(path) ? throw new ArgumentException("A dependency needs a path.", nameof(path)) : path;
        }

        /// <summary>The simple assembly name.</summary>
        public string Name { get; }

        /// <summary>The assembly version.</summary>
        public Version Version { get; }

        /// <summary>The public key token (lower-case hex), or empty.</summary>
        public string PublicKeyToken { get; }

        /// <summary>The full path of the file.</summary>
        public string Path { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name}, Version={Version}, PublicKeyToken={(PublicKeyToken.Length == 0 ? "null" : PublicKeyToken)} ({Path})";
    }
}
