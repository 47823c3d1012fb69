namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>
    /// What a check ran on, typed: a Linux root or the live machine, a Windows machine or capture, or an Azure VM. Every
    /// result carries one, so repairs route on <see cref="Kind"/> and the typed value, never on the name.
    /// </summary>
    public sealed class CheckTarget
    {
        private CheckTarget(TargetKind kind, string name, LinuxTarget? linux, CimTarget? windows, string? computerName, AzureVm? azureVm)
        {
            Kind = kind;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Linux = linux;
            Windows = windows;
            ComputerName = computerName;
            AzureVm = azureVm;
        }

        /// <summary>What the target is.</summary>
        public TargetKind Kind { get; }

        /// <summary>What results show as their target: a host name, a path, a computer name or a resource id.</summary>
        public string Name { get; }

        /// <summary>The Linux root or live machine, for the Linux kinds.</summary>
        public LinuxTarget? Linux { get; }

        /// <summary>How the Windows machine or capture was reached, for the Windows kinds.</summary>
        public CimTarget? Windows { get; }

        /// <summary>The Windows computer the facts describe (for a capture: the machine it was taken on).</summary>
        public string? ComputerName { get; }

        /// <summary>The VM, for <see cref="TargetKind.AzureVm"/>.</summary>
        public AzureVm? AzureVm { get; }

        /// <summary>True when the facts come from a running machine (the live Linux machine, a Windows machine through CIM), not from an offline copy.</summary>
        public bool IsLive => Kind == TargetKind.LinuxLive || Kind == TargetKind.WindowsLocal || Kind == TargetKind.WindowsRemote;

        /// <summary>True for the Windows kinds.</summary>
        public bool IsWindows => Kind == TargetKind.WindowsLocal || Kind == TargetKind.WindowsRemote || Kind == TargetKind.WindowsCapture;

        /// <summary>A target known only by name (results built by hand): no repair acts on it.</summary>
        public static CheckTarget Named(string name) => new CheckTarget(TargetKind.Unspecified, name, null, null, null, null);

        /// <summary>A Linux root, bundle or the live machine.</summary>
        public static CheckTarget For(LinuxTarget linux)
        {
            if (linux is null)
            {
                throw new ArgumentNullException(nameof(linux));
            }

            var kind = linux.IsLive ? TargetKind.LinuxLive : linux.IsBundle ? TargetKind.LinuxBundle : TargetKind.LinuxRoot;
            return new CheckTarget(kind, linux.Name, linux, null, null, null);
        }

        /// <summary>A Windows machine or capture; <paramref name="computerName"/> is the machine its facts describe.</summary>
        public static CheckTarget For(CimTarget windows, string computerName)
        {
            if (windows is null)
            {
                throw new ArgumentNullException(nameof(windows));
            }

            var kind = windows.Kind switch
            {
                CimTargetKind.Local => TargetKind.WindowsLocal,
                CimTargetKind.Capture => TargetKind.WindowsCapture,
                _ => TargetKind.WindowsRemote,
            };
            var name = computerName ?? windows.Name;
            return new CheckTarget(kind, name, null, windows, name, null);
        }

        /// <summary>An Azure VM.</summary>
        public static CheckTarget For(AzureVm vm)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            return new CheckTarget(TargetKind.AzureVm, vm.Id, null, null, null, vm);
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Kind})";
    }
}
