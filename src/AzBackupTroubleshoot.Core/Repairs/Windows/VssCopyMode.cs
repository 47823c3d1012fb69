using System;
using System.Threading;
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

        /// <summary>The current state (Changed is false).</summary>
        public VssCopyModeState Read(CancellationToken cancellationToken)
        {
            var current = _registry.GetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken);
            return new VssCopyModeState(_gateway.ComputerName, IsOn(current), Describe(current), changed: false);
        }

        /// <summary>The action text a confirmation prompt shows.</summary>
        public static string ActionText(bool enabled) =>
            enabled ? $"Set {ValuePath} = {WindowsNames.UseVssCopyBackupData} (REG_SZ)" : $"Remove {ValuePath}";

        /// <summary>Turns VSS copy mode on or off.</summary>
        /// <param name="enabled">The wanted state.</param>
        /// <param name="approve">Asked (target, action) right before the write; false leaves everything as it is. Null approves.</param>
        /// <param name="cancellationToken">Stops before the write.</param>
        /// <exception cref="CimGatewayException">A registry call failed.</exception>
        public VssCopyModeState Set(bool enabled, Func<string, string, bool>? approve, CancellationToken cancellationToken)
        {
            var current = _registry.GetValue(RegistryHive.LocalMachine, WindowsNames.BcdrAgentKey, WindowsNames.UseVssCopyBackupValue, cancellationToken);
            var previous = Describe(current);
            var isOn = IsOn(current);

            // Already as asked: enabling needs REG_SZ TRUE exactly; disabling needs no value at all.
            if ((enabled && isOn) || (!enabled && current == null))
            {
                return new VssCopyModeState(_gateway.ComputerName, isOn, previous, changed: false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (approve != null && !approve(_gateway.ComputerName, ActionText(enabled)))
            {
                return new VssCopyModeState(_gateway.ComputerName, isOn, previous, changed: false);
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

            var after = Read(cancellationToken);
            if (after.Enabled != enabled)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, _gateway.ComputerName, $"{ValuePath} did not change: it reads '{after.PreviousValue ?? "(none)"}' after the write.");
            }

            return new VssCopyModeState(_gateway.ComputerName, enabled, previous, changed: true);
        }

        private static bool IsOn(RegistryValue? value) =>
            value?.Type == RegistryValueType.String && string.Equals(value.AsString?.Trim(), WindowsNames.UseVssCopyBackupData, StringComparison.OrdinalIgnoreCase);

        private static string? Describe(RegistryValue? value) =>
            value == null ? null : value.Type == RegistryValueType.String ? value.DataText() : $"{value.DataText()} ({RegistryValue.TypeName(value.Type)})";
    }
}
