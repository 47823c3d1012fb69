namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>One <c>key=value</c> of a sectioned configuration file (a systemd unit or drop-in, an INI file).</summary>
    public sealed class ConfigAssignment
    {
        private readonly string _separator;

        internal ConfigAssignment(string section, string key, string value, int lineNumber, string separator)
        {
            Section = section;
            Key = key;
            Value = value;
            LineNumber = lineNumber;
            _separator = separator;
        }

        /// <summary>The section, without brackets (for example <c>Service</c>).</summary>
        public string Section { get; }

        /// <summary>The key as written.</summary>
        public string Key { get; }

        /// <summary>The value (for unit files, continuation lines joined).</summary>
        public string Value { get; }

        /// <summary>The 1-based line the assignment starts on.</summary>
        public int LineNumber { get; }

        /// <summary>Evidence text naming file and line, written the way the file writes it
        /// (<c>/lib/systemd/system/walinuxagent.service line 9: Restart=always</c>).</summary>
        public string Evidence(string path) => $"{path} line {LineNumber.ToString(CultureInfo.InvariantCulture)}: {Key}{_separator}{Value}";
    }
}
