namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>
    /// Names the .NET Framework 4.5+ version from the <c>Release</c> value, by the minimum values Microsoft documents
    /// (dotnet/docs framework/install/how-to-determine-which-versions-are-installed.md).
    /// </summary>
    public static class DotNetFrameworkRelease
    {
        private static readonly (uint Minimum, string Name)[] Table =
        {
            (533320, "4.8.1"),
            (528040, "4.8"),
            (461808, "4.7.2"),
            (461308, "4.7.1"),
            (460798, "4.7"),
            (394802, "4.6.2"),
            (394254, "4.6.1"),
            (393295, "4.6"),
            (379893, "4.5.2"),
            (378675, "4.5.1"),
            (378389, "4.5"),
        };

        /// <summary>The version name (for example <c>4.8</c>), or null when the release is below 4.5.</summary>
        public static string? Name(uint release)
        {
            foreach (var (minimum, name) in Table)
            {
                if (release >= minimum)
                {
                    return name;
                }
            }

            return null;
        }
    }
}
