using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The registry settings of capture format 2: the WinHTTP proxy, SchUseStrongCrypto and the pending-restart markers.</summary>
    internal sealed class WindowsSettingsReader
    {
        private readonly CimRegistry _registry;

        public WindowsSettingsReader(CimRegistry registry)
        {
            _registry = registry;
        }

        /// <summary>The WinHttpSettings value; absent is direct access; not REG_BINARY or truncated is an <see cref="InvalidDataException"/> naming it.</summary>
        public WinHttpProxySettings ReadWinHttpProxy(CancellationToken cancellationToken)
        {
            var value = _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.WinHttpConnectionsKey, cancellationToken)?
                .FirstOrDefault(v => string.Equals(v.Name, WindowsNames.WinHttpSettingsValue, StringComparison.OrdinalIgnoreCase));
            if (value == null)
            {
                return new WinHttpProxySettings();
            }

            var name = $@"HKLM\{WindowsNames.WinHttpConnectionsKey}\{WindowsNames.WinHttpSettingsValue}";
            if (value.Type != RegistryValueType.Binary || !(value.Data is byte[] bytes))
            {
                throw new InvalidDataException($"{name} is {RegistryValue.TypeName(value.Type)}, not REG_BINARY.");
            }

            try
            {
                return WinHttpSettingsParser.Parse(bytes);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{name} ({bytes.Length} bytes): {ex.Message}", ex);
            }
        }

        /// <summary>SchUseStrongCrypto under every key of <see cref="WindowsNames.StrongCryptoKeys"/>.</summary>
        public IReadOnlyList<StrongCryptoSetting> ReadStrongCrypto(CancellationToken cancellationToken) =>
            WindowsNames.StrongCryptoKeys.Select(key =>
            {
                var values = _registry.ReadKey(RegistryHive.LocalMachine, key, cancellationToken);
                return new StrongCryptoSetting
                {
                    Key = key,
                    KeyExists = values != null,
                    Value = values?.FirstOrDefault(v => string.Equals(v.Name, WindowsNames.StrongCryptoValue, StringComparison.OrdinalIgnoreCase)),
                };
            }).ToArray();

        /// <summary>What says a restart is pending: the servicing and Windows Update keys, and file renames queued for the restart.</summary>
        public IReadOnlyList<string> ReadPendingReboot(CancellationToken cancellationToken)
        {
            var reasons = new List<string>();
            foreach (var key in new[] { WindowsNames.CbsRebootPendingKey, WindowsNames.WindowsUpdateRebootRequiredKey })
            {
                if (_registry.KeyExists(RegistryHive.LocalMachine, key, cancellationToken))
                {
                    reasons.Add($@"HKLM\{key} exists.");
                }
            }

            var renames = _registry.ReadKey(RegistryHive.LocalMachine, WindowsNames.SessionManagerKey, cancellationToken)?
                .FirstOrDefault(v => string.Equals(v.Name, WindowsNames.PendingFileRenameValue, StringComparison.OrdinalIgnoreCase));
            var files = renames?.Data is IEnumerable<string> list ? list.Where(f => f.Trim().Length > 0).ToArray() : Array.Empty<string>();
            if (files.Length > 0)
            {
                reasons.Add($@"HKLM\{WindowsNames.SessionManagerKey} {WindowsNames.PendingFileRenameValue} holds {files.Length} entr{(files.Length == 1 ? "y" : "ies")}, first '{files[0]}'.");
            }

            return reasons;
        }
    }
}
