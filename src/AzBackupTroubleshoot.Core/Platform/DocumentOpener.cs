using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>How a file would be opened in the desktop's default application, or why it cannot be.</summary>
    public sealed class OpenPlan
    {
        internal OpenPlan(string? fileName, string[] arguments, bool useShell, string? unavailableReason)
        {
            FileName = fileName;
            Arguments = arguments;
            UseShell = useShell;
            UnavailableReason = unavailableReason;
        }

        /// <summary>The program to start (the file itself when <see cref="UseShell"/> is set), or null when none.</summary>
        public string? FileName { get; }

        /// <summary>Its arguments.</summary>
        public string[] Arguments { get; }

        /// <summary>True on Windows: the shell picks the application registered for the file type.</summary>
        public bool UseShell { get; }

        /// <summary>Why the file cannot be opened here (no desktop session), or null.</summary>
        public string? UnavailableReason { get; }
    }

    /// <summary>
    /// Opens a file in the desktop's default application: the shell on Windows, <c>open</c> on macOS, <c>xdg-open</c> on
    /// Linux when a graphical session is present (DISPLAY or WAYLAND_DISPLAY). It does not wait for the application.
    /// </summary>
    public sealed class DocumentOpener
    {
        private readonly Func<string, string?> _environment;
        private readonly OSPlatform _platform;

        /// <summary>An opener for this machine.</summary>
        public DocumentOpener()
            : this(Environment.GetEnvironmentVariable, CurrentPlatform())
        {
        }

        /// <summary>An opener that reads the environment through <paramref name="environment"/> and acts as on <paramref name="platform"/>.</summary>
        public DocumentOpener(Func<string, string?> environment, OSPlatform platform)
        {
            _environment = environment ?? throw new ArgumentNullException(nameof(environment));
            _platform = platform;
        }

        /// <summary>Decides how <paramref name="path"/> would be opened, without starting anything.</summary>
        public OpenPlan Plan(string path)
        {
            if (_platform == OSPlatform.Windows)
            {
                return new OpenPlan(path, Array.Empty<string>(), useShell: true, unavailableReason: null);
            }

            if (_platform == OSPlatform.OSX)
            {
                return new OpenPlan("open", new[] { path }, useShell: false, unavailableReason: null);
            }

            if (string.IsNullOrEmpty(_environment("DISPLAY")) && string.IsNullOrEmpty(_environment("WAYLAND_DISPLAY")))
            {
                return new OpenPlan(null, Array.Empty<string>(), useShell: false, unavailableReason: "there is no desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set)");
            }

            return new OpenPlan("xdg-open", new[] { path }, useShell: false, unavailableReason: null);
        }

        /// <summary>Starts the default application for <paramref name="path"/>; returns why it could not, or null.</summary>
        public string? Open(string path)
        {
            var plan = Plan(path);
            if (plan.FileName is null)
            {
                return plan.UnavailableReason;
            }

            var info = new ProcessStartInfo(plan.FileName, ArgumentQuoting.Join(plan.Arguments)) { UseShellExecute = plan.UseShell };
            try
            {
                using var process = Process.Start(info);
                return null;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException)
            {
                return $"'{plan.FileName}' could not be started: {ex.Message}";
            }
        }

        private static OSPlatform CurrentPlatform() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
            : OSPlatform.Linux;
    }
}
