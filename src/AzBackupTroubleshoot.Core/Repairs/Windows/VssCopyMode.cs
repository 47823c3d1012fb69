using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;

namespace AzBackupTroubleshoot.Core.Repairs.Windows
{
    /// <summary>
    /// Reads and sets USEVSSCOPYBACKUP (REG_SZ <c>TRUE</c> under HKLM\SOFTWARE\Microsoft\BCDRAGENT) through CIM.
    /// Idempotent: when the value already is what is asked, nothing is written and no approval is asked.
    /// Enabling creates the key when it is missing; disabling deletes the value and leaves the key.
    /// </summary>
    public sealed class VssCopyMode
    {
        private readonly ICimGateway _gateway;
        private readonly CimRegistry _registry;

        /// <summary>Creates the setter.</summary>
        public VssCopyMode(ICimGateway gateway)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _registry = new CimRegistry(gateway);
        }

        /// <summary>The key and value, for messages: <c>HKLM\SOFTWARE\Microsoft\BCDRAGENT\USEVSSCOPYBACKUP</c>.</summary>
        public static string ValuePath => @"HKLM\" + WindowsNames.BcdrAgentKey + @"\" + WindowsNames.UseVssCopyBackupValue;

        /// <summary>True when USEVSSCOPYBACKUP is REG_SZ TRUE now (copy backups are on).</summary>
        public bool IsEnabled(CancellationToken cancellationToken) =>
            IsOn(_registry.GetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken));

        /// <summary>The action text a confirmation prompt shows.</summary>
        public static string ActionText(bool enabled) =>
            enabled ? $"Set {ValuePath} = {WindowsNames.UseVssCopyBackupData} (REG_SZ)" : $"Remove {ValuePath}";

        /// <summary>
        /// Turns VSS copy mode on or off. The result's Before is USEVSSCOPYBACKUP before the call (its data, with the type when
        /// not REG_SZ; null when there was none), After what it is now; Status is Repaired when the registry was written,
        /// AlreadyHealthy when it already was as asked, Skipped when <paramref name="approve"/> declined.
        /// </summary>
        /// <param name="enabled">The wanted state.</param>
        /// <param name="approve">Asked (target, action) right before the write; false leaves everything as it is. Null approves.</param>
        /// <param name="cancellationToken">Stops before the write.</param>
        /// <exception cref="CimGatewayException">A registry call failed.</exception>
        public RepairResult Set(bool enabled, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            var current = _registry.GetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken);
            var previous = Describe(current);
            var isOn = IsOn(current);

            // Already as asked: enabling needs REG_SZ TRUE exactly; disabling needs no value at all.
            if ((enabled && isOn) || (!enabled && current == null))
            {
                return Result(RepairStatus.AlreadyHealthy, previous, previous, $"Already {(isOn ? "enabled" : "disabled")}: nothing written.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (approve != null && !approve(_gateway.ComputerName, ActionText(enabled)))
            {
                return Result(RepairStatus.Skipped, previous, previous, "Not confirmed: nothing written.");
            }

            if (enabled)
            {
                if (!_registry.KeyExists(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, cancellationToken))
                {
                    _registry.CreateKey(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, cancellationToken);
                }

                _registry.SetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, new RegistryValue(WindowsNames.UseVssCopyBackupValue, RegistryValueType.String, WindowsNames.UseVssCopyBackupData), cancellationToken);
            }
            else
            {
                _registry.DeleteValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken);
            }

            var after = _registry.GetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken);
            if (IsOn(after) != enabled)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, _gateway.ComputerName, $"{ValuePath} did not change: it reads '{Describe(after) ?? "(none)"}' after the write.");
            }

            return Result(RepairStatus.Repaired, previous, Describe(after), ActionText(enabled) + ".");
        }

        private RepairResult Result(RepairStatus status, string? before, string? after, string detail) =>
            new RepairResult(_gateway.ComputerName, RepairAction.SetVssCopyMode, status, detail, before: before, after: after);

        private static bool IsOn(RegistryValue? value) =>
            value?.Type == RegistryValueType.String && string.Equals(value.AsString?.Trim(), WindowsNames.UseVssCopyBackupData, StringComparison.OrdinalIgnoreCase);

        private static string? Describe(RegistryValue? value) =>
            value == null ? null : value.Type == RegistryValueType.String ? value.DataText() : $"{value.DataText()} ({RegistryValue.TypeName(value.Type)})";
    }
}
