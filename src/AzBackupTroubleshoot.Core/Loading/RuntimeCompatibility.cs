namespace AzBackupTroubleshoot.Core.Loading
{
    /// <summary>
    /// Whether this process can run the module: Windows PowerShell 5.1 (.NET Framework, which loads the module's own copy
    /// of System.Text.Json), or PowerShell 7.4 and later, whose runtime's System.Text.Json is at least the version the
    /// module references. PowerShell 7.0–7.3 run on .NET Core 3.1, .NET 5, 6 and 7, whose System.Text.Json is older: the
    /// runtime's copy always wins there, so the first cmdlet that reads JSON would fail with a FileLoadException.
    /// </summary>
    public static class RuntimeCompatibility
    {
        /// <summary>The editions that work, as the refusal names them.</summary>
        public const string Supported = "PowerShell 7.4 or later, or Windows PowerShell 5.1";

        /// <summary>Null when the module can run; otherwise the message to refuse the import with.</summary>
        /// <param name="isDesktop">True on .NET Framework (Windows PowerShell).</param>
        /// <param name="runtime">The runtime, for the message (RuntimeInformation.FrameworkDescription).</param>
        /// <param name="powerShellVersion">The PowerShell version, for the message.</param>
        /// <param name="referencedJsonVersion">The System.Text.Json version the module's Core assembly references.</param>
        /// <param name="runtimeJsonVersion">The System.Text.Json version the runtime binds (its trusted platform assembly), or null when it has none.</param>
        public static string? RefusalMessage(bool isDesktop, string runtime, string powerShellVersion, Version referencedJsonVersion, Version? runtimeJsonVersion)
        {
            if (referencedJsonVersion is null)
            {
                throw new ArgumentNullException(nameof(referencedJsonVersion));
            }

            if (isDesktop || (runtimeJsonVersion != null && runtimeJsonVersion >= referencedJsonVersion))
            {
                return null;
            }

            var found = runtimeJsonVersion is null ? "has no System.Text.Json" : $"has System.Text.Json {runtimeJsonVersion}";
            return $"AzBackupTroubleshoot cannot run in PowerShell {powerShellVersion} on {runtime}: it needs System.Text.Json {referencedJsonVersion}, and this runtime {found}, " +
                $"which PowerShell always uses in place of a module's copy. Use {Supported} (the Azure Automation PowerShell 7.4 runtime environment works; 7.2 does not).";
        }
    }
}
