namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// Finds a command on a search path (the process's PATH by default), so commands run by full path through
    /// <see cref="ICommandRunner"/>. Tests give their own search path with recording stand-ins first.
    /// </summary>
    public sealed class CommandLocator
    {
        private readonly IReadOnlyList<string> _folders;

        /// <summary>Creates a locator over <paramref name="searchPath"/> (PATH syntax), or over the PATH variable when null.</summary>
        public CommandLocator(string? searchPath = null)
        {
            var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            _folders = path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>The full path of the first file named <paramref name="command"/> on the search path, or null.</summary>
        public string? Find(string command)
        {
            if (string.IsNullOrEmpty(command) || command.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                throw new ArgumentException("A bare command name is required.", nameof(command));
            }

            return _folders.Select(f => Path.Combine(f, command)).FirstOrDefault(File.Exists);
        }
    }
}
