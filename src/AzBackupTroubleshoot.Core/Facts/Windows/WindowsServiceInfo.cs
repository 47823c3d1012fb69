namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One Win32_Service instance, the properties the checks read.</summary>
    public sealed class WindowsServiceInfo
    {
        /// <summary>Name (the key), for example <c>WindowsAzureGuestAgent</c>.</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>DisplayName.</summary>
        public string? DisplayName { get; init; }

        /// <summary>State: Running, Stopped, Start Pending ...</summary>
        public string? State { get; init; }

        /// <summary>StartMode as Win32_Service reports it: Auto, Manual, Disabled, Boot, System.</summary>
        public string? StartMode { get; init; }

        /// <summary>StartName: the account, for example <c>LocalSystem</c> or <c>NT AUTHORITY\NetworkService</c>.</summary>
        public string? StartName { get; init; }

        /// <summary>PathName: the image path and arguments.</summary>
        public string? PathName { get; init; }

        /// <summary>True when State is Running.</summary>
        public bool IsRunning => string.Equals(State, "Running", StringComparison.OrdinalIgnoreCase);

        /// <summary>True when StartMode is Auto.</summary>
        public bool IsAutomatic => string.Equals(StartMode, "Auto", StringComparison.OrdinalIgnoreCase) || string.Equals(StartMode, "Automatic", StringComparison.OrdinalIgnoreCase);

        /// <summary>True when StartMode is Disabled.</summary>
        public bool IsDisabled => string.Equals(StartMode, "Disabled", StringComparison.OrdinalIgnoreCase);

        /// <summary>An evidence line: <c>Win32_Service WindowsAzureGuestAgent: State=Running StartMode=Auto StartName=LocalSystem</c>.</summary>
        public string Describe() => $"Win32_Service {Name}: State={State ?? "?"} StartMode={StartMode ?? "?"} StartName={StartName ?? "?"}";
    }
}
