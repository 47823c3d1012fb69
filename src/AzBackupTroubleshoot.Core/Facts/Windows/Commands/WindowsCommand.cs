namespace AzBackupTroubleshoot.Core.Facts.Windows.Commands
{
    /// <summary>
    /// A read-only command the Windows facts run on the machine itself. Only the commands defined here exist: the program
    /// (below the system folder) and its argument list are fixed, nothing from input reaches them.
    /// </summary>
    public sealed class WindowsCommand
    {
        /// <summary><c>vssadmin list writers</c>: the VSS writers and their states (companion article, ExtensionFailedVssWriterInBadState).</summary>
        public static readonly WindowsCommand VssAdminListWriters = new WindowsCommand("vssadmin list writers", "vssadmin.exe", new[] { "list", "writers" });

        private WindowsCommand(string name, string program, IReadOnlyList<string> arguments)
        {
            Name = name;
            Program = program;
            Arguments = arguments;
        }

        /// <summary>The command as a user would type it; the key of the capture's <c>commands</c> section.</summary>
        public string Name { get; }

        /// <summary>The program's file name in the Windows system folder (System32).</summary>
        public string Program { get; }

        /// <summary>The argument list.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Every command, for a capture reader that checks its keys.</summary>
        public static IReadOnlyList<WindowsCommand> All { get; } = new[] { VssAdminListWriters };

        /// <summary>The command named <paramref name="name"/> (case-insensitive), or null.</summary>
        public static WindowsCommand? Find(string name) =>
            Array.Find((WindowsCommand[])All, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
