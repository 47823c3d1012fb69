using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>SchUseStrongCrypto under one .NET Framework key (companion article, ExtensionSnapshotFailedNoSecureNetwork).</summary>
    public sealed class StrongCryptoSetting
    {
        /// <summary>The key below HKLM, for example <c>SOFTWARE\Microsoft\.NETFramework\v4.0.30319</c>.</summary>
        public string Key { get; init; } = string.Empty;

        /// <summary>True when the key exists (the framework version is installed in that view).</summary>
        public bool KeyExists { get; init; }

        /// <summary>The SchUseStrongCrypto value, or null.</summary>
        public RegistryValue? Value { get; init; }

        /// <summary>True when the value is REG_DWORD 1, what the article sets.</summary>
        public bool IsOn => Value?.AsDWord == 1;

        /// <summary>An evidence line.</summary>
        public string Describe() => !KeyExists
            ? $@"HKLM\{Key} does not exist."
            : Value == null ? $@"HKLM\{Key} has no SchUseStrongCrypto value." : $@"HKLM\{Key} {Value}";
    }
}
