using System;

namespace AzBackupTroubleshoot.Core.Repairs.Windows
{
    /// <summary>What Set-AzBackupVssCopyMode found and left.</summary>
    public sealed class VssCopyModeState
    {
        /// <summary>Creates a state.</summary>
        public VssCopyModeState(string target, bool enabled, string? previousValue, bool changed)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Enabled = enabled;
            PreviousValue = previousValue;
            Changed = changed;
        }

        /// <summary>The computer.</summary>
        public string Target { get; }

        /// <summary>True when backups now take VSS copy backups (USEVSSCOPYBACKUP is REG_SZ TRUE).</summary>
        public bool Enabled { get; }

        /// <summary>USEVSSCOPYBACKUP before the call: its data (with the type when not REG_SZ), or null when it did not exist.</summary>
        public string? PreviousValue { get; }

        /// <summary>True when the registry was changed.</summary>
        public bool Changed { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Target}: Enabled={Enabled} Changed={Changed} PreviousValue={PreviousValue ?? "(none)"}";
    }
}
